// The detail of the selected organization: its place in the hierarchy, its fields,
// the server's set-up warnings, and (with org.write) the actions on it.
import { Alert, App, Button, Card, Descriptions, Grid, Popconfirm, Space, Spin } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { fmtCount, fmtDate, fmtDateTime } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';
import { orgKeys, orgsApi, useOrg } from './orgs-api';

interface Props {
  orgId: string;
  canWrite: boolean;
  onEdit: (org: OrgDetail) => void;
  onMove: (org: OrgDetail) => void;
}

export function OrgDetailPanel({ orgId, canWrite, onEdit, onMove }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const q = useOrg(orgId);

  if (q.isPending) return <Card><div className="page-fallback" role="status"><Spin /></div></Card>;
  if (q.isError) return <Card><ErrorResult error={q.error} onRetry={() => void q.refetch()} /></Card>;
  const o = q.data;
  const active = o.status === 'active';

  const deactivate = async () => {
    try {
      await orgsApi.deactivate(o.id);
      message.success(t('orgs.deactivated'));
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Card
      size="small"
      title={<h2 className="card-h2">{o.fullName || o.name}</h2>}
      extra={canWrite && active && (
        <Space wrap size={4}>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => onEdit(o)}>{t('orgs.edit')}</Button>
          {o.parentId && <Button size="small" icon={<DragOutlined aria-hidden />} onClick={() => onMove(o)}>{t('orgs.move')}</Button>}
          {o.parentId && (
            <Popconfirm
              title={t('orgs.deactivate')}
              description={<div className="popconfirm-body">{t('orgs.deactivateConfirm', { name: o.name })}</div>}
              okText={t('orgs.deactivate')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={deactivate}
            >
              <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>{t('orgs.deactivate')}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    >
      {o.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon title={w.message} className="org-warning" />
      ))}
      <Descriptions
        bordered
        size="small"
        column={screens.md ? 2 : 1}
        styles={{ label: { width: '7.5em', whiteSpace: 'nowrap' } }}
        items={[
          { key: 'path', label: t('orgs.fields.path'), span: 'filled', children: [...o.ancestors.map((a) => a.name), o.name].join(' / ') },
          { key: 'name', label: t('orgs.fields.name'), children: o.name },
          { key: 'status', label: t('orgs.fields.status'), children: <StatusTag tone={active ? 'green' : 'grey'}>{enumLabel(t, 'orgStatus', o.status)}</StatusTag> },
          { key: 'type', label: t('orgs.fields.type'), children: enumLabel(t, 'orgType', o.type) },
          { key: 'level', label: t('orgs.fields.level'), children: enumLabel(t, 'orgLevel', o.level) },
          { key: 'sector', label: t('orgs.fields.sector'), children: enumLabel(t, 'orgSector', o.sector) },
          { key: 'regionCode', label: t('orgs.fields.regionCode'), children: <span className="mono">{o.regionCode ?? '—'}</span> },
          { key: 'secretaryName', label: t('orgs.fields.secretaryName'), children: o.secretaryName ?? '—' },
          { key: 'contactPhone', label: t('orgs.fields.contactPhone'), children: o.contactPhone ?? '—' },
          { key: 'foundedOn', label: t('orgs.fields.foundedOn'), children: fmtDate(o.foundedOn) },
          { key: 'isOnline', label: t('orgs.fields.isOnline'), children: o.isOnline ? t('common.yes') : t('common.no') },
          { key: 'childCount', label: t('orgs.fields.childCount'), children: fmtCount(o.childCount) },
          { key: 'memberCount', label: t('orgs.fields.memberCount'), children: fmtCount(o.memberCount) },
          { key: 'createdAt', label: t('orgs.fields.createdAt'), children: fmtDateTime(o.createdAt) },
          { key: 'updatedAt', label: t('orgs.fields.updatedAt'), children: fmtDateTime(o.updatedAt) },
        ]}
      />
    </Card>
  );
}
