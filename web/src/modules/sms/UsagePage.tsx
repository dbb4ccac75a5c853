// 短信用量: what the carriers bill, per organization and China month — a month picker (this China month by default),
// a table a level at a time (each child with its whole subtree, and the level's own line) with a trail back up, the
// total, and the same report as an Excel file.
import { useState } from 'react';
import { Breadcrumb, Card, DatePicker, Form, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { fmtCount } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { useUsage, type UsageFigures, type UsageLine } from './sms-api';
import { chinaDateTime } from './sms-format';
import { ScrollRegion } from './ScrollRegion';

/** The billed segments first: on a narrow screen they show beside the organization without scrolling. */
const FIGURES = ['segments', 'messages', 'delivered', 'failed', 'unknown', 'awaiting'] as const satisfies readonly (keyof UsageFigures)[];

/** This month in China, 'YYYY-MM', whatever the browser's zone. */
const chinaMonth = () => chinaDateTime(new Date().toISOString()).slice(0, 7);

export function UsagePage(_: { me: Me }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(chinaMonth);
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const parentId = trail.at(-1)?.id;
  const q = useUsage(month, parentId);
  const data = q.data;
  const levels = data && trail.length === 0 ? [data.parent] : trail;
  const U = (k: string) => t(`sms.usage.${k}` as 'sms.usage.title');
  const drill = (line: UsageLine) => setTrail([...levels, { id: line.orgId, name: line.orgName }]);

  const columns: ColumnsType<UsageLine> = [
    {
      title: U('org'), dataIndex: 'orgName', width: 170, fixed: 'left',
      render: (name: string, r) => (r.own ? <span>{name}<span className="muted small">（{U('own')}）</span></span>
        : r.hasChildren ? <a href="#" onClick={(e) => { e.preventDefault(); drill(r); }} aria-label={t('sms.usage.drill', { name })} data-testid="usage-drill">{name}</a>
        : name),
    },
    ...FIGURES.map((k) => ({
      title: U(k), key: k, width: k === 'segments' ? 100 : 90, align: 'right' as const,
      render: (_: unknown, r: UsageLine) => (k === 'segments' ? <strong>{fmtCount(r.figures[k])}</strong> : fmtCount(r.figures[k])),
    })),
  ];

  return (
    <>
      <PageHeader
        title={U('title')}
        extra={
          <Space wrap>
            <Form layout="inline">
              <Form.Item label={U('month')} htmlFor="usage-month" style={{ marginInlineEnd: 0 }}>
                <DatePicker
                  id="usage-month"
                  picker="month"
                  allowClear={false}
                  value={dayjs(`${month}-01`)}
                  maxDate={dayjs(`${chinaMonth()}-01`)}
                  onChange={(d: Dayjs | null) => { if (d) { setMonth(d.format('YYYY-MM')); } }}
                  format="YYYY-MM"
                  style={{ width: 130 }}
                  data-testid="usage-month"
                />
              </Form.Item>
            </Form>
            <ExportButton path="/api/exports/sms-usage.xlsx" query={{ month, parentId }} fileName={U('exportFile')} testId="usage-export" />
          </Space>
        }
      >
        {levels.length > 0 && (
          <nav aria-label={U('trail')} className="sms-trail">
            <Breadcrumb items={levels.map((l, i) => (i === levels.length - 1
              ? { key: l.id, title: <span aria-current="page">{l.name}</span> }
              : { key: l.id, title: <a href="#" onClick={(e) => { e.preventDefault(); setTrail(levels.slice(0, i + 1)); }}>{l.name}</a> }))} />
          </nav>
        )}
      </PageHeader>
      <Card className="sms-card">
        {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
          : !q.isPending && !data?.items.length ? <EmptyPanel title={U('empty')} />
          : (
            <ScrollRegion label={U('title')}>
              <Table<UsageLine>
                rowKey={(r) => `${r.orgId}:${r.own}`}
                size="small"
                columns={columns}
                dataSource={data?.items ?? []}
                loading={q.isPending || q.isFetching}
                pagination={false}
                style={{ minWidth: 780 }}
                onRow={() => ({ 'data-testid': 'usage-row' }) as React.HTMLAttributes<HTMLElement>}
                summary={() => data && (
                  <Table.Summary fixed>
                    <Table.Summary.Row data-testid="usage-total">
                      <Table.Summary.Cell index={0}><strong>{U('total')}</strong></Table.Summary.Cell>
                      {FIGURES.map((k, i) => (
                        <Table.Summary.Cell key={k} index={i + 1} align="right"><strong>{fmtCount(data.total[k])}</strong></Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  </Table.Summary>
                )}
              />
            </ScrollRegion>
          )}
        <p className="muted small sms-note">{U('note')}</p>
      </Card>
    </>
  );
}
