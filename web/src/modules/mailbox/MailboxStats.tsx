// 信件统计 (/admin/mailbox/stats): for the mailboxes the account reads (all of them, or one city's), over a span of
// China months — letters per month and category (a stacked bar chart), the days from writing to the approved answer
// per month (mean and median), and the open letters past their deadline per organization now handling them. Every
// chart can show its figures as a table (UI conventions). Its own chunk: ECharts is loaded only here.
import { useRef, useState, type ReactNode } from 'react';
import { Button, Card, Col, DatePicker, Empty, Form, Grid, Row, Select, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtCount } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { echarts } from '@/modules/dashboard/echarts';
import { brand, chartPalette } from '@/theme';
import { LETTER_CATEGORIES, useLetterStats, useMailboxes, type LetterCategory } from './mailbox-api';
import { MailboxTabs } from './MailboxTabs';

/** The months from `from` to `to` (YYYY-MM), so a month without letters still has its bar. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5));
  while (`${y}-${String(m).padStart(2, '0')}` <= to && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}
const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

export function MailboxStats({ me }: { me: Me }) {
  const { t } = useTranslation();
  const S = (k: string, o?: Record<string, unknown>) => String(t(`mailbox.stats.${k}` as never, o as never));
  const [orgId, setOrgId] = useState<string | undefined>();
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const q = useLetterStats({ orgId, from, to });
  const boxes = useMailboxes();
  const narrow = Grid.useBreakpoint().md === false;

  // The organizations the account may count: its whole scope, or one city's mailbox within it (as the server allows).
  const held = new Set(me.roles.filter((r) => r.role === 'org_admin' || r.role === 'org_viewer').map((r) => r.orgId));
  const all = boxes.data ?? [];
  const provinceId = all.find((b) => b.level === 'province')?.orgId;
  const readsAll = !!provinceId && held.has(provinceId);
  const mine = readsAll ? all : all.filter((b) => held.has(b.orgId));
  const cities = mine.filter((b) => b.level === 'city');
  const scopeName = orgId ? (mine.find((b) => b.orgId === orgId)?.orgName ?? '') : readsAll ? S('scopeAll') : mine.map((b) => b.orgName).join('、') || S('scopeMine');

  const data = q.data;
  const span = data ? S('span', { from: data.from, to: data.to }) : '';
  const months = data ? monthsBetween(data.from, data.to) : [];
  const byMonth = new Map(data?.months.map((m) => [m.month, m]) ?? []);
  const answeredBy = new Map(data?.answeredByMonth.map((m) => [m.month, m]) ?? []);
  const total = data?.months.reduce((n, m) => n + m.total, 0) ?? 0;
  const overdueTotal = data?.overdue.reduce((n, o) => n + o.letters, 0) ?? 0;
  const catName = (c: string) => t(`mailbox.categories.${c as LetterCategory}`);

  const monthRows = months.map((m) => ({ month: m, ...Object.fromEntries(LETTER_CATEGORIES.map((c) => [c, byMonth.get(m)?.counts[c] ?? 0])), total: byMonth.get(m)?.total ?? 0 }));
  const answerRows = months.map((m) => ({ month: m, answered: answeredBy.get(m)?.answered ?? 0, meanDays: answeredBy.get(m)?.meanDays ?? null, medianDays: answeredBy.get(m)?.medianDays ?? null }));
  const label = { show: true, position: 'top', color: '#262626', fontSize: 12 };

  const lettersOption = {
    color: chartPalette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', textStyle: { fontSize: 13 }, data: LETTER_CATEGORIES.map(catName) },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#262626', fontSize: 12 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      ...LETTER_CATEGORIES.map((c) => ({ name: catName(c), type: 'bar', stack: 'letters', barMaxWidth: 36, data: monthRows.map((r) => (r as unknown as Record<string, number>)[c]) })),
      // The month's total on top of the stack (an invisible bar carrying the label).
      { name: S('total'), type: 'bar', stack: 'letters', barMaxWidth: 36, itemStyle: { color: 'transparent' }, tooltip: { show: false },
        label: { ...label, formatter: (p: { dataIndex: number }) => (monthRows[p.dataIndex]?.total ? fmtCount(monthRows[p.dataIndex]!.total) : '') }, data: months.map(() => 0) },
    ],
  };
  const answerOption = {
    color: [chartPalette[0], chartPalette[1]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#262626', fontSize: 12 } },
    yAxis: { type: 'value', name: S('daysUnit'), axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: (['meanDays', 'medianDays'] as const).map((k) => ({
      name: S(k), type: 'bar', barMaxWidth: 28, barGap: '40%',
      // On a phone the two numbers of a month collide: the tooltip and the table carry them there.
      label: { ...label, show: !narrow, formatter: (p: { value: number | null }) => (p.value === null || p.value === undefined ? '' : days(p.value)) },
      data: answerRows.map((r) => r[k]),
    })),
  };
  const overdue = data?.overdue ?? [];
  const overdueOption = {
    color: [brand.red],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'category', inverse: true, data: overdue.map((o) => o.orgName), axisLabel: { color: '#262626', fontSize: 12, interval: 0 } },
    series: [{ type: 'bar', barMaxWidth: 28, name: S('overdueLetters'), label: { show: true, position: 'right', color: '#262626', fontSize: 12 }, data: overdue.map((o) => o.letters) }],
  };

  const monthColumns: ColumnsType<(typeof monthRows)[number]> = [
    { title: S('month'), dataIndex: 'month', fixed: 'left', width: 90, render: (v: string) => <span className="mono">{v}</span> },
    ...LETTER_CATEGORIES.map((c) => ({ title: catName(c), dataIndex: c, align: 'right' as const, render: (v: number) => fmtCount(v) })),
    { title: S('total'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{fmtCount(v)}</strong> },
  ];
  const answerColumns: ColumnsType<(typeof answerRows)[number]> = [
    { title: S('answerMonth'), dataIndex: 'month', render: (v: string) => <span className="mono">{v}</span> },
    { title: S('answered'), dataIndex: 'answered', align: 'right', render: (v: number) => fmtCount(v) },
    { title: S('meanDays'), dataIndex: 'meanDays', align: 'right', render: days },
    { title: S('medianDays'), dataIndex: 'medianDays', align: 'right', render: days },
  ];
  const overdueColumns: ColumnsType<(typeof overdue)[number]> = [
    { title: S('handlingOrg'), dataIndex: 'orgName' },
    { title: S('overdueLetters'), dataIndex: 'letters', align: 'right', render: (v: number) => fmtCount(v) },
  ];

  const filters = (
    <Form layout="inline" className="followup-filters">
      {(readsAll ? cities.length > 0 : cities.length > 1) && (
        <Form.Item label={S('org')} htmlFor="mb-stats-org">
          <Select<string> id="mb-stats-org" style={{ width: 200 }} value={orgId ?? ''} onChange={(v) => setOrgId(v || undefined)} showSearch optionFilterProp="label" data-testid="stats-org"
            options={[{ value: '', label: readsAll ? S('scopeAll') : S('scopeMine') }, ...cities.map((b) => ({ value: b.orgId, label: b.orgName }))]} />
        </Form.Item>
      )}
      <Form.Item label={S('from')} htmlFor="mb-stats-from">
        <DatePicker id="mb-stats-from" picker="month" format="YYYY-MM" allowClear={false} style={{ width: 120 }} data-testid="stats-from"
          value={data ? dayjs(`${data.from}-01`) : null} maxDate={data ? dayjs(`${data.to}-01`) : undefined}
          onChange={(d: Dayjs | null) => { if (d) setFrom(d.format('YYYY-MM')); if (d && !to && data) setTo(data.to); }} />
      </Form.Item>
      <Form.Item label={S('to')} htmlFor="mb-stats-to">
        <DatePicker id="mb-stats-to" picker="month" format="YYYY-MM" allowClear={false} style={{ width: 120 }} data-testid="stats-to"
          value={data ? dayjs(`${data.to}-01`) : null} minDate={data ? dayjs(`${data.from}-01`) : undefined}
          onChange={(d: Dayjs | null) => { if (d) setTo(d.format('YYYY-MM')); if (d && !from && data) setFrom(data.from); }} />
      </Form.Item>
      <Form.Item><Button onClick={() => { setOrgId(undefined); setFrom(undefined); setTo(undefined); }}>{t('mailbox.list.reset')}</Button></Form.Item>
    </Form>
  );

  return (
    <>
      <PageHeader title={S('title')} />
      <MailboxTabs current="stats" />
      <Card size="small" className="filter-card">{filters}</Card>
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : (
        <>
          <Row gutter={[16, 16]} className="mailbox-stats-figures" style={{ marginBottom: 16 }}>
            {[
              { k: 'letters', v: data ? fmtCount(total) : '—' },
              { k: 'answered', v: data ? fmtCount(data.answered) : '—' },
              { k: 'meanDays', v: days(data?.meanDays), suffix: S('daysUnit') },
              { k: 'medianDays', v: days(data?.medianDays), suffix: S('daysUnit') },
              { k: 'overdueLetters', v: data ? fmtCount(overdueTotal) : '—' },
            ].map((f) => (
              <Col key={f.k} xs={12} sm={8} lg={4} xl={4}>
                <Card size="small" loading={q.isPending}>
                  <Statistic title={S(f.k)} value={f.v} suffix={f.v === '—' ? undefined : f.suffix} data-testid={`stats-${f.k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <p className="muted small" style={{ marginTop: -8 }}>{data ? S('scopeNote', { scope: scopeName, span }) : ''}</p>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={24}>
              <ChartCard id="letters" title={S('lettersTitle', { scope: scopeName, span })} loading={q.isPending} empty={total === 0}
                summary={S('lettersSummary', { total: fmtCount(total), months: months.length })}
                option={lettersOption} height={narrow ? 300 : 340}
                table={<Table rowKey="month" size="small" pagination={false} dataSource={monthRows} columns={monthColumns} scroll={{ x: 640 }} data-testid="stats-letters-table" />} />
            </Col>
            <Col xs={24} xl={14}>
              <ChartCard id="answer" title={S('answerTitle', { scope: scopeName, span })} loading={q.isPending} empty={!data?.answered}
                summary={S('answerSummary', { answered: fmtCount(data?.answered ?? 0), mean: days(data?.meanDays), median: days(data?.medianDays) })}
                option={answerOption} height={300}
                table={<Table rowKey="month" size="small" pagination={false} dataSource={answerRows} columns={answerColumns} data-testid="stats-answer-table" />} />
            </Col>
            <Col xs={24} xl={10}>
              <ChartCard id="overdue" title={S('overdueTitle', { scope: scopeName })} loading={q.isPending} empty={overdue.length === 0} emptyText={S('noOverdue')}
                summary={overdue.map((o) => `${o.orgName} ${fmtCount(o.letters)}`).join(t('common.listSep'))}
                option={overdueOption} height={Math.max(160, overdue.length * 36 + 40)}
                table={<Table rowKey="orgId" size="small" pagination={false} dataSource={overdue} columns={overdueColumns} data-testid="stats-overdue-table" />} />
            </Col>
          </Row>
        </>
      )}
    </>
  );
}

function ChartCard({ id, title, summary, option, table, height, loading, empty, emptyText }: {
  id: string; title: string; summary: string; option: object; table: ReactNode; height: number; loading: boolean; empty: boolean; emptyText?: string;
}) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const ref = useRef<ReactEChartsCore>(null);
  const headingId = `mb-chart-${id}`;
  return (
    <Card size="small" className="chart-card" loading={loading} data-testid={`stats-chart-${id}`}
      title={<h2 id={headingId} className="chart-title">{title}</h2>}
      extra={!empty && (
        <Space size={4}>
          <Button size="small" icon={asTable ? <BarChartOutlined aria-hidden /> : <TableOutlined aria-hidden />} aria-pressed={asTable} aria-describedby={headingId}
            onClick={() => setAsTable(!asTable)} data-testid={`stats-toggle-${id}`}>
            {asTable ? t('dashboard.showChart') : t('dashboard.showData')}
          </Button>
        </Space>
      )}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('dashboard.noChartData')} style={{ minHeight: 120 }} />
        : asTable ? table : (
          <ReactEChartsCore ref={ref} echarts={echarts} option={option} notMerge style={{ height, width: '100%' }}
            role="img" aria-label={t('dashboard.chartSummary', { title, items: summary })} />
        )}
    </Card>
  );
}
