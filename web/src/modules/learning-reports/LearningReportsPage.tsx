// 学习统计: an organization's completion rate, hours per member and participation for a year, and its subordinate
// organizations ranked (a bar chart beside the table); clicking one drills down, the breadcrumb climbs back up as far
// as the actor's scope reaches. The organization and the year are in the URL (?org=&year=). Organization figures are
// computed periodically (统计时间 is shown); a branch's members' hours come from the ledger. No ranking of people.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Breadcrumb, Button, Card, Col, Drawer, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { brand } from '@/theme';
import { echarts } from '@/modules/dashboard/echarts';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { useOrgRoots } from '@/modules/orgs/orgs-api';
import { useOrgMembers, useOrgReport, useTranscript, type MemberProgress, type OrgFigures, type RankedChild, type Sort } from './learning-reports-api';

const PAGE = 50;
const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function LearningReportsPage(_: { me: Me }) {
  const { t } = useTranslation();
  const roots = useOrgRoots();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ?? roots.data?.[0]?.id ?? null;
  const year = Number(params.get('year')) || thisYear();
  const [sort, setSort] = useState<Sort>('rate');
  const [offset, setOffset] = useState(0);
  const [transcriptOf, setTranscriptOf] = useState<string | null>(null);
  const set = (k: string, v: string) => { setOffset(0); setParams((p) => { p.set(k, v); return p; }); };
  const report = useOrgReport(orgId, year, sort, offset, PAGE);
  const r = report.data;
  const isBranch = r !== undefined && (r.org.type.includes('branch') || r.total === 0);
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);

  return (
    <>
      <PageHeader
        title={t('learningReports.title')}
        extra={
          <Space wrap>
            <Select aria-label={t('learningReports.year')} value={year} onChange={(y) => set('year', String(y))} style={{ width: 110 }} data-testid="lr-year"
              options={years.map((y) => ({ value: y, label: t('learningReports.yearOption', { year: y }) }))} />
            {orgId && <ExportButton path="/api/exports/learning-orgs.xlsx" query={{ orgId, year, sort }} fileName="学习完成情况.xlsx" label={t('learningReports.exportRanking')} testId="lr-export-orgs" />}
            {orgId && isBranch && <ExportButton path="/api/exports/learning-members.xlsx" query={{ orgId, year }} fileName="学时统计.xlsx" label={t('learningReports.exportMembers')} testId="lr-export-members" />}
          </Space>
        }
      >
        {r && r.trail.length > 0 && (
          <nav aria-label={t('learningReports.trail')}>
            <Breadcrumb items={r.trail.map((a, i) => (i === r.trail.length - 1
              ? { key: a.id, title: <span aria-current="page">{a.name}</span> }
              : { key: a.id, title: <a href={`?org=${a.id}&year=${year}`} onClick={(e) => { e.preventDefault(); set('org', a.id); }}>{a.name}</a> }))} />
          </nav>
        )}
      </PageHeader>
      {report.isError && <ErrorResult error={report.error} onRetry={() => void report.refetch()} />}
      {!r && !report.isError && <Skeleton active paragraph={{ rows: 8 }} />}
      {r && (
        <>
          <Typography.Paragraph type="secondary" data-testid="lr-refreshed">
            {r.refreshedAt ? t('learningReports.refreshedAt', { at: chinaDateTime(r.refreshedAt, false) }) : t('learningReports.notYet')}
            {' · '}{t('learningReports.duty', { member: r.dutyHours.member, cadre: r.dutyHours.cadre })}
          </Typography.Paragraph>
          <Figures f={r.org.figures} />
          {r.total > 0 && (
            <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
              <Col xs={24} xl={10}>
                <Card size="small" title={<h2 className="chart-title">{t('learningReports.chart')}</h2>}>
                  <p className="chart-hint">{t('learningReports.drillHint')}</p>
                  <RateChart rows={r.children} onPick={(c) => c.hasChildren || c.figures.members > 0 ? set('org', c.id) : undefined} />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card size="small" title={<h2 className="chart-title">{r.org.name} · {t('learningReports.children')}</h2>}
                  extra={<Select size="small" aria-label={t('learningReports.sortBy')} value={sort} onChange={(s) => { setSort(s); setOffset(0); }} style={{ width: 130 }}
                    options={(['rate', 'hours', 'participation'] as const).map((s) => ({ value: s, label: t(`learningReports.sort.${s}`) }))} />}>
                  <ChildrenTable rows={r.children} total={r.total} offset={offset} onPage={setOffset} onPick={(id) => set('org', id)} />
                </Card>
              </Col>
            </Row>
          )}
          {isBranch && <MembersCard orgId={r.org.id} year={year} onOpen={setTranscriptOf} />}
        </>
      )}
      <TranscriptDrawer memberId={transcriptOf} year={year} onClose={() => setTranscriptOf(null)} />
    </>
  );
}

