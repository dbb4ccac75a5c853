// 移动组织: pick the new parent, then confirm; members and sub-organizations follow.
import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgDetail, OrgSummary } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { memberKeys } from '@/modules/members/members-api';
import { OrgPicker } from './OrgPicker';
import { orgKeys, orgsApi } from './orgs-api';

interface Props { org: OrgDetail | null; open: boolean; onClose: () => void; onMoved: (org: OrgDetail) => void }

export function OrgMoveModal({ org, open, onClose, onMoved }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<OrgSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) { setTarget(null); setError(null); }
  }, [open]);

  const move = async () => {
    if (!org || !target) return;
    setBusy(true);
    try {
      const moved = await orgsApi.move(org.id, target.id, org.version);
      message.success(t('orgs.moved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      ]);
      onMoved(moved);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    if (!org || !target) return;
    modal.confirm({
      title: t('orgs.moveTitle', { name: org.name }),
      content: t('orgs.moveConfirm', { name: org.name, target: target.name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: move,
    });
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={confirm}
      okText={t('orgs.move')}
      okButtonProps={{ disabled: !target }}
      confirmLoading={busy}
      title={org ? t('orgs.moveTitle', { name: org.name }) : ''}
      destroyOnHidden
    >
      <p>{t('orgs.moveHint')}</p>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="org-move" layout="vertical">
        <Form.Item label={t('orgs.moveTarget')} htmlFor="move-target" required>
          <OrgPicker
            id="move-target"
            value={target?.id}
            onChange={(_, o) => { setTarget(o ?? null); setError(null); }}
            // Itself and its current parent make no sense as targets; moves into its own
            // subtree are refused by the server (org.move_into_own_subtree), whose title is shown.
            isDisabled={(o) => !!org && (o.id === org.id || o.id === org.parentId || o.status === 'inactive')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
