// The web app's security headers (Content-Security-Policy, Permissions-Policy, HSTS, …), derived
// from one project's facts. Hosting headers are static JSON in firebase.json, so this script
// writes them there for the project about to be deployed, and preflight checks they match:
//   npm run headers -- --project <id|alias>          write firebase.json's "**" headers
//   npm run headers -- --project <id|alias> --check  exit 1 if firebase.json differs
// The committed firebase.json holds a production view with no project's download origin and no
// emulator address (the Hosting predeploy refuses it until this script has named the project).
// The emulator's view (the Auth emulator in connect-src, downloads through /api) never enters
// firebase.json: scripts/dev.mjs writes it to .dev/firebase.json for the emulator run only
// (scripts/emulator-config.mjs).
// Inputs: EMBED_ORIGINS in hosting/.env.emulator (demo) or hosting/.env.production (space-separated
// origins that may embed the app; empty: nobody, not even ourselves), and where download links
// point (functions' DOWNLOAD_BASE_URL, else the downloads function's own URL), which the CSP's
// form-action must name because following a link is a form POST there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionsRegion, parseDotenv, readFunctionsEnv, repoRoot } from './functions-env.mjs';

const AUTH_EMULATOR = 'http://127.0.0.1:9099';
// The meeting page follows recordingStates/{meetingId} with Firestore's listener (WebChannel over
// HTTPS to firestore.googleapis.com); emulator builds talk to the Firestore emulator instead.
const FIRESTORE = 'https://firestore.googleapis.com';
const FIRESTORE_EMULATOR = 'http://127.0.0.1:8080';
const FIRESTORE_NETWORK_PROBE = 'https://www.google.com/images/cleardot.gif';
const GOOGLE_APIS = 'https://apis.google.com';
const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d+)?$/i;

/** The headers for every Hosting path; `facts` as factsFor() reads them. */
export function securityHeaders({ emulator, embedOrigins, downloadOrigin, schoolSignIn = null }) {
  const csp = [
    ["default-src 'self'"],
    // Sign-in with the school's Google or Microsoft account (VITE_SIGN_IN_PROVIDERS): Firebase's
    // popup flow loads Google's iframe library and opens Auth's handler page in a hidden frame.
    ["script-src 'self'", ...(schoolSignIn ? [GOOGLE_APIS] : [])],
    // Vite emits CSS files; Preact writes styles through CSSOM (element.style), which CSP allows.
    ["style-src 'self'"],
    // Firestore's WebChannel (the recording state's listener) probes the network with this one image
    // when its channel fails; only that path, not the host.
    ["img-src 'self' data:", FIRESTORE_NETWORK_PROBE],
    ["font-src 'self'"],
    // Firebase Auth's REST endpoints (email/password sign-in and token refresh) and Firestore's
    // listener (the recording state), or, in emulator builds only, their emulators.
    [
      "connect-src 'self' https://identitytoolkit.googleapis.com https://securetoken.googleapis.com",
      emulator ? FIRESTORE_EMULATOR : FIRESTORE,
      ...(emulator ? [AUTH_EMULATOR] : []),
    ],
    // hls.js plays through MediaSource (a blob: URL on the video element) and may run its
    // demuxer in a worker made from a blob; the caption tracks it adds are <track> elements whose
    // source is an empty WebVTT data: URL (the cues come from the subtitle rendition).
    ["media-src 'self' blob: mediastream: data:"],
    ["worker-src 'self' blob:"],
    [schoolSignIn ? `frame-src ${schoolSignIn.frameOrigin}` : "frame-src 'none'"],
    ["object-src 'none'"],
    ["base-uri 'none'"],
    ["manifest-src 'self'"],
    ["form-action 'self'", ...(downloadOrigin && downloadOrigin !== "'self'" ? [downloadOrigin] : [])],
    [embedOrigins.length ? `frame-ancestors ${embedOrigins.join(' ')}` : "frame-ancestors 'none'"],
  ]
    .map((parts) => parts.join(' '))
    .join('; ');
  const deny = [
    'accelerometer',
    'camera',
    'display-capture',
    'encrypted-media',
    'geolocation',
    'gyroscope',
    'hid',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'picture-in-picture',
    'serial',
    'usb',
  ];
  const permissions = [...deny.map((f) => `${f}=()`), 'autoplay=(self)', 'fullscreen=(self)'].join(', ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'Permissions-Policy', value: permissions },
    // One year, this host only: includeSubDomains/preload would bind every host of the domain.
    { key: 'Strict-Transport-Security', value: 'max-age=31536000' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'no-referrer' },
    // The sign-in popup reports back to its opener, which same-origin would cut it off from.
    { key: 'Cross-Origin-Opener-Policy', value: schoolSignIn ? 'same-origin-allow-popups' : 'same-origin' },
    // For browsers without frame-ancestors; it cannot name origins, so it goes when embedding is allowed.
    ...(embedOrigins.length ? [] : [{ key: 'X-Frame-Options', value: 'DENY' }]),
  ];
}

