// 办理进度: follow-up items per organization, a level at a time (each direct child with its whole subtree, and the
// level's own line) with a trail back up: a table (未办结, 已解决, 已说明, 已逾期, 已升级, 办结率, 合计) and a stacked
// bar chart of the same figures, both exportable (the figures as .xlsx, the chart as a PNG image).
import { useRef, useState } from 'react';
import { Breadcrumb, Button, Card, Grid, Space, Table } from 'antd';
import { BarChartOutlined, DownloadOutlined, TableOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { saveBlob } from '@/api/download';
import type { followupsZh } from '@/i18n/sections/followups.zh-CN';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtCount, fmtPercent } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { XLSX_MIME, xlsxBytes } from '@/modules/common/xlsx-lite';
import { echarts } from '@/modules/dashboard/echarts';
import { exportChartImage } from '@/modules/dashboard/chart-export';
import { chartPalette } from '@/theme';
import { useProgress, type ProgressCounts, type ProgressLine } from './followups-api';

const FIGURES = ['open', 'resolved', 'explained', 'overdue', 'escalated'] as const satisfies readonly (keyof ProgressCounts)[];
/** The stacked parts of a bar: they add up to the line's total. */
const STACK = ['resolved', 'explained', 'open'] as const;
const rate = (c: ProgressCounts) => (c.total ? fmtPercent(c.resolved + c.explained, c.total) : '—');

