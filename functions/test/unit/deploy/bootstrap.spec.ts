// `npm run bootstrap`: the dry run prints the whole plan (every step, its probe, no secret) and runs
// nothing; a run is idempotent — against a stand-in for gcloud and firebase that keeps state, a
// second run creates nothing and never replaces the key-encryption key; the HMAC secret reaches
// Secret Manager on stdin only and is never printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap, plan, resolveOptions, type Command } from '../../../../scripts/bootstrap.mjs';

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

/**
 * gcloud and `npx firebase` as a project would answer them: probes (describe, list) from a state,
 * creations recorded in it, secrets stored from stdin. Every call is logged.
 */
function fakeProject(state: Record<string, string | boolean>) {
  const calls: string[] = [];
  // A resource's key: the command group and the first positional after the verb (an account by name).
  const key = (args: string[], verb: string) => {
    const words = args.filter((a) => !a.startsWith('--'));
    const at = words.indexOf(verb);
    return [...words.slice(0, at), String(words[at + 1]).replace(/@.*/, '')].join(' ');
  };
  const answer = (ok: boolean, stdout = '') => ({ ok, stdout, stderr: ok ? '' : 'NOT_FOUND' });
  const command: Command = ([tool, ...args], { input }) => {
    calls.push(`${tool} ${args.join(' ')}`);
    const line = args.join(' ');
    if (tool === 'npx') {
      state[`secret ${args[2]}`] = input ?? '';
      return answer(true);
    }
    if (line.startsWith('projects describe')) return answer(true, '123456789\n');
    if (line.startsWith('storage hmac create')) {
      state.hmac = true;
      return answer(true, JSON.stringify({ metadata: { accessId: 'GOOG1EXAMPLEACCESSID' }, secret: HMAC_SECRET }));
    }
    if (line.startsWith('storage hmac list')) return answer(true, state.hmac ? 'GOOG1EXAMPLEACCESSID\n' : '');
    if (line.startsWith('secrets describe')) return answer(Boolean(state[`secret ${args[2]}`]));
    if (line.startsWith('firestore backups schedules list')) return answer(true, state.backups ? 'daily\n' : '');
    if (line.startsWith('firestore backups schedules create')) return answer(Boolean((state.backups = true)));
    if (args.includes('describe')) return answer(Boolean(state[key(args, 'describe')]));
    if (args.includes('create') && !line.includes('services identity')) state[key(args, 'create')] = true;
    return answer(true);
  };
  return { command, calls };
}

describe('bootstrap', function () {
  this.timeout(20_000);
  let temp: string;
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'lv-bootstrap-'));
    mkdirSync(path.join(temp, 'functions/src'), { recursive: true });
    cpSync(path.join(ROOT, 'functions/src/params.ts'), path.join(temp, 'functions/src/params.ts'));
    cpSync(path.join(ROOT, 'functions/.env'), path.join(temp, 'functions/.env'));
    writeFileSync(path.join(temp, '.firebaserc'), '{"projects":{"prod":"lv-prod"}}');
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('dry run: prints every step with its commands and probes, runs nothing, prints no secret', () => {
    const dry = spawnSync(process.execPath, [SCRIPT, '--root', temp, '--project', 'prod', '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/nonexistent' }, // gcloud and npx unreachable: nothing may run
    });
    assert.equal(dry.status, 0, dry.stderr);
    const out = dry.stdout;
    STEPS.forEach((id, i) => assert.match(out, new RegExp(`\\[${i + 1}/${STEPS.length}\\] ${id}: `), id));
    for (const step of plan(resolveOptions(['--project', 'lv-prod', '--dry-run'], { root: temp })))
      if (step.probe && !('missing' in step))
        assert.match(step.title, /skipped when/, `${step.id} says when it is skipped`);
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
    // The default bucket exists (Storage's "Get started"); bootstrap only checks it.
    const state: Record<string, string | boolean> = { 'storage buckets gs://lv-prod.firebasestorage.app': true };
    const options = resolveOptions(['--project', 'prod'], { root: temp });
    const first = fakeProject(state);
    const printed: string[] = [];
    assert.equal(
      bootstrap(options, { log: (line) => printed.push(line), command: first.command }),
      0,
      printed.join('\n'),
    );
    assert.equal(state['secret EGRESS_HMAC_SECRET'], HMAC_SECRET, 'the HMAC secret reached Secret Manager on stdin');
    const kek = state['secret RECORDING_KEK'] as string;
    assert.equal(Buffer.from(kek, 'base64').length, 32);
    const everything = printed.join('\n') + first.calls.join('\n');
    assert.ok(!everything.includes(HMAC_SECRET) && !everything.includes(kek), 'no secret printed or on a command line');
    assert.match(
      readFileSync(path.join(temp, 'functions/.env.lv-prod'), 'utf8'),
      /^EGRESS_HMAC_ACCESS_ID=GOOG1EXAMPLEACCESSID$/m,
    );
    assert.ok(
      first.calls.includes(
        'gcloud projects add-iam-policy-binding lv-prod --member=serviceAccount:123456789-compute@developer.gserviceaccount.com --role=roles/cloudbuild.builds.builder --condition=None --quiet',
      ),
    );

    const second = fakeProject(state);
    const again: string[] = [];
    assert.equal(bootstrap(options, { log: (line) => again.push(line), command: second.command }), 0);
    assert.equal(again.filter((line) => /already there, skipped/.test(line)).length, 8, again.join('\n'));
    assert.doesNotMatch(
      second.calls.join('\n'),
      /(buckets|repositories|service-accounts|hmac|databases|schedules) create|secrets:set/,
      'nothing created twice',
    );
    assert.equal(state['secret RECORDING_KEK'], kek, 'the KEK is the first run’s');
  });

  it('stops on a missing default bucket with the console step to take, and refuses a demo project', () => {
    const printed: string[] = [];
    const failed = bootstrap(resolveOptions(['--project', 'prod'], { root: temp }), {
      log: (line) => printed.push(line),
      command: fakeProject({}).command,
    });
    assert.ok(failed >= 1);
    assert.match(
      printed.join('\n'),
      /✗ gs:\/\/lv-prod\.firebasestorage\.app does not exist: open Storage in the Firebase console/,
    );
    assert.throws(() => resolveOptions(['--project', 'demo-lecturevault'], { root: temp }), /emulator's demo project/);
  });
});
