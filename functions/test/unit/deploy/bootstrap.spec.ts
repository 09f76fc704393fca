// `npm run bootstrap`: the dry run prints the whole plan (every step, its probe, no secret), and a
// run is idempotent — against a stand-in gcloud/npx that keeps state, a second run creates nothing
// and never replaces the key-encryption key; the HMAC secret goes to Secret Manager on stdin only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { plan, resolveOptions } from '../../../../scripts/bootstrap.mjs';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'scripts/bootstrap.mjs');
const HMAC_SECRET = 'hmacSecretNeverPrinted0123456789abcdefXYZ';
const STEPS = [
  'apis',
  'build-account',
  'artifact-repository',
  'cleanup-policy',
  'main-bucket',
  'ingest-bucket',
  'ingest-lifecycle',
  'egress-account',
  'egress-binding',
  'egress-hmac',
  'runtime-roles',
  'event-trigger-iam',
  'recording-kek',
  'firestore',
  'firestore-recovery',
  'firestore-backups',
];

// gcloud and npx stand-ins: they log each call, answer probes from a state file, record creations.
const FAKE = `#!/usr/bin/env node
const fs = require('fs'); const path = require('path');
const dir = process.env.FAKE_DIR; const args = process.argv.slice(2); const tool = path.basename(process.argv[1]);
const stateFile = path.join(dir, 'state.json');
const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));
fs.appendFileSync(path.join(dir, 'calls.log'), tool + ' ' + args.join(' ') + '\\n');
const line = args.join(' ');
// A resource's key: the command group and the first positional after the verb (an account by name).
const key = (verb) => {
  const words = args.filter((a) => !a.startsWith('--'));
  const at = words.indexOf(verb);
  return [...words.slice(0, at), String(words[at + 1]).replace(/@.*/, '')].join(' ');
};
if (tool === 'npx') {
  const name = args[2];
  state['secret ' + name] = fs.readFileSync(0, 'utf8');
  save(); process.exit(0);
}
if (line.startsWith('projects describe')) { console.log('123456789'); process.exit(0); }
if (line.startsWith('storage hmac create')) {
  state.hmac = true; save();
  console.log(JSON.stringify({ metadata: { accessId: 'GOOG1EXAMPLEACCESSID' }, secret: '${HMAC_SECRET}' }));
  process.exit(0);
}
if (line.startsWith('storage hmac list')) { if (state.hmac) console.log('GOOG1EXAMPLEACCESSID'); process.exit(0); }
if (line.startsWith('secrets describe')) process.exit(state['secret ' + args[2]] ? 0 : 1);
if (line.startsWith('firestore backups schedules list')) { if (state.backups) console.log('daily'); process.exit(0); }
if (line.startsWith('firestore backups schedules create')) { state.backups = true; save(); process.exit(0); }
if (/ describe /.test(' ' + line + ' ')) process.exit(state[key('describe')] ? 0 : 1);
if (/ create /.test(' ' + line + ' ')) {
  state[key('create')] = true; save(); process.exit(0);
}
process.exit(0);
`;

