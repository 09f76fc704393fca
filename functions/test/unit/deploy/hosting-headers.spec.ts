// The security headers firebase.json carries, per project: what the CSP lets the app, Firebase Auth
// and hls.js do, and what it names for a production deploy that the emulator's does not.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { factsFor, securityHeaders } from '../../../../scripts/hosting-headers.mjs';

const header = (headers: { key: string; value: string }[], key: string) => headers.find((h) => h.key === key)?.value;
const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe('Hosting security headers', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'lv-headers-'));
    mkdirSync(path.join(root, 'functions/src'), { recursive: true });
    mkdirSync(path.join(root, 'hosting'), { recursive: true });
    writeFileSync(
      path.join(root, 'functions/src/params.ts'),
      "defineString('FUNCTIONS_REGION', { default: 'us-central1' })",
    );
    writeFileSync(path.join(root, 'functions/.env'), 'FUNCTIONS_REGION=europe-west1\nDOWNLOAD_BASE_URL=\n');
    writeFileSync(path.join(root, 'functions/.env.local'), 'DOWNLOAD_BASE_URL=/api\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('production: no eval, no inline script, Auth’s REST hosts and Firestore, hls.js blobs, forms to the downloads function', () => {
    writeFileSync(path.join(root, 'hosting/.env.production'), 'EMBED_ORIGINS=\n');
    const headers = securityHeaders(factsFor('lv-prod', { root }));
    const csp = header(headers, 'Content-Security-Policy')!;
    assert.equal(directive(csp, 'script-src'), "'self'");
    assert.equal(
      directive(csp, 'connect-src'),
      "'self' https://identitytoolkit.googleapis.com https://securetoken.googleapis.com https://firestore.googleapis.com",
    );
    assert.equal(directive(csp, 'worker-src'), "'self' blob:");
    // Firestore's network probe, by exact path: no other image of that host.
    assert.equal(directive(csp, 'img-src'), "'self' data: https://www.google.com/images/cleardot.gif");
    assert.equal(directive(csp, 'media-src'), "'self' blob: mediastream: data:");
    assert.equal(directive(csp, 'form-action'), "'self' https://europe-west1-lv-prod.cloudfunctions.net");
    assert.equal(directive(csp, 'frame-ancestors'), "'none'");
    assert.equal(header(headers, 'X-Frame-Options'), 'DENY');
    assert.doesNotMatch(csp, /127\.0\.0\.1|unsafe/);
    assert.match(header(headers, 'Strict-Transport-Security')!, /^max-age=31536000$/);
    assert.match(header(headers, 'Permissions-Policy')!, /camera=\(\).*microphone=\(\).*fullscreen=\(self\)/);
  });

  it('the emulator: the Auth and Firestore emulators may be reached (not production Firestore), downloads post to the same origin', () => {
    const csp = header(securityHeaders(factsFor('demo-lecturevault', { root })), 'Content-Security-Policy')!;
    assert.match(directive(csp, 'connect-src')!, / http:\/\/127\.0\.0\.1:8080 http:\/\/127\.0\.0\.1:9099$/);
    assert.doesNotMatch(directive(csp, 'connect-src')!, /firestore\.googleapis\.com/);
    assert.equal(directive(csp, 'form-action'), "'self'");
  });

  it('embedding origins become frame-ancestors, and X-Frame-Options (which cannot name them) goes', () => {
    writeFileSync(
      path.join(root, 'hosting/.env.production'),
      'EMBED_ORIGINS=https://platform.example.edu https://lms.example.edu\n',
    );
    const headers = securityHeaders(factsFor('lv-prod', { root }));
    assert.equal(
      directive(header(headers, 'Content-Security-Policy')!, 'frame-ancestors'),
      'https://platform.example.edu https://lms.example.edu',
    );
    assert.equal(header(headers, 'X-Frame-Options'), undefined);
  });

  it('refuses an embedding origin that is not https, and a DOWNLOAD_BASE_URL names its own origin', () => {
    writeFileSync(path.join(root, 'hosting/.env.production'), 'EMBED_ORIGINS=platform.example.edu\n');
    assert.throws(() => factsFor('lv-prod', { root }), /not an https origin: platform\.example\.edu/);
    writeFileSync(path.join(root, 'hosting/.env.production'), '');
    writeFileSync(path.join(root, 'functions/.env.lv-prod'), 'DOWNLOAD_BASE_URL=https://dl.example.edu/x\n');
    assert.equal(factsFor('lv-prod', { root }).downloadOrigin, 'https://dl.example.edu');
  });

  it('school account sign-in: Google’s iframe library, Auth’s handler frame and a popup-friendly opener policy, only when on', () => {
    writeFileSync(
      path.join(root, 'hosting/.env.production'),
      'VITE_SIGN_IN_PROVIDERS=google microsoft\nVITE_FIREBASE_AUTH_DOMAIN=lv-prod.firebaseapp.com\n',
    );
    const headers = securityHeaders(factsFor('lv-prod', { root }));
    const csp = header(headers, 'Content-Security-Policy')!;
    assert.equal(directive(csp, 'script-src'), "'self' https://apis.google.com");
    assert.equal(directive(csp, 'frame-src'), 'https://lv-prod.firebaseapp.com');
    assert.equal(header(headers, 'Cross-Origin-Opener-Policy'), 'same-origin-allow-popups');
    writeFileSync(path.join(root, 'hosting/.env.production'), 'VITE_SIGN_IN_PROVIDERS=google\n');
    assert.throws(() => factsFor('lv-prod', { root }), /VITE_FIREBASE_AUTH_DOMAIN/);
  });
});
