/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_USE_EMULATORS?: string;
  readonly VITE_FIREBASE_API_KEY?: string;
  readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
  readonly VITE_FIREBASE_PROJECT_ID?: string;
  readonly VITE_FIREBASE_APP_ID?: string;
  /** School account providers the sign-in page offers: "google", "microsoft" (space-separated). */
  readonly VITE_SIGN_IN_PROVIDERS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// hls.js ships its light build without its own declarations; it is the same API minus features.
declare module 'hls.js/light' {
  export { default } from 'hls.js';
}