describe('bootstrap', function () {
  this.timeout(30_000);
  let temp: string;
  let bin: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [SCRIPT, '--root', temp, '--project', 'lv-prod', ...args], {
      cwd: temp,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_DIR: temp },
    });
  const calls = () => {
    try {
      return readFileSync(path.join(temp, 'calls.log'), 'utf8');
    } catch {
      return '';
    }
  };
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'lv-bootstrap-'));
    bin = path.join(temp, 'bin');
    mkdirSync(bin);
    for (const tool of ['gcloud', 'npx']) {
      writeFileSync(path.join(bin, tool), FAKE);
      chmodSync(path.join(bin, tool), 0o755);
    }
    mkdirSync(path.join(temp, 'functions/src'), { recursive: true });
    cpSync(path.join(ROOT, 'functions/src/params.ts'), path.join(temp, 'functions/src/params.ts'));
    cpSync(path.join(ROOT, 'functions/.env'), path.join(temp, 'functions/.env'));
    writeFileSync(path.join(temp, '.firebaserc'), '{"projects":{"prod":"lv-prod"}}');
    // The default bucket exists (Storage's "Get started"); bootstrap only checks it.
    writeFileSync(
      path.join(temp, 'state.json'),
      JSON.stringify({ 'storage buckets gs://lv-prod.firebasestorage.app': true }),
    );
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('dry run: prints every step with its commands and probes, runs nothing, prints no secret', () => {
    const dry = run('--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(calls(), '', 'a dry run calls neither gcloud nor firebase');
    const out = dry.stdout;
    STEPS.forEach((id, i) => assert.match(out, new RegExp(`\\[${i + 1}/${STEPS.length}\\] ${id}: `), id));
    for (const step of plan(resolveOptions(['--project', 'lv-prod', '--dry-run'], { root: temp })))
      if (step.probe && !('missing' in step))
        assert.match(step.title, /skipped when/, `${step.id} says it is skipped when done`);
    assert.match(out, /cloudbuild\.builds\.builder/);
    assert.match(out, /functions:artifacts:setpolicy --project=lv-prod --location=us-central1 --days=1 --force/);
    assert.match(out, /buckets create gs:\/\/lv-prod-ingest --location=us-central1 .*--public-access-prevention/);
    assert.match(out, /--lifecycle-file=storage-lifecycle\.ingest\.json/);
    assert.match(
      out,
      /gs:\/\/lv-prod-ingest --member=serviceAccount:lv-egress@lv-prod\.iam\.gserviceaccount\.com --role=roles\/storage\.objectUser/,
    );
    assert.doesNotMatch(
      out,
      /firebasestorage\.app --member=serviceAccount:lv-egress/,
      'egress gets nothing on the main bucket',
    );
    assert.match(out, /--role=roles\/firebaseauth\.viewer/);
    assert.match(out, /gs-project-accounts\.iam\.gserviceaccount\.com' --role=roles\/pubsub\.publisher/);
    assert.match(out, /storage hmac create .*# output kept in memory, not printed/);
    assert.doesNotMatch(out, /keys create/, 'no service-account key is ever made');
    assert.match(out, /dry run, nothing was run/);
  });

  it('runs every step once; a second run skips what exists and never replaces the key-encryption key', () => {
    const first = run('--project', 'prod');
    assert.equal(first.status, 0, first.stdout + first.stderr);
    const state = JSON.parse(readFileSync(path.join(temp, 'state.json'), 'utf8'));
    assert.equal(state['secret EGRESS_HMAC_SECRET'], HMAC_SECRET, 'the HMAC secret reached Secret Manager on stdin');
    const kek = state['secret RECORDING_KEK'] as string;
    assert.equal(Buffer.from(kek, 'base64').length, 32);
    assert.ok(
      !first.stdout.includes(HMAC_SECRET) && !first.stderr.includes(HMAC_SECRET),
      'the HMAC secret is never printed',
    );
    assert.ok(!first.stdout.includes(kek) && !calls().includes(kek) && !calls().includes(HMAC_SECRET));
    assert.match(
      readFileSync(path.join(temp, 'functions/.env.lv-prod'), 'utf8'),
      /^EGRESS_HMAC_ACCESS_ID=GOOG1EXAMPLEACCESSID$/m,
    );
    assert.match(
      calls(),
      /projects add-iam-policy-binding lv-prod --member=serviceAccount:123456789-compute@developer\.gserviceaccount\.com --role=roles\/cloudbuild\.builds\.builder/,
    );

    writeFileSync(path.join(temp, 'calls.log'), '');
    const second = run();
    assert.equal(second.status, 0, second.stdout + second.stderr);
    assert.equal((second.stdout.match(/already there, skipped/g) ?? []).length, 8, second.stdout);
    assert.doesNotMatch(
      calls(),
      /(buckets|repositories|service-accounts|hmac|databases|schedules) create|secrets:set/,
      'nothing created twice',
    );
    const again = JSON.parse(readFileSync(path.join(temp, 'state.json'), 'utf8'));
    assert.equal(again['secret RECORDING_KEK'], kek, 'the KEK is the first run’s');
  });

  it('stops on a missing default bucket with the console step to take, and refuses a demo project', () => {
    writeFileSync(path.join(temp, 'state.json'), '{}');
    const result = run();
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /✗ gs:\/\/lv-prod\.firebasestorage\.app does not exist: open Storage in the Firebase console/,
    );
    const demo = spawnSync(process.execPath, [SCRIPT, '--project', 'demo-lecturevault', '--dry-run'], {
      encoding: 'utf8',
    });
    assert.equal(demo.status, 2);
    assert.match(demo.stderr, /emulator's demo project/);
  });
});
