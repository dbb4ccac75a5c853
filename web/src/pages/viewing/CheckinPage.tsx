// /viewing/checkin/:code — a member scans the station's QR code, signs in with their member account and checks in.
// Mobile-first; every state is said plainly: 未到签到时间, 已签到, 已结束, 已取消, 不在本站点范围.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Result, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RequireSession } from '@/modules/auth/guards';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { PublicFrame } from '@/pages/login/PublicFrame';
import type { StringsPart } from '@/i18n/strings';
import { viewingsStrings } from '@/i18n/sections/viewings.zh-CN';
import { useCheckin, viewingKeys, viewingsApi, type CheckinView } from '@/modules/viewings/viewings-api';

export const checkinStrings: readonly StringsPart[] = [viewingsStrings];

export function CheckinPage() {
  return <RequireSession>{() => <Checkin />}</RequireSession>;
}

const STATUS: Record<CheckinView['state'], 'success' | 'info' | 'warning' | 'error'> = {
  open: 'info', checked_in: 'success', not_yet: 'info', ended: 'warning', cancelled: 'warning', out_of_scope: 'error', not_member: 'error',
};

function Checkin() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const qc = useQueryClient();
  const view = useCheckin(code, true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const v = view.data;
  const checkIn = async () => {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(viewingKeys.checkin(code), await viewingsApi.checkIn(code));
    } catch (e) {
      setError(errorText(t, e));
      await view.refetch();
    } finally {
      setBusy(false);
    }
  };
  const hint: Record<CheckinView['state'], string> = {
    open: t('viewings.checkin.open'),
    checked_in: v?.checkedInAt ? `${t('viewings.checkin.checkedInAt', { time: chinaDateTime(v.checkedInAt, false) })}。${t('viewings.checkin.creditNote')}` : '',
    not_yet: v ? t('viewings.checkin.notYetHint', { time: chinaDateTime(v.opensAt, false) }) : '',
    ended: t('viewings.checkin.endedHint'), cancelled: t('viewings.checkin.cancelledHint'),
    out_of_scope: t('viewings.checkin.outOfScopeHint'), not_member: t('viewings.checkin.notMemberHint'),
  };
  return (
    <PublicFrame>
      <div className="me-wrap checkin-wrap" style={{ maxWidth: 520 }}>
        <h1 className="me-title">{t('viewings.checkin.title')}</h1>
        {view.isPending && <div className="page-fallback" role="status"><Spin /></div>}
        {view.isError && <Result status="warning" title={t('viewings.checkin.invalid')} subTitle={errorText(t, view.error)} />}
        {v && (
          <Card className="me-card" data-testid="checkin-card">
            <h2 className="card-h2" style={{ fontSize: '1.25rem' }}>{v.title}</h2>
            {v.liveTitle && <p>{v.liveTitle}</p>}
            {v.liveEventId && (
              <p style={{ fontSize: 16 }} data-testid="checkin-live">
                {/* The session is usually named after the event: its title is not said twice. */}
                {v.liveEventTitle && v.liveEventTitle !== v.title ? `${t('viewings.checkin.liveEvent')}：${v.liveEventTitle}` : t('viewings.checkin.watchLive')}
                {v.liveEventStatus && `（${t(`viewings.liveStatus.${v.liveEventStatus}`)}）`}
              </p>
            )}
            {v.liveEventId && v.liveEventStatus === 'live' && (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('viewings.checkin.liveNow')}
                action={<Link to={`/me/live/${v.liveEventId}`} data-testid="checkin-live-link">{t('viewings.checkin.enterLive')}</Link>} />
            )}
            <p style={{ fontSize: 16 }}>{t('viewings.checkin.station')}：{v.stationName}{v.address ? `（${v.address}）` : ''}</p>
            <p style={{ fontSize: 16 }}>{t('viewings.checkin.time')}：{chinaDateTime(v.startsAt, false)} — {chinaDateTime(v.endsAt, false).slice(11)}（{v.durationMinutes} 分钟）</p>
            <Result
              status={STATUS[v.state]}
              title={<span data-testid="checkin-state">{v.state === 'open' ? t('viewings.checkin.title') : t(`viewings.checkin.${v.state}`)}</span>}
              subTitle={hint[v.state]}
              style={{ padding: '16px 0' }}
            />
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            {v.state === 'open' && (
              <Button type="primary" size="large" block loading={busy} onClick={() => void checkIn()} data-testid="checkin-button" style={{ height: 52, fontSize: 18 }}>
                {t('viewings.checkin.button')}
              </Button>
            )}
          </Card>
        )}
      </div>
    </PublicFrame>
  );
}
