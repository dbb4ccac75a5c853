// The footer of every keyset-paged list: how many rows are shown (of how many, when the
// server says), and 加载更多 until the last page, then 已全部加载.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtCount } from './format';

interface Props { loaded: number; total?: number; hasMore: boolean; loadingMore: boolean; onMore: () => void }

export function ListFooter({ loaded, total, hasMore, loadingMore, onMore }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-footer">
      <span role="status">
        {total !== undefined ? t('common.loaded', { loaded: fmtCount(loaded), total: fmtCount(total) }) : t('common.loadedNoTotal', { count: loaded })}
      </span>
      {hasMore ? (
        <Button onClick={onMore} loading={loadingMore} data-testid="load-more">{t('common.loadMore')}</Button>
      ) : loaded > 0 ? <span className="muted">{t('common.allLoaded')}</span> : null}
    </div>
  );
}
