// The route table. Only the portal and the not-found page are in the entry chunk;
// /login, /me and /admin share a lazily loaded shell that brings antd and the query client.
import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PortalPage } from '@/pages/portal/PortalPage';
import { NotFoundPage } from '@/pages/portal/NotFoundPage';
import {
  AdminApp, CadreNoticesPage, CadreVacanciesPage, DisclosurePage, DisclosureTvPage, DisclosuresPage, LoginPage, MailboxesPage, MemberCentrePage, MyCoursePage, MyCoursesPage, MyLearningPage, MyLessonPage, MyLivePage, NewsArticlePage, NewsListPage, NewsTvPage, PublishedLetterPage, PublishedLettersPage, Shell, SurveyFormPage, TrackLetterPage, ViewingCheckinPage, WriteLetterPage,
} from './lazy-routes';
import { ChunkErrorBoundary } from './ChunkErrorBoundary';

function Fallback() {
  const { t } = useTranslation();
  return <div className="page-fallback" role="status">{t('common.loading')}</div>;
}

export function AppRoutes() {
  return (
    <ChunkErrorBoundary>
      <Routes>
        <Route path="/" element={<PortalPage />} />
        <Route path="/s/:token" element={<Suspense fallback={<Fallback />}><SurveyFormPage /></Suspense>} />
        <Route path="/disclosure" element={<Suspense fallback={<Fallback />}><DisclosuresPage /></Suspense>} />
        <Route path="/disclosure/:id" element={<Suspense fallback={<Fallback />}><DisclosurePage /></Suspense>} />
        <Route path="/cadres" element={<Suspense fallback={<Fallback />}><CadreVacanciesPage /></Suspense>} />
        <Route path="/notices" element={<Suspense fallback={<Fallback />}><CadreNoticesPage /></Suspense>} />
        <Route path="/tv/disclosures/:orgId" element={<Suspense fallback={<Fallback />}><DisclosureTvPage /></Suspense>} />
        <Route path="/news" element={<Suspense fallback={<Fallback />}><NewsListPage /></Suspense>} />
        <Route path="/news/tv" element={<Suspense fallback={<Fallback />}><NewsTvPage /></Suspense>} />
        <Route path="/news/:id" element={<Suspense fallback={<Fallback />}><NewsArticlePage /></Suspense>} />
        <Route path="/mailbox" element={<Suspense fallback={<Fallback />}><MailboxesPage /></Suspense>} />
        <Route path="/mailbox/track" element={<Suspense fallback={<Fallback />}><TrackLetterPage /></Suspense>} />
        <Route path="/mailbox/letters" element={<Suspense fallback={<Fallback />}><PublishedLettersPage /></Suspense>} />
        <Route path="/mailbox/letters/:id" element={<Suspense fallback={<Fallback />}><PublishedLetterPage /></Suspense>} />
        <Route path="/mailbox/:orgId/write" element={<Suspense fallback={<Fallback />}><WriteLetterPage /></Suspense>} />
        <Route element={<Suspense fallback={<Fallback />}><Shell /></Suspense>}>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/me" element={<MemberCentrePage />} />
          <Route path="/me/learning" element={<MyLearningPage />} />
          <Route path="/me/courses" element={<MyCoursesPage />} />
          <Route path="/me/courses/:id" element={<MyCoursePage />} />
          <Route path="/me/lessons/:id" element={<MyLessonPage />} />
          <Route path="/me/live/:id" element={<MyLivePage />} />
          <Route path="/viewing/checkin/:code" element={<ViewingCheckinPage />} />
          <Route path="/admin/*" element={<AdminApp />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ChunkErrorBoundary>
  );
}
