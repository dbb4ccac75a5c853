import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** 来信列表 | 信件统计: the two views of the console's mailbox, as links (each has its own address). */
export function MailboxTabs({ current }: { current: 'list' | 'stats' }) {
  const { t } = useTranslation();
  return (
    <nav className="mailbox-tabs" aria-label={t('mailbox.list.title')}>
      <Link to="/admin/mailbox" aria-current={current === 'list' ? 'page' : undefined} data-testid="mailbox-tab-list">{t('mailbox.tabs.list')}</Link>
      <Link to="/admin/mailbox/stats" aria-current={current === 'stats' ? 'page' : undefined} data-testid="mailbox-tab-stats">{t('mailbox.tabs.stats')}</Link>
    </nav>
  );
}
