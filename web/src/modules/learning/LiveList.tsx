// 直播 on the member's 课程 page: current events (scheduled and live, soonest first) and, on request, past ones with
// their recordings. Each links to the event page /me/live/:id.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Segmented, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@/modules/common/format';
import { useMyLive, type MemberLive } from './live-api';

export const LIVE_TAG: Record<MemberLive['status'], string> = { scheduled: 'blue', live: 'red', ended: 'default', cancelled: 'default' };

export function LiveList() {
  const { t } = useTranslation();
  const [when, setWhen] = useState<'current' | 'ended'>('current');
  const list = useMyLive(when);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card className="me-card" size="small" data-testid="live-list"
      title={<h2 className="card-h2">{t('learning.live.listTitle')}</h2>}
      extra={<Segmented size="small" value={when} onChange={(v) => setWhen(v as 'current' | 'ended')}
        options={[{ value: 'current', label: t('learning.live.upcoming') }, { value: 'ended', label: t('learning.live.ended') }]} />}>
      {list.isSuccess && items.length === 0 && <p className="me-empty">{t(when === 'current' ? 'learning.live.empty' : 'learning.live.endedEmpty')}</p>}
      <ul className="learning-list">
        {items.map((e) => (
          <li key={e.id} className="learning-item">
            <div>
              <p className="learning-item-title"><Link to={`/me/live/${e.id}`} data-testid="live-link">{e.title}</Link></p>
              <p className="learning-item-meta">
                <Tag color={LIVE_TAG[e.status]}>{t(`learning.live.status.${e.status}`)}</Tag>
                <time dateTime={e.startsAt}>{chinaDateTime(e.startsAt, false)}</time> · {t('learning.by', { org: e.orgName })}
              </p>
            </div>
            <Link to={`/me/live/${e.id}`}>{t('learning.live.open')}</Link>
          </li>
        ))}
      </ul>
      {list.hasNextPage && <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>}
    </Card>
  );
}
