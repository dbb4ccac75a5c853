// 「我收到的短信」 in 党员之家: what the platform sent to the signed-in member, newest first, with 加载更多.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';

const TONES = { delivered: 'green', sending: 'blue', failed: 'red' } as const;

export function useMySms(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['me', 'sms-messages'],
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/me/sms-messages', { params: { query: { cursor: pageParam, limit: 10 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function MySmsCard() {
  const { t } = useTranslation();
  const q = useMySms(true);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={<h2 className="card-h2">{t('me.mySms')}</h2>} className="me-card" data-testid="my-sms">
      <p className="me-note">{t('me.mySmsNote')}</p>
      {q.isPending && <div className="page-fallback" role="status"><Spin /></div>}
      {q.isError && <Alert type="warning" showIcon title={errorText(t, q.error)} />}
      {q.isSuccess && items.length === 0 && <p className="me-empty">{t('me.mySmsEmpty')}</p>}
      {items.length > 0 && (
        <ul className="me-sms-list">
          {items.map((m) => (
            <li key={m.id} className="me-sms-item">
              <div className="me-sms-meta">
                <time dateTime={m.at}>{m.date}</time>
                <StatusTag tone={TONES[m.state]}>{t(`me.smsState.${m.state}`)}</StatusTag>
              </div>
              <p className="me-sms-text">{m.text}</p>
            </li>
          ))}
        </ul>
      )}
      {q.hasNextPage && (
        <Button block onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="my-sms-more">
          {t('common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
