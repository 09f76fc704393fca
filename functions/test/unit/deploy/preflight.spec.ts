// `npm run preflight`: the offline deploy checks see a broken rewrite, a region mismatch, a
// missing parameter value and an emulator value; the repo as is passes for the demo project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { preflight } from '../../../../scripts/preflight.mjs';
import { factsFor, securityHeaders, withHeaders } from '../../../../scripts/hosting-headers.mjs';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'scripts/preflight.mjs');
const FILES = [
  'firebase.json',
  '.firebaserc',
  'package-lock.json',
  'docs/production.md',
  'firestore.indexes.json',
  'functions/package-lock.json',
  'functions/src/index.ts',
  'functions/src/params.ts',
  'functions/.env',
  'functions/.env.local',
  'functions/.secret.local',
];
const GOOD_PROD_ENV =
  'LIVEKIT_URL=https://lecturevault.livekit.cloud\nLIVEKIT_API_KEY=APIq3Zx81bYt\nINGEST_BUCKET=lv-prod-ingest\nEGRESS_HMAC_ACCESS_ID=GOOG1EPRODACCESSID\n';
const WEB_CONFIG =
  'VITE_FIREBASE_API_KEY=AIzaSyExample\nVITE_FIREBASE_AUTH_DOMAIN=lv-prod.firebaseapp.com\nVITE_FIREBASE_PROJECT_ID=lv-prod\n';

const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });

