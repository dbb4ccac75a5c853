// Everything past the public portal is loaded on demand, so a resident's phone only
// downloads the portal. The loaders are kept so that hovering "登录" can prefetch.
// Each chunk brings its own strings (i18n/strings.ts); they are added before it renders.
import { lazy } from 'react';
import { addStrings } from '@/i18n/strings';

const loadShell = () => import('./Shell');
const loadLogin = () => import('@/pages/login/LoginPage');

export const Shell = lazy(() => loadShell().then(async (m) => {
  await addStrings(m.shellStrings);
  return { default: m.Shell };
}));
export const LoginPage = lazy(() => loadLogin().then((m) => ({ default: m.LoginPage })));
export const MemberCentrePage = lazy(() => import('@/pages/me/MemberCentrePage').then(async (m) => {
  await addStrings(m.memberCentreStrings);
  return { default: m.MemberCentrePage };
}));
/** 远程教育 in 党员之家 (/me/learning, /me/courses, /me/courses/:id, /me/lessons/:id): one chunk for the four pages. */
const loadLearning = () => import('@/pages/me/LearningPages').then(async (m) => {
  await addStrings(m.learningPageStrings);
  return m;
});
export const MyLearningPage = lazy(() => loadLearning().then((m) => ({ default: m.MyLearningPage })));
export const MyCoursesPage = lazy(() => loadLearning().then((m) => ({ default: m.CoursesPage })));
export const MyCoursePage = lazy(() => loadLearning().then((m) => ({ default: m.CoursePage })));
export const MyLessonPage = lazy(() => loadLearning().then((m) => ({ default: m.LessonPage })));
/** 直播课堂 (/me/live/:id): its own chunk (the player), with the learning strings. */
export const MyLivePage = lazy(() => Promise.all([loadLearning(), import('@/pages/me/LivePage')]).then(([, m]) => ({ default: m.LivePage })));
export const AdminApp = lazy(() => import('@/pages/admin/AdminApp').then(async (m) => {
  await addStrings(m.consoleStrings);
  return { default: m.AdminApp };
}));
/** 问卷网页填写 (/s/:token): public, its own small chunk without antd or the query library. */
export const SurveyFormPage = lazy(() => Promise.all([import('@/pages/survey-form/SurveyFormPage'), import('@/i18n/sections/surveyForm.zh-CN')]).then(async ([m, s]) => {
  await addStrings([s.surveyFormStrings]);
  return { default: m.SurveyFormPage };
}));

/** 党务公开 (/disclosure, /disclosure/:id, /tv/disclosures/:orgId): public, their own small chunks without antd or the query library. */
const withDisclosureStrings = <T>(load: Promise<T>) => Promise.all([load, import('@/i18n/sections/disclosurePublic.zh-CN')]).then(async ([m, s]) => {
  await addStrings([s.disclosurePublicStrings]);
  return m;
});
export const DisclosuresPage = lazy(() => withDisclosureStrings(import('@/pages/disclosures/DisclosuresPage')).then((m) => ({ default: m.DisclosuresPage })));
// A disclosure's page carries the question form: the phone verification and captcha strings come with it.
export const DisclosurePage = lazy(() => Promise.all([withDisclosureStrings(import('@/pages/disclosures/DisclosurePage')), import('@/i18n/sections/publicSafety.zh-CN')])
  .then(async ([m, s]) => { await addStrings([s.publicSafetyStrings]); return { default: m.DisclosurePage }; }));
export const DisclosureTvPage = lazy(() => withDisclosureStrings(import('@/pages/disclosures/TvPage')).then((m) => ({ default: m.TvPage })));

/** 部长信箱 (/mailbox, /mailbox/:orgId/write, /mailbox/track, /mailbox/letters): public, their own small chunks without antd or the query library. */
const withMailboxStrings = <T>(load: Promise<T>) => Promise.all([load, import('@/i18n/sections/mailboxPublic.zh-CN'), import('@/i18n/sections/publicSafety.zh-CN')])
  .then(async ([m, s, ps]) => {
    await addStrings([s.mailboxPublicStrings, ps.publicSafetyStrings]);
    return m;
  });
export const MailboxesPage = lazy(() => withMailboxStrings(import('@/pages/mailbox/MailboxesPage')).then((m) => ({ default: m.MailboxesPage })));
export const WriteLetterPage = lazy(() => withMailboxStrings(import('@/pages/mailbox/WriteLetterPage')).then((m) => ({ default: m.WriteLetterPage })));
export const TrackLetterPage = lazy(() => withMailboxStrings(import('@/pages/mailbox/TrackPage')).then((m) => ({ default: m.TrackPage })));
/** 来信选登 (/mailbox/letters, /mailbox/letters/:id): the published letters and answers. */
export const PublishedLettersPage = lazy(() => withMailboxStrings(import('@/pages/mailbox/PublishedLettersPage')).then((m) => ({ default: m.PublishedLettersPage })));
export const PublishedLetterPage = lazy(() => withMailboxStrings(import('@/pages/mailbox/PublishedLetterPage')).then((m) => ({ default: m.PublishedLetterPage })));
/** 干部工作 (/cadres, /notices): public, their own small chunks without antd or the query library; phone verification strings with them. */
const withCadreStrings = <T>(load: Promise<T>) => Promise.all([load, import('@/i18n/sections/cadrePublic.zh-CN'), import('@/i18n/sections/publicSafety.zh-CN')]).then(async ([m, s, p]) => {
  await addStrings([s.cadrePublicStrings, p.publicSafetyStrings]);
  return m;
});
export const CadreVacanciesPage = lazy(() => withCadreStrings(import('@/pages/cadres/VacanciesPage')).then((m) => ({ default: m.VacanciesPage })));
export const CadreNoticesPage = lazy(() => withCadreStrings(import('@/pages/cadres/NoticesPage')).then((m) => ({ default: m.NoticesPage })));

/** 党建要闻 (/news, /news/:id, /news/tv): public, their own small chunks without antd or the query library. */
const withNewsStrings = <T>(load: Promise<T>) => Promise.all([load, import('@/i18n/sections/newsPublic.zh-CN')]).then(async ([m, s]) => {
  await addStrings([s.newsPublicStrings]);
  return m;
});
export const NewsListPage = lazy(() => withNewsStrings(import('@/pages/news/NewsListPage')).then((m) => ({ default: m.NewsListPage })));
export const NewsArticlePage = lazy(() => withNewsStrings(import('@/pages/news/NewsArticlePage')).then((m) => ({ default: m.NewsArticlePage })));
export const NewsTvPage = lazy(() => withNewsStrings(import('@/pages/news/TvSchedulePage')).then((m) => ({ default: m.TvSchedulePage })));
/** 集中收看扫码签到 (/viewing/checkin/:code): a member's phone page inside the signed-in shell. */
export const ViewingCheckinPage = lazy(() => import('@/pages/viewing/CheckinPage').then(async (m) => {
  await addStrings(m.checkinStrings);
  return { default: m.CheckinPage };
}));

let prefetched = false;
/** Starts downloading the login screen (and the antd shell) before the click lands. */
export function prefetchConsole(): void {
  if (prefetched) return;
  prefetched = true;
  void loadShell();
  void loadLogin();
}
