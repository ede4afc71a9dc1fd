import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider } from 'react-i18next';
import { createAppI18n } from './i18n.js';
import { createQueryClient } from './app/query-client.js';
import { createAppRouter } from './app/router.js';
import { endSession } from './app/session.js';
import { registerServiceWorker } from './app/offline.js';
import './ui/app.css';

// a 401 anywhere (expired or revoked session) ends the session here too and shows sign-in
const queryClient = createQueryClient(() => void endSession(queryClient, router, { expired: true }));
const router = createAppRouter(queryClient);

// the shown language's strings arrive in their own small file; the page says "loading" in all three until then
registerServiceWorker();
void createAppI18n().then(
  (i18n) => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </I18nextProvider>
      </StrictMode>,
    );
  },
  () => {
    // not even the strings arrived (offline before the first visit): a reload is the only way on
    document.getElementById('root')!.innerHTML = '<p style="margin:2rem 1rem">Интернет жоқ · Нет связи · No connection. <a href="">↻</a></p>';
  },
);