function Figures({ f }: { f: OrgFigures }) {
  const { t } = useTranslation();
  const items: [string, number | string, string?][] = [
    [t('learningReports.figures.rate'), f.rate, '%'],
    [t('learningReports.figures.members'), fmtCount(f.members), t('learningReports.unitPeople')],
    [t('learningReports.figures.met'), fmtCount(f.met), t('learningReports.unitPeople')],
    [t('learningReports.figures.avgHours'), f.avgHours, t('learningReports.unitHours')],
    [t('learningReports.figures.participation'), f.participation, '%'],
    [t('learningReports.figures.cadreRate'), f.cadreRate, '%'],
  ];
  return (
    <section aria-label={t('learningReports.title')}>
      <Row gutter={[12, 12]}>
        {items.map(([title, value, suffix], i) => (
          <Col key={title} xs={12} sm={8} xl={4}>
            <Card size="small" className="stat-card"><Statistic title={title} value={value} suffix={suffix} data-testid={i === 0 ? 'lr-rate' : undefined} /></Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function RateChart({ rows, onPick }: { rows: RankedChild[]; onPick: (c: RankedChild) => void }) {
  const shown = rows.filter((c) => c.figures.members > 0).slice(0, 15);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const option = {
    color: [brand.red],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: { dataIndex: number }[]) => { const c = shown[p[0].dataIndex]; return `${escapeHtml(c.name)}<br/>${c.figures.rate}% (${c.figures.met}/${c.figures.members})`; } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'category', inverse: true, data: shown.map((c) => c.name), axisLabel: { interval: 0, fontSize: 12, width: 110, overflow: 'truncate' } },
    series: [{ type: 'bar', barMaxWidth: 22, label: { show: true, position: 'right', formatter: '{c}%', fontSize: 12 }, data: shown.map((c) => c.figures.rate) }],
  };
  return (
    <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(200, shown.length * 30 + 30), width: '100%' }}
      onEvents={{ click: (p: { dataIndex: number }) => { const c = shown[p.dataIndex]; if (c) onPick(c); } }}
      role="img" aria-label={shown.map((c) => `${c.name} ${c.figures.rate}%`).join('，')} />
  );
}

function ChildrenTable({ rows, total, offset, onPage, onPick }: { rows: RankedChild[]; total: number; offset: number; onPage: (o: number) => void; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table<RankedChild>
      size="small" rowKey="id" dataSource={rows} scroll={{ x: 640 }} data-testid="lr-children"
      pagination={total > PAGE ? { current: offset / PAGE + 1, pageSize: PAGE, total, showSizeChanger: false, onChange: (p) => onPage((p - 1) * PAGE), showTotal: (n: number) => t('learningReports.total', { count: n }) } : false}
      columns={[
        { title: t('learningReports.col.rank'), dataIndex: 'rank', width: 56, align: 'right', render: (v: number, c) => (c.figures.members > 0 ? v : '—') },
        { title: t('learningReports.col.org'), dataIndex: 'name', render: (v: string, c) => (c.hasChildren || c.figures.members > 0
          ? <a href="#" aria-label={t('learningReports.drill', { name: v })} onClick={(e) => { e.preventDefault(); onPick(c.id); }}>{v}</a> : v) },
        { title: t('learningReports.col.rate'), key: 'rate', width: 160, render: (_, c) => <Progress aria-label={`${c.name} ${t('learningReports.col.rate')}`} percent={c.figures.rate} size="small" strokeColor={brand.red} format={(p) => `${p}%`} /> },
        { title: t('learningReports.col.members'), key: 'members', align: 'right', render: (_, c) => fmtCount(c.figures.members) },
        { title: t('learningReports.col.met'), key: 'met', align: 'right', render: (_, c) => fmtCount(c.figures.met) },
        { title: t('learningReports.col.avgHours'), key: 'avg', align: 'right', render: (_, c) => c.figures.avgHours },
        { title: t('learningReports.col.participation'), key: 'part', align: 'right', render: (_, c) => `${c.figures.participation}%` },
      ]}
    />
  );
}

function MembersCard({ orgId, year, onOpen }: { orgId: string; year: number; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const q = useOrgMembers(orgId, year, true);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<h2 className="chart-title">{t('learningReports.members')}</h2>}>
      <Table<MemberProgress>
        size="small" rowKey="id" dataSource={rows} loading={q.isLoading} pagination={false} scroll={{ x: 560 }} data-testid="lr-members"
        columns={[
          { title: t('learningReports.memberCols.name'), dataIndex: 'name', render: (v: string, m) => <a href="#" onClick={(e) => { e.preventDefault(); onOpen(m.id); }}>{v}</a> },
          { title: t('learningReports.memberCols.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('learningReports.memberCols.duty'), dataIndex: 'dutyHours', align: 'right', render: (v: number, m) => `${v}${m.cadre ? `（${t('learningReports.memberCols.cadre')}）` : ''}` },
          { title: t('learningReports.memberCols.percent'), dataIndex: 'percent', width: 160, render: (v: number, m) => <Progress aria-label={`${m.name} ${t('learningReports.memberCols.percent')}`} percent={v} size="small" strokeColor={brand.red} /> },
        ]}
      />
      {q.hasNextPage && <Button style={{ marginTop: 8 }} loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>{t('learningReports.more')}</Button>}
    </Card>
  );
}

function TranscriptDrawer({ memberId, year, onClose }: { memberId: string | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useTranscript(memberId, year);
  const d = q.data;
  return (
    <Drawer open={memberId !== null} onClose={onClose} size="large" title={d ? `${d.member.name} · ${t('learningReports.transcript')}` : t('learningReports.transcript')}
      extra={memberId && <ExportButton path="/api/exports/learning-transcript.xlsx" query={{ memberId, year }} fileName="学习档案.xlsx" label={t('learningReports.exportTranscript')} />}>
      {q.isError && <ErrorResult error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <Typography.Paragraph>{d.member.orgName}</Typography.Paragraph>
          <Progress aria-label={t('learningReports.memberCols.percent')} percent={d.percent} strokeColor={brand.red} format={() => `${Math.round(d.minutes / 6) / 10} / ${d.dutyMinutes / 60} ${t('learningReports.unitHours')}`} />
          <Space wrap style={{ margin: '12px 0' }}>
            {d.byKind.filter((k) => k.minutes > 0).map((k) => <Statistic key={k.kind} title={t(`learningReports.byKind.${k.kind as 'lesson'}`)} value={Math.round(k.minutes / 6) / 10} suffix={t('learningReports.unitHours')} />)}
          </Space>
          <Table size="small" rowKey="id" dataSource={d.items} pagination={false}
            columns={[
              { title: t('learningReports.transcriptCols.day'), dataIndex: 'day', width: 110 },
              { title: t('learningReports.transcriptCols.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`learningReports.byKind.${k as 'lesson'}`) },
              { title: t('learningReports.transcriptCols.title'), dataIndex: 'title' },
              { title: t('learningReports.transcriptCols.minutes'), dataIndex: 'minutes', align: 'right', width: 100 },
            ]} />
        </>
      )}
    </Drawer>
  );
}
