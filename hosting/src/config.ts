// Build-time configuration, read in one place.
//
// Emulator builds (`vite build --mode emulator`, values in .env.emulator): the demo project, with
// Auth and Firestore pointed at the local emulators.
// Production builds (`vite build`): the real web config comes from the environment (or an
// untracked .env.production.local): VITE_FIREBASE_API_KEY, VITE_FIREBASE_AUTH_DOMAIN,
// VITE_FIREBASE_PROJECT_ID, optionally VITE_FIREBASE_APP_ID. A production build never talks to
// emulators, whatever VITE_USE_EMULATORS says.
// The API is always same-origin /api/** (Hosting rewrites it to the `api` function).

export interface FirebaseSettings {
  readonly options: {
    readonly apiKey: string;
    readonly authDomain: string;
    readonly projectId: string;
    readonly appId?: string;
  };
  /** Auth emulator origin, or null to use real Firebase Auth. */
  readonly authEmulatorUrl: string | null;
  /** Firestore emulator (the recording state's listener), or null to use real Firestore. */
  readonly firestoreEmulator: { readonly host: string; readonly port: number } | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The school account providers the sign-in page offers (VITE_SIGN_IN_PROVIDERS: "google",
 * "microsoft", space-separated; empty: none). Each must be enabled in Firebase Auth, and the API
 * takes only the domains of SIGN_IN_DOMAINS (docs/production.md §14).
 */
export const SCHOOL_PROVIDERS: readonly ('google' | 'microsoft')[] = (import.meta.env.VITE_SIGN_IN_PROVIDERS ?? '')
  .split(/\s+/)
  .filter((name: string): name is 'google' | 'microsoft' => name === 'google' || name === 'microsoft');

/** Statically folded by Vite: false in production builds, so emulator-only code is tree-shaken. */
export const USE_EMULATORS: boolean =
  import.meta.env.MODE !== 'production' && import.meta.env.VITE_USE_EMULATORS === '1';

const AUTH_EMULATOR_URL = 'http://127.0.0.1:9099';
// firebase.json's emulators.firestore; the CSP of emulator builds names it (scripts/hosting-headers.mjs).
const FIRESTORE_EMULATOR = { host: '127.0.0.1', port: 8080 };

export function readFirebaseSettings(): FirebaseSettings {
  const env = import.meta.env;
  const required = {
    VITE_FIREBASE_API_KEY: env.VITE_FIREBASE_API_KEY,
    VITE_FIREBASE_AUTH_DOMAIN: env.VITE_FIREBASE_AUTH_DOMAIN,
    VITE_FIREBASE_PROJECT_ID: env.VITE_FIREBASE_PROJECT_ID,
  };
  const missing = Object.entries(required)
    .filter(([, value]) => !value)
    .map(([key]) => key);
  if (missing.length > 0) {
    throw new ConfigError(`This build is missing its Firebase configuration (${missing.join(', ')}).`);
  }
  return {
    options: {
      apiKey: required.VITE_FIREBASE_API_KEY!,
      authDomain: required.VITE_FIREBASE_AUTH_DOMAIN!,
      projectId: required.VITE_FIREBASE_PROJECT_ID!,
      ...(env.VITE_FIREBASE_APP_ID ? { appId: env.VITE_FIREBASE_APP_ID } : {}),
    },
    authEmulatorUrl: USE_EMULATORS ? AUTH_EMULATOR_URL : null,
    firestoreEmulator: USE_EMULATORS ? FIRESTORE_EMULATOR : null,
  };
}
