/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'true' hides the demo accounts hint on the sign-in page (a real deployment) */
  readonly VITE_HIDE_DEMO_ACCOUNTS?: string;
}