export function ProgressPage(_: { me: Me }) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState<string | undefined>();
  const [asTable, setAsTable] = useState(false);
  const chartRef = useRef<ReactEChartsCore>(null);
  const narrow = Grid.useBreakpoint().md === false;
  const q = useProgress(parentId);
  const data = q.data;
  const P = (k: keyof typeof followupsZh.progress) => t(`followups.progress.${k}` as const);
  const label = (l: ProgressLine) => (l.own ? `${l.orgName}（${P('own')}）` : l.orgName);
  const chartTitle = data ? t('followups.progress.chartTitle', { org: data.parent.name }) : '';

  const columns: ColumnsType<ProgressLine> = [
    {
      title: P('org'), dataIndex: 'orgName', width: 180, fixed: 'left',
      render: (name: string, r) => (r.own ? <span>{name}<span className="muted small">（{P('own')}）</span></span>
        : r.hasChildren ? <a href="#" onClick={(e) => { e.preventDefault(); setParentId(r.orgId); }} aria-label={t('followups.progress.drill', { name })} data-testid="progress-drill">{name}</a>
        : name),
    },
    ...FIGURES.map((k) => ({
      title: P(k), key: k, width: 84, align: 'right' as const,
      render: (_: unknown, r: ProgressLine) => (k === 'overdue' || k === 'escalated') && r.counts[k] > 0 ? <span className="followup-overdue">{fmtCount(r.counts[k])}</span> : fmtCount(r.counts[k]),
    })),
    { title: P('total'), key: 'total', width: 80, align: 'right', render: (_: unknown, r) => <strong>{fmtCount(r.counts.total)}</strong> },
    { title: P('rate'), key: 'rate', width: 90, align: 'right', render: (_: unknown, r) => rate(r.counts) },
  ];

  const exportData = () => {
    if (!data) return;
    const head = [P('org'), ...FIGURES.map((k) => P(k)), P('total'), P('rate')];
    const line = (name: string, c: ProgressCounts) => [name, ...FIGURES.map((k) => c[k]), c.total, rate(c)];
    const rows = [head, ...data.items.map((l) => line(label(l), l.counts)), line(P('total'), data.totals)];
    saveBlob(new Blob([xlsxBytes(P('title'), rows)], { type: XLSX_MIME }), `${P('exportFile')}-${data.parent.name}.xlsx`);
  };
  const exportImage = () => {
    const inst = chartRef.current?.getEchartsInstance();
    if (inst) exportChartImage(inst, chartTitle);
  };

  const lines = data?.items.filter((l) => !l.own || l.counts.total > 0) ?? [];
  return (
    <>
      <PageHeader
        title={P('title')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={exportData} disabled={!data} data-testid="progress-export">{P('exportData')}</Button>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={exportImage} disabled={!data || asTable}>{P('exportImage')}</Button>
          </Space>
        }
      >
        {data && (
          <nav aria-label={P('trail')} className="sms-trail">
            <Breadcrumb items={data.trail.map((l, i) => (i === data.trail.length - 1
              ? { key: l.id, title: <span aria-current="page" data-testid="progress-current">{l.name}</span> }
              : { key: l.id, title: <a href="#" onClick={(e) => { e.preventDefault(); setParentId(i === 0 ? undefined : l.id); }}>{l.name}</a> }))} />
          </nav>
        )}
      </PageHeader>
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : (
        <>
          <Card
            size="small" className="followup-card"
            title={<h2 className="chart-title" id="progress-chart-title">{chartTitle}</h2>}
            extra={
              <Button size="small" icon={asTable ? <BarChartOutlined aria-hidden /> : <TableOutlined aria-hidden />} aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
                {asTable ? P('showChart') : P('showData')}
              </Button>
            }
          >
            {data && data.totals.total === 0 ? <EmptyPanel title={P('empty')} /> : asTable ? (
              <ul className="followup-chart-data">
                {lines.map((l) => <li key={`${l.orgId}:${l.own}`}>{label(l)}：{STACK.map((k) => `${P(k)} ${fmtCount(l.counts[k])}`).join('，')}</li>)}
              </ul>
            ) : data && (
              <ReactEChartsCore
                ref={chartRef}
                echarts={echarts}
                notMerge
                style={{ height: narrow ? Math.max(260, lines.length * 34 + 80) : 340, width: '100%' }}
                option={stackedOption(lines.map(label), STACK.map((k) => ({ name: P(k), data: lines.map((l) => l.counts[k]) })), narrow)}
                onEvents={{ click: (p: { dataIndex: number }) => { const l = lines[p.dataIndex]; if (l && !l.own && l.hasChildren) setParentId(l.orgId); } }}
                role="img"
                aria-label={`${chartTitle}：${lines.map((l) => `${label(l)} ${STACK.map((k) => `${P(k)}${l.counts[k]}`).join('、')}`).join('；')}`}
              />
            )}
          </Card>
          <Card size="small" className="followup-card">
            <Table<ProgressLine>
              rowKey={(r) => `${r.orgId}:${r.own}`}
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={q.isPending || q.isFetching}
              pagination={false}
              scroll={{ x: 720 }}
              onRow={() => ({ 'data-testid': 'progress-row' }) as React.HTMLAttributes<HTMLElement>}
              summary={() => data && (
                <Table.Summary fixed>
                  <Table.Summary.Row data-testid="progress-total">
                    <Table.Summary.Cell index={0}><strong>{P('total')}</strong></Table.Summary.Cell>
                    {FIGURES.map((k, i) => <Table.Summary.Cell key={k} index={i + 1} align="right"><strong>{fmtCount(data.totals[k])}</strong></Table.Summary.Cell>)}
                    <Table.Summary.Cell index={FIGURES.length + 1} align="right"><strong>{fmtCount(data.totals.total)}</strong></Table.Summary.Cell>
                    <Table.Summary.Cell index={FIGURES.length + 2} align="right"><strong>{rate(data.totals)}</strong></Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
            <p className="muted small sms-note">{P('note')}</p>
          </Card>
        </>
      )}
    </>
  );
}

/** Bars stacked per organization, numbers on each part; laid down on a narrow screen so that names stay readable. */
function stackedOption(categories: string[], series: { name: string; data: number[] }[], horizontal: boolean) {
  const valueAxis = { type: 'value', minInterval: 1, axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } };
  const categoryAxis = { type: 'category', data: categories, inverse: horizontal, axisLabel: { color: '#262626', interval: 0, fontSize: 12, rotate: horizontal || categories.length <= 6 ? 0 : 30 } };
  return {
    color: [chartPalette[2], chartPalette[4], chartPalette[0]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s, i) => ({
      type: 'bar', stack: 'items', name: s.name, barMaxWidth: 40, data: s.data,
      // Dark text on the orange part, white on the green and blue ones (contrast).
      label: { show: true, color: i === 1 ? '#262626' : '#fff', fontSize: 12, formatter: (p: { value: number }) => (p.value ? fmtCount(p.value) : '') },
    })),
  };
}
