// 门户: the public face. Residents read it on phones in villages, so it is plain HTML and
// CSS (no antd), rem-sized for the 适老化 mode, and usable at 390 px.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicSection } from '@/api/types';
import { fmtCount } from '@/modules/common/format';
import { Emblem } from '@/modules/common/Emblem';
import { prefetchConsole } from '@/app/lazy-routes';
import { PortalTools } from './PortalTools';
import { LatestNews } from './LatestNews';
import { usePublicOverview } from './usePublicOverview';
import '@/styles/portal.css';

// The sections the later modules fill, shown when the overview cannot be fetched.
const DEFAULT_SECTIONS = ['disclosure', 'cadres', 'notices', 'mailbox', 'survey', 'learning', 'consultation', 'services'] as const;
type KnownSection = (typeof DEFAULT_SECTIONS)[number];
const isKnown = (key: string): key is KnownSection => (DEFAULT_SECTIONS as readonly string[]).includes(key);
// Where a section opens when it is not at /<key>: 远程教育 is the members' course catalogue (sign-in first).
const SECTION_PATHS: Partial<Record<string, string>> = { learning: '/me/courses' };

export function PortalPage() {
  const { t, i18n } = useTranslation();
  const overview = usePublicOverview();
  const en = i18n.language === 'en';

  // Chinese comes from the server (it may be edited there); English from the catalogue.
  const sectionText = (s: PublicSection) =>
    en && isKnown(s.key) ? { title: t(`portal.sections.${s.key}.title`), description: t(`portal.sections.${s.key}.description`) } : s;
  const sections: PublicSection[] =
    overview.status === 'ok'
      ? overview.data.sections
      : DEFAULT_SECTIONS.map((key) => ({ key, title: t(`portal.sections.${key}.title`), description: t(`portal.sections.${key}.description`), available: false }));
  const stats = overview.status === 'ok' ? overview.data.stats : null;

  return (
    <div className="portal">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <Link to="/" className="portal-brand">
            <Emblem /> <span>{t('common.appName')}</span>
          </Link>
          <PortalTools />
          <Link to="/login" className="portal-btn portal-btn-primary" onMouseEnter={prefetchConsole} onFocus={prefetchConsole}>
            {t('common.login')}
          </Link>
        </div>
      </header>

      <main id="main" className="portal-main" tabIndex={-1}>
        <section className="portal-hero" aria-labelledby="portal-title">
          <div className="portal-hero-inner">
            <h1 id="portal-title">{!en && overview.status === 'ok' ? overview.data.platformName : t('portal.heroTitle')}</h1>
            <p>{t('portal.heroIntro')}</p>
          </div>
        </section>

        <LatestNews />

        <section aria-labelledby="portal-stats">
          <h2 id="portal-stats">{t('portal.statsTitle')}</h2>
          {overview.status === 'error' ? (
            <p className="portal-note" role="status">{t('portal.loadFailed')}</p>
          ) : (
            <dl className="portal-stats" aria-busy={overview.status === 'loading'}>
              <Stat label={t('portal.statMembers')} value={stats?.members} unit={t('portal.statUnit.people')} />
              <Stat label={t('portal.statOrgs')} value={stats?.orgs} unit={t('portal.statUnit.orgs')} />
              <Stat label={t('portal.statStations')} value={stats?.stations} unit={t('portal.statUnit.stations')} />
            </dl>
          )}
        </section>

        <section aria-labelledby="portal-sections">
          <h2 id="portal-sections">{t('portal.sectionsTitle')}</h2>
          <ul className="portal-sections">
            {sections.map((s) => {
              const text = sectionText(s);
              return (
                <li key={s.key}>
                  <article className={s.available ? 'portal-card' : 'portal-card portal-card-off'}>
                    <h3>
                      {text.title}
                      {!s.available && <span className="portal-badge">{t('portal.comingSoon')}</span>}
                    </h3>
                    <p>{text.description}</p>
                    {s.available && <a href={SECTION_PATHS[s.key] ?? `/${s.key}`}>{t('portal.open')}<span className="visually-hidden">{text.title}</span></a>}
                  </article>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="portal-login" aria-labelledby="portal-login">
          <h2 id="portal-login">{t('portal.loginTitle')}</h2>
          <div className="portal-login-box">
            <p>{t('portal.loginIntro')}</p>
            <Link to="/login" className="portal-cta" onMouseEnter={prefetchConsole} onFocus={prefetchConsole}>
              {t('portal.loginLink')}
            </Link>
          </div>
        </section>
      </main>

      <footer className="portal-footer">
        <div className="portal-footer-inner">
          <p>{t('portal.footer')}</p>
          <p>{t('portal.footerNote')}</p>
        </div>
      </footer>
    </div>
  );
}

function Stat({ label, value, unit }: { label: string; value: number | undefined; unit: string }) {
  return (
    <div className="portal-stat">
      <dt>{label}</dt>
      <dd>
        {value === undefined ? '…' : fmtCount(value)}
        {unit && value !== undefined && <small>{unit}</small>}
      </dd>
    </div>
  );
}