describe('preflight', () => {
  let temp: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
    writeFileSync(path.join(temp, file), text);
  };
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'lv-preflight-'));
    for (const file of FILES) {
      mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(temp, file));
    }
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('passes for the repo as is, for the demo project (the emulator’s view)', () => {
    const result = preflight({ project: 'demo-lecturevault' });
    assert.deepEqual(result.findings, []);
    assert.ok(
      result.notes.some((note) =>
        /listens to the ingest bucket \(INGEST_BUCKET = demo-lecturevault-ingest\): it must be in us-central1/.test(
          note,
        ),
      ),
      'says where the storage trigger’s bucket must be',
    );
    const cli = run(['--project', 'demo-lecturevault']);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /no findings/);
  });

  /** What `npm run headers -- --project <id>` does before a deploy, in the temp copy. */
  const writeHeadersFor = (projectId: string) => {
    const firebaseJson = JSON.parse(readFileSync(path.join(temp, 'firebase.json'), 'utf8'));
    const headers = securityHeaders(factsFor(projectId, { root: temp }));
    write('firebase.json', JSON.stringify(withHeaders(firebaseJson, headers), null, 2));
  };

  it('passes for a complete production configuration, and lists the secrets to set', () => {
    write('functions/.env.lv-prod', GOOD_PROD_ENV);
    write('hosting/.env.production', WEB_CONFIG);
    writeHeadersFor('lv-prod');
    const result = preflight({ project: 'lv-prod', root: temp });
    assert.deepEqual(result.findings, []);
    for (const secret of ['LIVEKIT_API_SECRET', 'RECORDING_KEK', 'EGRESS_HMAC_SECRET'])
      assert.ok(
        result.notes.some((n) => n.includes(secret)),
        secret,
      );
  });

  it('finds a broken rewrite, a region mismatch, a missing parameter value and demo values, and exits non-zero', () => {
    const firebaseJson = JSON.parse(readFileSync(path.join(temp, 'firebase.json'), 'utf8'));
    firebaseJson.hosting.rewrites[1].function.functionId = 'apii';
    write('firebase.json', JSON.stringify(firebaseJson, null, 2));
    write(
      'functions/.env.lv-prod',
      'FUNCTIONS_REGION=europe-west1\nLIVEKIT_URL=http://127.0.0.1:7880\nDOWNLOAD_BASE_URL=/api\n',
    );
    write('hosting/.env.production', WEB_CONFIG);
    const found = preflight({ project: 'lv-prod', root: temp }).findings.map((f) => f.finding);
    const expect = (re: RegExp, what: string) =>
      assert.ok(
        found.some((f) => re.test(f)),
        `${what}\n${found.join('\n')}`,
      );
    expect(/function "apii": functions\/src\/index\.ts exports no such function/, 'the broken rewrite');
    expect(/names region us-central1, but the functions run in europe-west1/, 'the region mismatch');
    expect(/LIVEKIT_API_KEY has no value for lv-prod/, 'the missing parameter');
    expect(
      /functions\/\.env\.lv-prod: LIVEKIT_URL=http:\/\/127\.0\.0\.1:7880 is the emulator value/,
      'the demo LIVEKIT_URL',
    );
    expect(/functions\/\.env\.lv-prod: DOWNLOAD_BASE_URL=\/api is the emulator value/, 'downloads through Hosting');

    const cli = run(['--project', 'lv-prod', '--root', temp]);
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, /✗ \[Hosting rewrites\] .*apii/);
    assert.match(cli.stdout, /\d+ finding\(s\): fix them before deploying\./);
  });

  it('finds a secret given a value in an env file, a stale functions lock and a missing web config', () => {
    write('functions/.env.lv-prod', `${GOOD_PROD_ENV}RECORDING_KEK=c2VjcmV0\n`);
    const lock = JSON.parse(readFileSync(path.join(temp, 'functions/package-lock.json'), 'utf8'));
    lock.packages['node_modules/zod'].version = '4.0.0';
    write('functions/package-lock.json', JSON.stringify(lock));
    const found = preflight({ project: 'lv-prod', root: temp }).findings.map((f) => f.finding);
    assert.ok(
      found.some((f) => /RECORDING_KEK is a secret but functions\/\.env\.lv-prod gives it a value/.test(f)),
      found.join('\n'),
    );
    assert.ok(
      found.some((f) => /functions\/package-lock\.json is missing or stale/.test(f)),
      found.join('\n'),
    );
    assert.ok(
      found.some((f) => /hosting\/\.env\.production is missing/.test(f)),
      found.join('\n'),
    );
  });

  it('finds a composite index removed from firestore.indexes.json and a TTL policy dropped', () => {
    const file = JSON.parse(readFileSync(path.join(temp, 'firestore.indexes.json'), 'utf8'));
    file.indexes = file.indexes.filter((i: { collectionGroup: string }) => i.collectionGroup !== 'playbackSessions');
    file.fieldOverrides = file.fieldOverrides.filter(
      (o: { collectionGroup: string }) => o.collectionGroup !== 'webhookEvents',
    );
    write('firestore.indexes.json', JSON.stringify(file));
    const found = preflight({ project: 'demo-lecturevault', root: temp })
      .findings.filter((f) => f.check === 'indexes and TTL')
      .map((f) => f.finding);
    assert.deepEqual(found, [
      'missing composite index playbackSessions(email ASCENDING, recordingId ASCENDING, expiresAtMs ASCENDING)',
      'missing composite index playbackSessions(uid ASCENDING, expiresAtMs ASCENDING)',
      'missing composite index playbackSessions(recordingId ASCENDING, expiresAtMs ASCENDING)',
      'missing composite index playbackSessions(meetingId ASCENDING, expiresAtMs ASCENDING)',
      'missing composite index playbackSessions(uid ASCENDING, lastHeartbeatMs ASCENDING)',
      'missing composite index playbackSessions(createdAtMs ASCENDING, lastHeartbeatMs ASCENDING)',
      'missing TTL policy on webhookEvents.removeAt',
    ]);
  });

  it('finds a WIDGET_ORIGINS entry that is no https origin (a path, http), which the API would ignore', () => {
    write('hosting/.env.production', WEB_CONFIG);
    const widgetFindings = () =>
      preflight({ project: 'lv-prod', root: temp })
        .findings.filter((f) => f.check === 'widget origins')
        .map((f) => f.finding);
    write(
      'functions/.env.lv-prod',
      `${GOOD_PROD_ENV}WIDGET_ORIGINS=https://learn.example.edu https://meet.example.edu\n`,
    );
    assert.deepEqual(widgetFindings(), []);
    write(
      'functions/.env.lv-prod',
      `${GOOD_PROD_ENV}WIDGET_ORIGINS=https://learn.example.edu/course http://meet.example.edu\n`,
    );
    assert.match(
      widgetFindings().join('\n'),
      /WIDGET_ORIGINS: not an https origin .*https:\/\/learn\.example\.edu\/course, http:\/\/meet\.example\.edu/,
    );
  });

  it('finds an ingest bucket that is the main bucket and an HMAC secret pasted as the access id', () => {
    write('hosting/.env.production', WEB_CONFIG);
    write(
      'functions/.env.lv-prod',
      GOOD_PROD_ENV.replace('INGEST_BUCKET=lv-prod-ingest', 'INGEST_BUCKET=lv-prod.firebasestorage.app').replace(
        'EGRESS_HMAC_ACCESS_ID=GOOG1EPRODACCESSID',
        'EGRESS_HMAC_ACCESS_ID=bGV0bWVpbi1obWFjLXNlY3JldA/+x',
      ),
    );
    const found = preflight({ project: 'lv-prod', root: temp })
      .findings.filter((f) => f.check === 'egress upload')
      .map((f) => f.finding)
      .join('\n');
    assert.match(found, /INGEST_BUCKET is the main bucket \(lv-prod\.firebasestorage\.app\)/);
    assert.match(found, /EGRESS_HMAC_ACCESS_ID is not an HMAC access id/);
  });

  it('finds Hosting headers that are not the project’s: the emulator’s CSP, a stale frame-ancestors list', () => {
    write('functions/.env.lv-prod', GOOD_PROD_ENV);
    write('hosting/.env.production', WEB_CONFIG);
    const headerFindings = () =>
      preflight({ project: 'lv-prod', root: temp })
        .findings.filter((f) => f.check === 'Hosting headers')
        .map((f) => f.finding);
    assert.match(headerFindings().join('\n'), /not those of lv-prod.*npm run headers -- --project lv-prod/);
    writeHeadersFor('lv-prod');
    assert.deepEqual(headerFindings(), []);
    write('hosting/.env.production', `${WEB_CONFIG}EMBED_ORIGINS=https://platform.example.edu\n`);
    assert.equal(headerFindings().length, 1, 'an embedding origin added since the headers were written');
    write('hosting/.env.production', `${WEB_CONFIG}EMBED_ORIGINS=http://platform.example.edu\n`);
    assert.match(headerFindings().join('\n'), /EMBED_ORIGINS: not an https origin: http:\/\/platform\.example\.edu/);
  });
});
