// Entry: preferences and the language first (so the first paint is in the right
// language and size), then the router.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { initI18n } from '@/i18n';
import { applyElderMode } from '@/modules/common/prefs';
import { AppRoutes } from '@/app/AppRoutes';
import '@/styles/base.css';

applyElderMode();

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </StrictMode>,
  );
});
