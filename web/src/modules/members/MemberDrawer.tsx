// The member detail drawer: 基本信息 (with reveal buttons) and 变更记录.
import { useState } from 'react';
import { Alert, Button, Drawer, Grid, Spin, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '@/api/types';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtDate } from '@/modules/common/format';
import { MemberDescriptions } from './MemberDescriptions';
import { MemberHistory } from './MemberHistory';
import { RevealSecret } from './RevealSecret';
import { useMember } from './members-api';
import { MemberAccountPanel } from '@/modules/accounts/MemberAccountPanel';

interface Props {
  memberId: string | null;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (m: MemberDetail) => void;
}

export function MemberDrawer({ memberId, canWrite, onClose, onEdit }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const member = useMember(memberId);
  const [tab, setTab] = useState('basic');
  const m = member.data;

  return (
    <Drawer
      open={!!memberId}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={m ? t('common.titled', { title: t('members.detailTitle'), name: m.name }) : t('members.detailTitle')}
      destroyOnHidden
      afterOpenChange={(open) => !open && setTab('basic')}
      extra={
        canWrite && m && !m.departedOn ? (
          <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => onEdit(m)} data-testid="member-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {member.isPending && <div className="page-fallback" role="status"><Spin /></div>}
      {member.isError && <ErrorResult error={member.error} onRetry={() => void member.refetch()} />}
      {m?.departedOn && (
        <Alert type="info" showIcon className="form-alert" title={t('members.departedNotice', { date: fmtDate(m.departedOn) })} />
      )}
      {m && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'basic',
              label: t('members.tabs.basic'),
              children: (
                <MemberDescriptions
                  member={m}
                  // Keyed by version so that a saved edit drops any value revealed before it.
                  renderSecret={(field, masked) => (
                    <RevealSecret key={`${field}-${m.version}`} memberId={m.id} field={field} masked={masked} canReveal={m.canReveal} />
                  )}
                />
              ),
            },
            { key: 'history', label: t('members.tabs.history'), children: tab === 'history' ? <MemberHistory memberId={m.id} /> : null },
            // Staff of the member's organization open or reset the member's login account.
            ...(canWrite && !m.departedOn ? [{ key: 'account', label: t('memberAccount.tab'), children: tab === 'account' ? <MemberAccountPanel memberId={m.id} /> : null }] : []),
          ]}
        />
      )}
    </Drawer>
  );
}
