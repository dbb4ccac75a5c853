// 工作台: figures and charts for one organization's subtree (the scope root by default).
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Form, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bucket, Dashboard } from '@/api/types';
import { enumLabel, type EnumGroup } from '@/i18n/enums';
import { ChartCard, type Datum } from '@/modules/dashboard/ChartCard';
import { useDashboard } from '@/modules/dashboard/dashboard-api';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { useOrgRoots } from '@/modules/orgs/orgs-api';

const TOTALS = ['members', 'full', 'probationary', 'migrants', 'lostContact', 'orgs', 'branches', 'stations'] as const;
const ORG_TOTALS = new Set<string>(['orgs', 'branches', 'stations']);

type ChartKey = 'byCategory' | 'byAgeBand' | 'byGender' | 'byEducation' | 'migrantsByDestination' | 'orgsByType' | 'stationsByType' | 'stationsByStatus';
const CHARTS: { key: ChartKey; kind: 'pie' | 'bar' | 'hbar'; group?: EnumGroup }[] = [
  { key: 'byCategory', kind: 'pie', group: 'category' },
  { key: 'byAgeBand', kind: 'bar', group: 'ageBand' },
  { key: 'byGender', kind: 'pie', group: 'gender' },
  { key: 'byEducation', kind: 'hbar', group: 'education' },
  { key: 'migrantsByDestination', kind: 'hbar' },
  { key: 'orgsByType', kind: 'hbar', group: 'orgType' },
  { key: 'stationsByType', kind: 'bar', group: 'stationType' },
  { key: 'stationsByStatus', kind: 'pie', group: 'stationStatus' },
];

export function DashboardPage() {
  const { t } = useTranslation();
  const roots = useOrgRoots();
  const [orgId, setOrgId] = useState<string | null>(null);
  const dash = useDashboard(orgId);

  useEffect(() => {
    if (!orgId && roots.data?.[0]) setOrgId(roots.data[0].id);
  }, [orgId, roots.data]);

  const d = dash.data;
  const toData = (buckets: Bucket[], group?: EnumGroup): Datum[] =>
    buckets.map((b) => ({ key: b.key, label: group ? enumLabel(t, group, b.key) : b.key, count: b.count }));

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        extra={
          <Form layout="inline" className="dash-scope">
            <Form.Item label={t('dashboard.orgLabel')} htmlFor="dash-org" style={{ marginInlineEnd: 0 }}>
              <OrgPicker id="dash-org" value={orgId} initialLabel={d?.org.name} onChange={(id) => id && setOrgId(id)} style={{ minWidth: 220 }} />
            </Form.Item>
          </Form>
        }
      />
      {dash.isError && <ErrorResult error={dash.error} onRetry={() => void dash.refetch()} />}
      {!d && !dash.isError && <Skeleton active paragraph={{ rows: 8 }} />}
      {d && <DashboardBody d={d} toData={toData} />}
    </>
  );
}

function DashboardBody({ d, toData }: { d: Dashboard; toData: (b: Bucket[], g?: EnumGroup) => Datum[] }) {
  const { t } = useTranslation();
  const w = d.warnings;
  return (
    <>
      <section aria-label={t('dashboard.title')}>
        <Row gutter={[12, 12]} className="dash-totals">
          {TOTALS.map((k) => (
            <Col key={k} xs={12} sm={8} lg={6} xxl={3}>
              <Card size="small" className="stat-card">
                <Statistic
                  title={t(`dashboard.totals.${k}`)}
                  value={d.totals[k]}
                  suffix={ORG_TOTALS.has(k) ? t('dashboard.unitOrgs') : t('dashboard.unitPeople')}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      {(w.tooFewFullMembers > 0 || w.tooManyMembers > 0) && (
        <Alert
          type="warning"
          showIcon
          className="dash-warnings"
          title={t('dashboard.warnings')}
          description={[
            w.tooFewFullMembers > 0 ? t('dashboard.tooFew', { count: w.tooFewFullMembers }) : null,
            w.tooManyMembers > 0 ? t('dashboard.tooMany', { count: w.tooManyMembers }) : null,
          ].filter(Boolean).join('；')}
        />
      )}
      <Row gutter={[12, 12]}>
        {CHARTS.map((c) => (
          <Col key={c.key} xs={24} lg={12} xxl={8}>
            <ChartCard id={c.key} kind={c.kind} title={t(`dashboard.charts.${c.key}`, { org: d.org.name })} data={toData(d[c.key], c.group)} />
          </Col>
        ))}
      </Row>
    </>
  );
}
