// 组织管理: the tree on the left, the selected organization's detail and actions on the right.
import { useEffect, useState } from 'react';
import { Button, Card, Drawer, Empty, Grid, Space } from 'antd';
import { ApartmentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, OrgDetail, OrgSummary } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgDetailPanel } from '@/modules/orgs/OrgDetailPanel';
import { OrgForm } from '@/modules/orgs/OrgForm';
import { OrgMoveModal } from '@/modules/orgs/OrgMoveModal';
import { OrgTree } from '@/modules/orgs/OrgTree';
import { useOrg, useOrgRoots } from '@/modules/orgs/orgs-api';

export function OrgsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = screens.lg === false;
  const canWrite = hasPerm(me, 'org.write');
  const [selected, setSelected] = useState<OrgSummary | null>(null);
  const [form, setForm] = useState<{ mode: 'create' | 'edit'; org: OrgDetail } | null>(null);
  const [moving, setMoving] = useState<OrgDetail | null>(null);
  const [treeOpen, setTreeOpen] = useState(false);
  const detail = useOrg(selected?.id ?? null);
  const roots = useOrgRoots();

  // Start at the top of the account's scope (on phones the tree is in a closed drawer).
  useEffect(() => {
    if (!selected && roots.data?.[0]) setSelected(roots.data[0]);
  }, [selected, roots.data]);

  const tree = (
    <OrgTree
      selectedId={selected?.id}
      onSelect={(o) => { setSelected(o); setTreeOpen(false); }}
      expandTo={detail.data?.ancestors.map((a) => a.id)}
      height={phone ? 480 : 640}
    />
  );

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        extra={
          <Space wrap>
            {/* The selected organization and everything below it. */}
            <ExportButton path="/api/exports/organizations.xlsx" query={{ orgId: selected?.id }} fileName={t('orgs.exportFile')} testId="org-export" />
            {canWrite && (
              <Button
                href="/admin/imports?kind=organizations"
                icon={<UploadOutlined aria-hidden />}
                onClick={(e) => { e.preventDefault(); void navigate('/admin/imports?kind=organizations'); }}
                data-testid="org-import"
              >
                {t('orgs.import')}
              </Button>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                disabled={!detail.data || detail.data.status !== 'active'}
                onClick={() => detail.data && setForm({ mode: 'create', org: detail.data })}
              >
                {t('orgs.createChild')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="split">
        {!phone && (
          <Card size="small" className="split-side" title={<h2 className="card-h2">{t('members.orgTree')}</h2>}>{tree}</Card>
        )}
        <div className="split-main">
          {phone && (
            <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setTreeOpen(true)} block className="scope-btn">
              {selected?.name ?? t('members.orgTree')}
            </Button>
          )}
          {selected ? (
            <OrgDetailPanel
              orgId={selected.id}
              canWrite={canWrite}
              onEdit={(o) => setForm({ mode: 'edit', org: o })}
              onMove={setMoving}
            />
          ) : (
            <Card><Empty description={t('orgs.selectHint')} /></Card>
          )}
        </div>
      </div>
      {phone && (
        <Drawer open={treeOpen} onClose={() => setTreeOpen(false)} placement="left" size="85%" title={t('members.orgTree')}>{tree}</Drawer>
      )}
      <OrgForm
        open={!!form}
        mode={form?.mode ?? 'create'}
        org={form?.org ?? null}
        onClose={() => setForm(null)}
        onSaved={(o) => { setForm(null); setSelected(o); }}
      />
      <OrgMoveModal org={moving} open={!!moving} onClose={() => setMoving(null)} onMoved={(o) => { setMoving(null); setSelected(o); }} />
    </>
  );
}