/** The facts securityHeaders() needs, for one project, from the repository's files. */
export function factsFor(projectId, { root = repoRoot } = {}) {
  const emulator = projectId.startsWith('demo-');
  const webEnvFile = path.join(root, 'hosting', emulator ? '.env.emulator' : '.env.production');
  const webEnv = existsSync(webEnvFile) ? parseDotenv(readFileSync(webEnvFile, 'utf8')) : {};
  const embedOrigins = (webEnv.EMBED_ORIGINS ?? '').split(/\s+/).filter(Boolean);
  const bad = embedOrigins.filter((o) => !ORIGIN.test(o) && !(emulator && /^http:\/\/127\.0\.0\.1(:\d+)?$/.test(o)));
  if (bad.length) throw new Error(`EMBED_ORIGINS: not an https origin: ${bad.join(', ')}`);
  const { values } = readFunctionsEnv(projectId, { emulator, root });
  const base = (values.DOWNLOAD_BASE_URL ?? '').trim();
  const downloadOrigin = base
    ? /^https?:\/\//.test(base)
      ? new URL(base).origin
      : "'self'"
    : `https://${functionsRegion(projectId, { emulator, root })}-${projectId}.cloudfunctions.net`;
  return { emulator, embedOrigins, downloadOrigin, schoolSignIn: schoolSignInFacts(webEnv, emulator) };
}

/** With school account providers on (VITE_SIGN_IN_PROVIDERS), the origin of Auth's handler frame. */
function schoolSignInFacts(webEnv, emulator) {
  if (!(webEnv.VITE_SIGN_IN_PROVIDERS ?? '').trim()) return null;
  if (emulator) return { frameOrigin: AUTH_EMULATOR };
  const authDomain = (webEnv.VITE_FIREBASE_AUTH_DOMAIN ?? '').trim();
  if (!/^[a-z0-9.-]+$/i.test(authDomain)) {
    throw new Error(
      'VITE_SIGN_IN_PROVIDERS needs VITE_FIREBASE_AUTH_DOMAIN (its handler frame) in hosting/.env.production',
    );
  }
  return { frameOrigin: `https://${authDomain}` };
}

/**
 * The widgets' script and its chunks (dist/embed/, docs/embedding.md), which the platform's pages
 * load from their own origin: a module script from another origin is a CORS request, and a page
 * that isolates itself (COEP) loads only what says Cross-Origin-Resource-Policy: cross-origin.
 * Public code with no credential in it, so any origin may read it. The entry's URL is the stable
 * one hosts name (revalidated on every load); its chunks are hashed (cached for good).
 */
export const EMBED_RULES = [
  {
    source: '/embed/**',
    headers: [
      { key: 'Access-Control-Allow-Origin', value: '*' },
      { key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' },
    ],
  },
  { source: '/embed/lecturevault.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
  { source: '/embed/chunks/**', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
];
const MANAGED = new Set(['**', ...EMBED_RULES.map((rule) => rule.source)]);

/** firebase.json with its "**" headers set to `headers` and the /embed/ rules (other header rules kept). */
export function withHeaders(firebaseJson, headers) {
  const hosting = firebaseJson.hosting;
  const rules = (hosting.headers ?? []).filter((rule) => !MANAGED.has(rule.source));
  return { ...firebaseJson, hosting: { ...hosting, headers: [{ source: '**', headers }, ...EMBED_RULES, ...rules] } };
}

/** Findings (strings) when firebase.json's "**" headers are not the ones for `projectId`. */
export function headerFindings(firebaseJson, projectId, options) {
  const expected = securityHeaders(factsFor(projectId, options));
  const rules = [firebaseJson.hosting ?? []].flat()[0]?.headers ?? [];
  const actual = rules.find((rule) => rule.source === '**')?.headers ?? [];
  const embed = EMBED_RULES.map((wanted) => rules.find((rule) => rule.source === wanted.source) ?? null);
  if (JSON.stringify(actual) === JSON.stringify(expected) && JSON.stringify(embed) === JSON.stringify(EMBED_RULES))
    return [];
  return [
    `firebase.json's Hosting headers are not those of ${projectId} (CSP, frame-ancestors, form-action, HSTS, /embed/ CORS): run npm run headers -- --project ${projectId}`,
  ];
}

/** The headers firebase.json is committed with: production's shape, no project, no emulator. */
export const COMMITTED_HEADERS = securityHeaders({ emulator: false, embedOrigins: [], downloadOrigin: "'self'" });

/** Findings when a firebase.json names an emulator or local address anywhere in its Hosting part. */
export function emulatorAddressFindings(firebaseJson) {
  const text = JSON.stringify(firebaseJson.hosting ?? {});
  const found = [...new Set(text.match(/https?:\/\/(127\.0\.0\.1|localhost|0\.0\.0\.0)(:\d+)?/g) ?? [])];
  return found.length
    ? [`firebase.json's Hosting config names ${found.join(', ')}: an emulator address must never be deployed`]
    : [];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--project');
  const rc = JSON.parse(readFileSync(path.join(repoRoot, '.firebaserc'), 'utf8'));
  const given = at >= 0 ? args[at + 1] : undefined;
  const projectId = rc.projects?.[given] ?? given ?? rc.projects?.default;
  if (!projectId) {
    console.error('hosting-headers: pass --project <id|alias>');
    process.exit(2);
  }
  if (projectId.startsWith('demo-')) {
    console.error(
      `hosting-headers: ${projectId} is the emulator's; its headers go to .dev/firebase.json (scripts/emulator-config.mjs, written by npm start and the tests), never into firebase.json`,
    );
    process.exit(2);
  }
  const file = path.join(repoRoot, 'firebase.json');
  const current = JSON.parse(readFileSync(file, 'utf8'));
  if (args.includes('--check')) {
    const findings = headerFindings(current, projectId);
    for (const finding of findings) console.error(finding);
    process.exit(findings.length ? 1 : 0);
  }
  writeFileSync(file, `${JSON.stringify(withHeaders(current, securityHeaders(factsFor(projectId))), null, 2)}\n`);
  console.log(`firebase.json: Hosting headers for ${projectId}`);
}
