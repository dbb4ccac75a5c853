// 404 for unknown public paths; kept plain so it ships with the portal.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import '@/styles/portal.css';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="page-fallback">
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundHint')}</p>
      <Link to="/" className="portal-cta">{t('common.backHome')}</Link>
    </main>
  );
}
