// 六个月未参加组织生活或未交纳党费预警 (the 自行脱党 rule): members of the chosen subtree whose last
// organizational life or dues payment is six or more months ago, with the two records to enter.
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Row, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { fmtCount, fmtDate } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { ActivityModal, type ActivityTarget } from './ActivityModal';
import { useInactiveMembers, type InactiveMember } from './flows-api';

const ALERT_MONTHS = 6;

export function InactiveAlerts({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ orgId?: string }>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [target, setTarget] = useState<ActivityTarget | null>(null);
  const list = useInactiveMembers(orgId);
  const rows = list.data ?? [];
  const L = (k: string) => t(`flows.fields.${k}` as 'flows.fields.memberName');

  const months = (n: number, last: string | null) => (
    <>
      <div>{last ? fmtDate(last) : <span className="muted">{t('flows.noRecord')}</span>}</div>
      {n >= ALERT_MONTHS ? <StatusTag tone="red">{t('flows.months', { n })}</StatusTag> : <span className="muted small">{t('flows.months', { n })}</span>}
    </>
  );

  const columns: ColumnsType<InactiveMember> = [
    { title: L('memberName'), dataIndex: 'name', fixed: 'left', width: 88 },
    { title: L('orgName'), dataIndex: 'orgName', width: 200, ellipsis: true },
    { title: L('lastLifeOn'), key: 'life', width: 150, sorter: (a, b) => a.monthsWithoutLife - b.monthsWithoutLife, render: (_, r) => months(r.monthsWithoutLife, r.lastLifeOn) },
    { title: L('lastDuesOn'), key: 'dues', width: 150, sorter: (a, b) => a.monthsWithoutDues - b.monthsWithoutDues, render: (_, r) => months(r.monthsWithoutDues, r.lastDuesOn) },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 200,
      render: (_: unknown, r: InactiveMember) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setTarget({ memberId: r.memberId, name: r.name, kind: 'life' })} aria-label={`${t('flows.actions.life')}：${r.name}`} data-testid="alert-life">
            {t('flows.actions.life')}
          </Button>
          <Button type="link" size="small" onClick={() => setTarget({ memberId: r.memberId, name: r.name, kind: 'dues' })} aria-label={`${t('flows.actions.dues')}：${r.name}`} data-testid="alert-dues">
            {t('flows.actions.dues')}
          </Button>
        </Space>
      ),
    }] : []),
  ];

  return (
    <>
      <Alert type="warning" showIcon title={t('flows.alertIntro')} className="form-alert" />
      <Card size="small" className="filter-card">
        <Form name="alert-filter" form={form} layout="vertical" onFinish={(v) => setOrgId(v.orgId)} role="search" aria-label={t('flows.alertFilters')}>
          <Row gutter={16}>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item name="orgId" label={L('org')}>
                <OrgPicker allowClear placeholder={t('flows.scopeAll')} aria-label={L('org')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={16} className="filter-actions">
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('common.search')}</Button>
                <Button onClick={() => { form.resetFields(); setOrgId(undefined); }}>{t('common.reset')}</Button>
                <ExportButton path="/api/exports/inactive-members.xlsx" query={{ orgId }} fileName={t('flows.exportAlertsFile')} testId="alert-export" />
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('flows.alertEmptyTitle')} hint={t('flows.alertEmptyHint')} />
      ) : (
        <Table<InactiveMember>
          rowKey="memberId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          scroll={{ x: canWrite ? 790 : 590 }}
          onRow={() => ({ 'data-testid': 'alert-row' }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t('flows.alertCount', { n: fmtCount(n) }), size: 'small' }}
          footer={rows.length >= 1000 ? () => <span className="muted">{t('flows.alertLimit')}</span> : undefined}
        />
      )}
      <ActivityModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
