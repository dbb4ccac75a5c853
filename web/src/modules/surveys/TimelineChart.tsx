// 每日回复数 and 累计: bars per day (China days) with the running total as a line on its own axis, and a toggle to
// the same figures as a table (UI conventions: every chart can show its data).
import { useState } from 'react';
import { Button, Card, Empty, Table } from 'antd';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { LineChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { brand, chartPalette } from '@/theme';
import { fmtCount } from '@/modules/common/format';
import { echarts } from '@/modules/dashboard/echarts';
import type { Timeline } from './surveys-api';

echarts.use([LineChart]);

export function TimelineChart({ title, data }: { title: string; data: Timeline['days'] }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.daily');
  const last = data.at(-1);
  return (
    <Card size="small" className="chart-card" title={<h2 className="chart-title">{title}</h2>} extra={
      <Button size="small" icon={asTable ? <BarChartOutlined aria-hidden /> : <TableOutlined aria-hidden />} aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
        {asTable ? t('dashboard.showChart') : t('dashboard.showData')}
      </Button>
    }>
      {!data.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={R('noReplies')} style={{ height: 200 }} />
        : asTable ? (
          <Table size="small" rowKey="date" pagination={false} dataSource={data} columns={[
            { title: R('date'), dataIndex: 'date', render: (v: string) => <span className="mono">{v}</span> },
            { title: R('daily'), dataIndex: 'replies', align: 'right', render: fmtCount },
            { title: R('cumulative'), dataIndex: 'cumulative', align: 'right', render: fmtCount },
          ]} />
        ) : (
          <ReactEChartsCore
            echarts={echarts}
            notMerge
            style={{ height: 260, width: '100%' }}
            role="img"
            aria-label={t('surveys.results.timelineSummary', { days: data.length, total: fmtCount(last?.cumulative ?? 0) })}
            option={{
              color: [chartPalette[0], brand.red],
              tooltip: { trigger: 'axis' },
              legend: { top: 0, data: [R('daily'), R('cumulative')] },
              grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: data.map((d) => d.date.slice(5)), axisLabel: { color: '#262626' } },
              yAxis: [
                { type: 'value', minInterval: 1, name: R('daily'), axisLabel: { color: '#595959' } },
                { type: 'value', minInterval: 1, name: R('cumulative'), axisLabel: { color: '#595959' }, splitLine: { show: false } },
              ],
              series: [
                { name: R('daily'), type: 'bar', barMaxWidth: 28, data: data.map((d) => d.replies), label: { show: data.length <= 14, position: 'top', color: '#262626' } },
                { name: R('cumulative'), type: 'line', yAxisIndex: 1, data: data.map((d) => d.cumulative), symbolSize: 6 },
              ],
            }}
          />
        )}
    </Card>
  );
}
