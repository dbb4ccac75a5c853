// One dashboard chart in a card whose title says what is counted and for which
// organization; a toggle shows the same figures as a table (for screen readers,
// colour-blind readers and copying into reports), and 导出 saves the chart as a PNG
// image or its figures as an .xlsx workbook. With `onPick`, clicking a bar or slice
// (or a table row) drills down into that item.
import { useRef, useState } from 'react';
import { App, Button, Card, Dropdown, Empty, Grid, Space, Table } from 'antd';
import { BarChartOutlined, DownloadOutlined, TableOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslation } from 'react-i18next';
import { chartPalette, brand } from '@/theme';
import { fmtCount, fmtPercent } from '@/modules/common/format';
import { echarts } from './echarts';
import { exportChartImage, exportChartData } from './chart-export';

export interface Datum { key: string; label: string; count: number }

interface Props {
  id: string;
  title: string;
  data: Datum[];
  kind: 'pie' | 'bar' | 'hbar';
  height?: number;
  /** drill-down: called with the clicked item's key */
  onPick?: (key: string) => void;
  /** what a click does, for the hint under the title (e.g. "点击柱条查看下级") */
  pickHint?: string;
}

export function ChartCard({ id, title, data, kind, height = 280, onPick, pickHint }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [asTable, setAsTable] = useState(false);
  const chartRef = useRef<ReactEChartsCore>(null);
  // On a phone the category labels of upright bars collide; lay the bars down instead.
  const narrow = Grid.useBreakpoint().sm === false;
  const shape = kind === 'bar' && narrow ? 'hbar' : kind;
  const total = data.reduce((s, d) => s + d.count, 0);
  const summary = data
    .map((d) => t('common.withNote', { main: `${d.label} ${fmtCount(d.count)}`, note: fmtPercent(d.count, total) }))
    .join(t('common.listSep'));
  const headingId = `chart-${id}`;

  return (
    <Card
      size="small"
      className="chart-card"
      title={<h2 id={headingId} className="chart-title">{title}</h2>}
      extra={
        <Space size={4} wrap>
          <Button
            size="small"
            icon={asTable ? <BarChartOutlined aria-hidden /> : <TableOutlined aria-hidden />}
            aria-pressed={asTable}
            aria-describedby={headingId}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? t('dashboard.showChart') : t('dashboard.showData')}
          </Button>
          <Dropdown
            disabled={total === 0}
            trigger={['click']}
            menu={{
              items: [
                { key: 'png', label: t('dashboard.exportImage'), disabled: asTable, 'data-testid': `chart-export-png-${id}` } as never,
                { key: 'xlsx', label: t('dashboard.exportData'), 'data-testid': `chart-export-xlsx-${id}` } as never,
              ],
              onClick: ({ key }) => {
                try {
                  if (key === 'png') {
                    const inst = chartRef.current?.getEchartsInstance();
                    if (inst) exportChartImage(inst, title);
                  } else {
                    exportChartData(title, data, [t('dashboard.colItem'), t('dashboard.colCount'), t('dashboard.colShare')]);
                  }
                } catch {
                  message.error(t('common.unknownError'));
                }
              },
            }}
          >
            <Button size="small" icon={<DownloadOutlined aria-hidden />} aria-describedby={headingId} data-testid={`chart-export-${id}`}>
              {t('dashboard.export')}
            </Button>
          </Dropdown>
        </Space>
      }
    >
      {onPick && pickHint && total > 0 && <p className="chart-hint">{pickHint}</p>}
      {total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noChartData')} style={{ height: height - 40 }} />
      ) : asTable ? (
        <Table<Datum>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={data}
          onRow={onPick ? (d) => ({ onClick: () => onPick(d.key), style: { cursor: 'pointer' } }) : undefined}
          columns={[
            {
              title: t('dashboard.colItem'),
              dataIndex: 'label',
              render: (v: string, d) => (onPick ? <a onClick={(e) => { e.preventDefault(); onPick(d.key); }} href="#">{v}</a> : v),
            },
            { title: t('dashboard.colCount'), dataIndex: 'count', align: 'right', render: (v: number) => fmtCount(v) },
            { title: t('dashboard.colShare'), key: 'share', align: 'right', render: (_, d) => fmtPercent(d.count, total) },
          ]}
        />
      ) : (
        <ReactEChartsCore
          ref={chartRef}
          echarts={echarts}
          onEvents={onPick ? { click: (p: { dataIndex: number }) => { const d = data[p.dataIndex]; if (d) onPick(d.key); } } : undefined}
          option={shape === 'pie' ? pieOption(data, total) : barOption(data, total, shape === 'hbar')}
          style={{ height, width: '100%' }}
          notMerge
          role="img"
          aria-label={t('dashboard.chartSummary', { title, items: summary })}
        />
      )}
    </Card>
  );
}

const pct = (count: number, total: number) => fmtPercent(count, total);
// ECharts tooltips are HTML; names come from the server.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pieOption(data: Datum[], total: number) {
  return {
    color: chartPalette,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}<br/>${fmtCount(p.value)} (${pct(p.value, total)})` },
    legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 13 } },
    series: [
      {
        type: 'pie',
        radius: ['38%', '64%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: (p: { name: string; value: number }) => `${p.name}\n${pct(p.value, total)}`, fontSize: 12, color: '#262626' },
        data: data.map((d) => ({ name: d.label, value: d.count })),
      },
    ],
  };
}

function barOption(data: Datum[], total: number, horizontal: boolean) {
  const categories = data.map((d) => d.label);
  const valueAxis = { type: 'value', axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } };
  const categoryAxis = { type: 'category', data: categories, axisLabel: { color: '#262626', interval: 0, fontSize: 12 }, inverse: horizontal };
  return {
    color: [brand.red],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: horizontal ? 96 : 16, top: horizontal ? 8 : 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        // Numbers on the bars, as the UI conventions ask.
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: '#262626',
          formatter: (p: { value: number }) => `${fmtCount(p.value)}${horizontal ? ' ' : '\n'}(${pct(p.value, total)})`,
          lineHeight: 16,
          fontSize: 12,
        },
        data: data.map((d) => d.count),
      },
    ],
  };
}
