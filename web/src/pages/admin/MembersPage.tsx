// 党员信息管理: organization tree on the left (a drawer on phones), filters and the
// member table on the right, detail drawer and member form on demand.
import { useMemo, useState } from 'react';
import { Button, Card, Drawer, Grid, Space } from 'antd';
import { ApartmentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, MemberDetail, OrgSummary } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { MemberDrawer } from '@/modules/members/MemberDrawer';
import { MemberFilters, toQuery, type FilterValues } from '@/modules/members/MemberFilters';
import { MemberForm } from '@/modules/members/MemberForm';
import { MemberTable } from '@/modules/members/MemberTable';
import { useMemberList } from '@/modules/members/members-api';
import { OrgTree } from '@/modules/orgs/OrgTree';

export function MembersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = screens.lg === false;
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [filters, setFilters] = useState<FilterValues>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<MemberDetail | null | undefined>(undefined); // undefined: form closed; null: new
  const [treeOpen, setTreeOpen] = useState(false);
  const canWrite = hasPerm(me, 'member.write');

  const query = { ...toQuery(filters), orgId: org?.id };
  const list = useMemberList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  const defaultOrg = useMemo(() => (org ? { id: org.id, name: org.name } : null), [org]);

  const tree = (
    <OrgTree
      selectedId={org?.id}
      onSelect={(o) => { setOrg(o); setTreeOpen(false); }}
      height={phone ? 480 : 620}
    />
  );

  return (
    <>
      <PageHeader
        title={t('members.title')}
        extra={
          <Space wrap>
            {/* The export carries the list's filters; the server masks ID and mobile numbers and audits it. */}
            <ExportButton path="/api/exports/members.xlsx" query={query} fileName={t('members.exportFile')} testId="member-export" />
            {canWrite && (
              <Button
                href="/admin/imports?kind=members"
                icon={<UploadOutlined aria-hidden />}
                onClick={(e) => { e.preventDefault(); void navigate('/admin/imports?kind=members'); }}
                data-testid="member-import"
              >
                {t('members.import')}
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="member-create">
                {t('members.create')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="split">
        {!phone && (
          <Card size="small" className="split-side" title={<h2 className="card-h2">{t('members.orgTree')}</h2>}>
            {tree}
          </Card>
        )}
        <div className="split-main">
          <Card size="small" className="filter-card">
            {phone && (
              <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setTreeOpen(true)} className="scope-btn" block>
                {t('members.scope', { org: org?.name ?? t('members.allScope') })}
              </Button>
            )}
            {!phone && <p className="scope-line">{t('members.scope', { org: org?.fullName ?? org?.name ?? t('members.allScope') })}</p>}
            <MemberFilters onSearch={setFilters} />
          </Card>
          {list.isError ? (
            <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <MemberTable
              rows={rows}
              total={total}
              loading={list.isPending}
              hasMore={!!list.hasNextPage}
              loadingMore={list.isFetchingNextPage}
              onMore={() => void list.fetchNextPage()}
              onOpen={(m) => setOpenId(m.id)}
            />
          )}
        </div>
      </div>

      {phone && (
        <Drawer open={treeOpen} onClose={() => setTreeOpen(false)} placement="left" size="85%" title={t('members.orgTree')}>
          {tree}
        </Drawer>
      )}
      <MemberDrawer memberId={openId} canWrite={canWrite} onClose={() => setOpenId(null)} onEdit={(m) => setEditing(m)} />
      <MemberForm
        open={editing !== undefined}
        member={editing}
        defaultOrg={defaultOrg}
        onClose={() => setEditing(undefined)}
        onSaved={(m) => { setEditing(undefined); setOpenId(m.id); }}
      />
    </>
  );
}
