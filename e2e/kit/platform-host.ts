// A stand-in for the platform's own pages: a plain HTML host on another origin (not our app) that
// embeds the widgets from Hosting (/embed/lecturevault.js), signs its user in with Firebase Auth
// (same project: here the Auth emulator, for the seeded users) and hands the ID token over with
// LectureVault.setTokenProvider. Its CSP is the one docs/embedding.md tells a host to add, and
// its stylesheet is deliberately hostile (it even declares custom properties named like our design
// tokens), to show that neither page's CSS reaches the other.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD, users } from '../../scripts/seed/world';
import { HOSTING_URL, idTokenFor } from '../../functions/test/kit/emulators';

/** The origin functions/.env.local names in WIDGET_ORIGINS. */
export const PLATFORM_PORT = 5080;
/** An origin nobody allowed. */
export const STRANGER_PORT = 5081;

/**
 * Where the recording widget's own Firebase session goes: Auth (its custom-token sign-in and token
 * refreshes) and Firestore (the listener). In production identitytoolkit.googleapis.com,
 * securetoken.googleapis.com and firestore.googleapis.com; here the emulators.
 */
const FIREBASE_ORIGINS = [
  `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099'}`,
  `http://${process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080'}`,
];

/** The host page's CSP: what docs/embedding.md says a platform adds for the widgets. */
export const HOST_CSP = [
  "default-src 'self'",
  `script-src 'self' ${HOSTING_URL}`,
  `connect-src 'self' ${HOSTING_URL} ${FIREBASE_ORIGINS.join(' ')}`,
  "style-src 'self'",
  // data: for the empty <track> hls.js makes for a subtitle rendition (captions).
  'media-src blob: data:',
  'worker-src blob:',
  // Firestore's WebChannel probes the network with this one image when its channel fails.
  "img-src 'self' data: https://www.google.com/images/cleardot.gif",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const HOST_CSS = `
:root { --accent: rgb(255, 0, 255); --rec: rgb(0, 0, 255); --space-3: 40px; }
* { color: rgb(0, 128, 0) !important; font-family: serif !important; letter-spacing: 3px; }
body { text-transform: uppercase; line-height: 3; }
button { background: rgb(255, 0, 255) !important; border-radius: 0 !important; }
div, p, video { display: none; }
.host-content { display: block; }
`;

/** The platform's script: its signed-in user's token, once, then the same token on every call. */
const HOST_JS = `
import { LectureVault } from '${HOSTING_URL}/embed/lecturevault.js';
const user = new URLSearchParams(location.search).get('user');
if (user) {
  const token = fetch('/token?user=' + encodeURIComponent(user)).then((r) => r.text());
  LectureVault.setTokenProvider(() => token);
}
document.addEventListener('lecturevault-leave', (event) => {
  document.body.dataset.left = event.detail.meetingId;
});
`;

function page(params: URLSearchParams): string {
  const meeting = params.get('meeting');
  const recording = params.get('recording');
  const attr = (value: string) => value.replace(/[^\w-]/g, '');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Platform page</title>
    <link rel="stylesheet" href="/host.css" />
    <script type="module" src="/host.js"></script>
  </head>
  <body>
    <h1>Platform meeting room</h1>
    <section class="host-content">
      <button type="button" class="button button-danger" id="host-button">The platform's own button</button>
      <span class="rec-indicator" id="host-indicator">The platform's element with one of our class names</span>
    </section>
    ${meeting ? `<lecturevault-recording meeting-id="${attr(meeting)}"></lecturevault-recording>` : ''}
    ${recording ? `<lecturevault-player recording-id="${attr(recording)}"></lecturevault-player>` : ''}
  </body>
</html>`;
}

export interface PlatformHost {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startPlatformHost(port: number): Promise<PlatformHost> {
  const tokens = new Map<string, Promise<string>>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': HOST_CSP, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/host.css') return send(200, 'text/css', HOST_CSS);
    if (url.pathname === '/host.js') return send(200, 'text/javascript', HOST_JS);
    if (url.pathname === '/token') {
      const user = users[url.searchParams.get('user') as keyof typeof users];
      if (!user) return send(404, 'text/plain', 'no such user');
      if (!tokens.has(user.email)) tokens.set(user.email, idTokenFor(user.email, DEMO_PASSWORD));
      void tokens.get(user.email)!.then(
        (token) => send(200, 'text/plain', token),
        () => send(500, 'text/plain', 'sign-in failed'),
      );
      return;
    }
    if (url.pathname === '/') return send(200, 'text/html', page(url.searchParams));
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
