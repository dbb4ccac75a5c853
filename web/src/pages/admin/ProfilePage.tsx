// 个人设置: account facts and roles, password change, authenticator binding, and the
// account's sessions with "退出所有会话".
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, SessionInfo } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { ChangePasswordForm } from '@/modules/auth/ChangePasswordForm';
import { TotpEnrol } from '@/modules/auth/TotpEnrol';
import { ME_KEY, authApi } from '@/modules/auth/auth-api';
import { useLogout } from '@/modules/auth/useLogout';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtDateTime } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';

export function ProfilePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: authApi.sessions });
  const revokeAll = useLogout(true);

  const h2 = (s: string) => <h2 className="card-h2">{s}</h2>;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      {me.mustChangePassword && <Alert type="warning" showIcon title={t('profile.mustChange')} className="form-alert" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={h2(t('profile.account'))}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'u', label: t('accounts.fields.username'), children: <span className="mono">{me.username}</span> },
                { key: 'n', label: t('accounts.fields.displayName'), children: me.displayName },
                { key: 'k', label: t('accounts.fields.kind'), children: enumLabel(t, 'accountKind', me.kind) },
                {
                  key: 'r', label: t('profile.roles'),
                  children: me.roles.length ? (
                    <Space size={[4, 4]} wrap>{me.roles.map((g) => <StatusTag key={g.grantId} tone="red">{`${enumLabel(t, 'role', g.role)} · ${g.orgName}`}</StatusTag>)}</Space>
                  ) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={h2(t('profile.password'))}>
            <ChangePasswordForm />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={h2(t('profile.totp'))}>
            <p>{me.mfa.enabled ? t('profile.totpEnabled') : t('profile.totpDisabled')}</p>
            {enrolling ? (
              <TotpEnrol
                onDone={(next) => {
                  queryClient.setQueryData(ME_KEY, next);
                  setEnrolling(false);
                  message.success(t('profile.totpDone'));
                }}
              />
            ) : (
              !me.mfa.enabled && <Button type="primary" onClick={() => setEnrolling(true)}>{t('profile.totpStart')}</Button>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={h2(t('profile.sessions'))}
            extra={
              <Popconfirm title={t('profile.revokeAll')} description={<div className="popconfirm-body">{t('profile.revokeAllConfirm')}</div>}
                okText={t('common.confirm')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={revokeAll}>
                <Button danger size="small">{t('profile.revokeAll')}</Button>
              </Popconfirm>
            }
          >
            {sessions.isError ? <ErrorResult error={sessions.error} onRetry={() => void sessions.refetch()} /> : (
              <Table<SessionInfo>
                rowKey="id"
                size="small"
                loading={sessions.isPending}
                dataSource={sessions.data?.items ?? []}
                pagination={false}
                // No horizontal scroll: a scrolling box with nothing focusable in it cannot be
                // scrolled from the keyboard (axe: scrollable-region-focusable).
                tableLayout="fixed"
                columns={[
                  { title: t('profile.sessionCreated'), dataIndex: 'createdAt', render: fmtDateTime },
                  { title: t('profile.sessionLastSeen'), dataIndex: 'lastSeenAt', render: fmtDateTime },
                  { title: t('profile.sessionIp'), dataIndex: 'ip', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
                  {
                    title: t('profile.sessionAgent'), dataIndex: 'userAgent', className: 'wrap-anywhere',
                    render: (v: string | null, s) => <>{s.current && <StatusTag tone="green">{t('profile.sessionCurrent')}</StatusTag>}{v ?? '—'}</>,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
