// /me 党员之家: a member's own record (masked) and the text messages sent to them, read on a phone. Later
// modules add tasks, surveys and learning here.
import { Alert, Button, Card, Space, Spin } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { RequireSession } from '@/modules/auth/guards';
import { useLogout } from '@/modules/auth/useLogout';
import { ChangePasswordForm } from '@/modules/auth/ChangePasswordForm';
import { MemberDescriptions } from '@/modules/members/MemberDescriptions';
import { useMyMember } from '@/modules/members/members-api';
import { errorText } from '@/modules/common/errors';
import { PublicFrame } from '@/pages/login/PublicFrame';
import type { StringsPart } from '@/i18n/strings';
import { meStrings } from '@/i18n/sections/me.zh-CN';
import { membersStrings } from '@/i18n/sections/members.zh-CN';
import { MySmsCard } from './MySmsCard';

/** The member centre's strings: its own, and the member fields it shows (the members module's). */
export const memberCentreStrings: readonly StringsPart[] = [meStrings, membersStrings];

export function MemberCentrePage() {
  return <RequireSession>{(me) => <MemberCentre me={me} />}</RequireSession>;
}

function MemberCentre({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const isMember = me.kind === 'member';
  const record = useMyMember(isMember && !me.mustChangePassword);

  return (
    <PublicFrame
      actions={
        <button type="button" className="portal-btn" onClick={() => void logout()} data-testid="logout">
          <LogoutOutlined aria-hidden style={{ marginRight: 6 }} />
          {t('common.logout')}
        </button>
      }
    >
      <div className="me-wrap">
        <h1 className="me-title">{t('me.title')}</h1>
        <p className="me-greeting">{t('me.greeting', { name: me.displayName })}</p>

        {me.mustChangePassword && (
          <Card title={<h2 className="card-h2">{t('profile.password')}</h2>} className="me-card">
            <Alert type="warning" showIcon title={t('me.mustChangePassword')} className="me-alert" />
            <ChangePasswordForm />
          </Card>
        )}

        {!isMember && (
          <Card className="me-card">
            <p>{t('me.staffHint')}</p>
            <Button type="primary" onClick={() => navigate('/admin')}>{t('me.toConsole')}</Button>
          </Card>
        )}

        {isMember && !me.mustChangePassword && (
          <Card title={<h2 className="card-h2">{t('me.myRecord')}</h2>} className="me-card">
            {record.isPending && <div className="page-fallback" role="status"><Spin /></div>}
            {record.isError && <Alert type="warning" showIcon title={record.error && (record.error as { status?: number }).status === 404 ? t('me.noRecord') : errorText(t, record.error)} />}
            {record.data && (
              <>
                <p className="me-note">{t('me.maskedNote')}</p>
                <MemberDescriptions member={record.data} columns={1} />
              </>
            )}
          </Card>
        )}

        {isMember && !me.mustChangePassword && (
          <Card className="me-card" title={<h2 className="card-h2">{t('me.learning')}</h2>} data-testid="me-learning">
            <p className="me-note">{t('me.learningNote')}</p>
            <Space wrap>
              <Button type="primary" onClick={() => navigate('/me/learning')}>{t('me.myLearning')}</Button>
              <Button onClick={() => navigate('/me/courses')}>{t('me.courses')}</Button>
            </Space>
          </Card>
        )}

        {isMember && !me.mustChangePassword && <MySmsCard />}
      </div>
    </PublicFrame>
  );
}
