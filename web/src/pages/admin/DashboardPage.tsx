// 工作台: figures and charts for one organization's subtree (the scope root by default).
// Drilling down (province → city → county → …) goes through the children chart and table;
// the organization is in the URL (?org=), so a drilled view can be reloaded and shared,
// and the breadcrumb climbs back up as far as the actor's scope reaches.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useViewingSummary } from '@/modules/viewings/viewings-api';
import { Alert, Breadcrumb, Card, Col, Form, Row, Skeleton, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bucket, Dashboard, DashboardChild, DashboardTotals } from '@/api/types';
import { enumLabel, type EnumGroup } from '@/i18n/enums';
import { ChartCard, type Datum } from '@/modules/dashboard/ChartCard';
import { useDashboard } from '@/modules/dashboard/dashboard-api';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { useOrg, useOrgRoots } from '@/modules/orgs/orgs-api';
import { fmtCount } from '@/modules/common/format';

const TOTALS = ['members', 'full', 'probationary', 'migrants', 'lostContact', 'orgs', 'branches', 'stations'] as const;
const ORG_TOTALS = new Set<string>(['orgs', 'branches', 'stations']);

type ChartKey = 'byCategory' | 'byAgeBand' | 'byGender' | 'byEducation' | 'byPartyAge' | 'byEthnicity' | 'migrantsByDestination'
  | 'orgsByType' | 'stationsByType' | 'stationsByStatus';
const CHARTS: { key: ChartKey; kind: 'pie' | 'bar' | 'hbar'; group?: EnumGroup }[] = [
  { key: 'byCategory', kind: 'pie', group: 'category' },
  { key: 'byAgeBand', kind: 'bar', group: 'ageBand' },
  { key: 'byGender', kind: 'pie', group: 'gender' },
  { key: 'byEducation', kind: 'hbar', group: 'education' },
  { key: 'byPartyAge', kind: 'bar', group: 'partyAge' },
  { key: 'byEthnicity', kind: 'hbar' },
  { key: 'migrantsByDestination', kind: 'hbar' },
  { key: 'orgsByType', kind: 'hbar', group: 'orgType' },
  { key: 'stationsByType', kind: 'bar', group: 'stationType' },
  { key: 'stationsByStatus', kind: 'pie', group: 'stationStatus' },
];

export function DashboardPage() {
  const { t } = useTranslation();
  const roots = useOrgRoots();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ?? roots.data?.[0]?.id ?? null;
  const setOrgId = (id: string) => setParams((p) => { p.set('org', id); return p; });
  const dash = useDashboard(orgId);
  const detail = useOrg(orgId);

  // The trail from the top of the actor's scope down to the organization shown.
  const trail = useMemo(() => {
    const o = detail.data;
    if (!o || o.id !== orgId) return [];
    const rootIds = new Set((roots.data ?? []).map((r) => r.id));
    const chain = [...o.ancestors, { id: o.id, name: o.name }];
    const from = chain.findIndex((a) => rootIds.has(a.id));
    return from >= 0 ? chain.slice(from) : [{ id: o.id, name: o.name }];
  }, [detail.data, orgId, roots.data]);

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
      >
        {trail.length > 1 && (
          <nav aria-label={t('dashboard.trail')} className="dash-trail">
            <Breadcrumb
              items={trail.map((a, i) => (i === trail.length - 1
                ? { key: a.id, title: <span aria-current="page">{a.name}</span> }
                : { key: a.id, title: <a href={`?org=${a.id}`} onClick={(e) => { e.preventDefault(); setOrgId(a.id); }}>{a.name}</a> }))}
            />
          </nav>
        )}
      </PageHeader>
      {dash.isError && <ErrorResult error={dash.error} onRetry={() => void dash.refetch()} />}
      {!d && !dash.isError && <Skeleton active paragraph={{ rows: 8 }} />}
      {d && <DashboardBody d={d} toData={toData} onDrill={setOrgId} />}
    </>
  );
}

function DashboardBody({ d, toData, onDrill }: { d: Dashboard; toData: (b: Bucket[], g?: EnumGroup) => Datum[]; onDrill: (id: string) => void }) {
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
          <ViewingStats orgId={d.org.id} />
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
        {d.children.length > 0 && (
          <Col xs={24} xxl={16}>
            <ChartCard
              id="children"
              kind="hbar"
              height={Math.max(220, Math.min(d.children.length, 30) * 28 + 40)}
              title={t('dashboard.charts.children', { org: d.org.name })}
              data={[...d.children].sort((a, b) => b.members - a.members).slice(0, 30).map((c) => ({ key: c.id, label: c.name, count: c.members }))}
              onPick={onDrill}
              pickHint={t('dashboard.drillHint')}
            />
          </Col>
        )}
        {CHARTS.map((c) => (
          <Col key={c.key} xs={24} lg={12} xxl={8}>
            <ChartCard id={c.key} kind={c.kind} title={t(`dashboard.charts.${c.key}`, { org: d.org.name })} data={toData(d[c.key], c.group)} />
          </Col>
        ))}
      </Row>
      {d.children.length > 0 && <ChildrenTable d={d} onDrill={onDrill} />}
    </>
  );
}

function ChildrenTable({ d, onDrill }: { d: Dashboard; onDrill: (id: string) => void }) {
  const { t } = useTranslation();
  const num = (k: keyof DashboardTotals) => ({
    title: t(`dashboard.totals.${k}`), dataIndex: k, align: 'right' as const,
    sorter: (a: DashboardChild, b: DashboardChild) => a[k] - b[k], render: (v: number) => fmtCount(v),
  });
  return (
    <Card size="small" className="chart-card dash-children" title={<h2 className="chart-title">{t('dashboard.childrenTitle', { org: d.org.name })}</h2>}>
      <Table<DashboardChild>
        size="small"
        rowKey="id"
        dataSource={d.children}
        pagination={d.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        onRow={() => ({ 'data-testid': 'dash-child-row' }) as never}
        columns={[
          {
            title: t('dashboard.colOrg'), dataIndex: 'name', fixed: 'left', width: 180,
            render: (name: string, c) => (
              <a href={`?org=${c.id}`} aria-label={t('dashboard.drillInto', { org: name })} onClick={(e) => { e.preventDefault(); onDrill(c.id); }}>{name}</a>
            ),
          },
          num('members'), num('full'), num('probationary'), num('migrants'), num('orgs'), num('branches'), num('stations'),
        ]}
      />
    </Card>
  );
}

/** 本年集中收看 (stations section): sessions held and attendances this year, read fresh (GET /api/dashboard/viewings). */
function ViewingStats({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const v = useViewingSummary(orgId);
  return (
    <Col xs={24} sm={16} lg={12} xxl={6}>
      <Card size="small" className="stat-card" title={t('viewings.dashboard.title')} data-testid="dash-viewings">
        <Row gutter={12}>
          <Col span={12}><Statistic title={t('viewings.dashboard.sessions')} value={v.data?.sessions ?? '—'} loading={v.isPending} /></Col>
          <Col span={12}><Statistic title={t('viewings.dashboard.attendances')} value={v.data?.attendances ?? '—'} loading={v.isPending} /></Col>
        </Row>
      </Card>
    </Col>
  );
}
