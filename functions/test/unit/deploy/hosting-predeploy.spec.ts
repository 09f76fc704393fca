// Hosting's predeploy (firebase.json): `firebase deploy` builds the web app for production and
// refuses what must not reach a real project — an emulator build, the emulator's CSP, another
// project's headers — while a fresh clone with no hosting/dist gets its build there and then.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorConfig } from '../../../../scripts/emulator-config.mjs';
import { factsFor, securityHeaders, withHeaders } from '../../../../scripts/hosting-headers.mjs';
import { buildFindings, configFindings } from '../../../../scripts/hosting-predeploy.mjs';

const ROOT = path.resolve(__dirname, '../../../..');
const PROJECT = 'lv-prod';
const WEB_CONFIG = `VITE_FIREBASE_API_KEY=AIzaSyExample\nVITE_FIREBASE_AUTH_DOMAIN=${PROJECT}.firebaseapp.com\nVITE_FIREBASE_PROJECT_ID=${PROJECT}\n`;
const PROD_ENV = `LIVEKIT_URL=https://lv.livekit.cloud\nLIVEKIT_API_KEY=APIq3Zx81bYt\nINGEST_BUCKET=${PROJECT}-ingest\nEGRESS_HMAC_ACCESS_ID=GOOG1EPRODACCESSID\n`;

/** A fresh clone: the tracked files a deploy reads, no hosting/dist, the shared node_modules linked. */
function freshClone(): string {
  const clone = mkdtempSync(path.join(tmpdir(), 'lv-clone-'));
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  const wanted =
    /^(hosting\/|scripts\/|packages\/|functions\/src\/|functions\/\.(env|env\.local|secret\.local)$|functions\/package(-lock)?\.json$|docs\/production\.md$|firestore\.indexes\.json$|storage-lifecycle\.ingest\.json$|firebase\.json$|\.firebaserc$|package(-lock)?\.json$)/;
  for (const file of listed.stdout.split('\n').filter((f) => wanted.test(f) && existsSync(path.join(ROOT, f)))) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(clone, file));
  }
  for (const dir of ['node_modules', 'hosting/node_modules', 'packages/contract/node_modules'])
    symlinkSync(realpathSync(path.join(ROOT, dir)), path.join(clone, dir));
  writeFileSync(path.join(clone, 'hosting/.env.production'), WEB_CONFIG);
  writeFileSync(path.join(clone, `functions/.env.${PROJECT}`), PROD_ENV);
  return clone;
}

/**
 * An emulator build in `dist`: the one npm test made before the unit tests (scripts/dev.mjs), copied,
 * or, where the tests run without it, built here (`vite build --mode emulator`, 10 s of CPU).
 */
function leaveEmulatorBuild(dist: string) {
  const made = path.join(ROOT, 'hosting/dist');
  rmSync(dist, { recursive: true, force: true });
  if (buildFindings(made, PROJECT).some((finding) => finding.includes('this is an emulator build')))
    return cpSync(made, dist, { recursive: true });
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'emulator', '--logLevel', 'warn'], {
    cwd: path.dirname(dist),
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
}

const forProject = (firebaseJson: object, project: string, root: string) =>
  withHeaders(firebaseJson, securityHeaders(factsFor(project, { root })));

describe('Hosting predeploy guard', function () {
  this.timeout(120_000);
  let clone: string;
  before(() => {
    clone = freshClone();
  });
  after(() => rmSync(clone, { recursive: true, force: true }));

  it('the committed firebase.json names no emulator address, and is refused until it has the project’s headers', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'firebase.json'), 'utf8'));
    assert.doesNotMatch(JSON.stringify(committed), /127\.0\.0\.1|localhost/);
    assert.match(
      configFindings(committed, PROJECT, { root: clone }).join('\n'),
      /not those of lv-prod.*npm run headers/,
    );
    assert.deepEqual(configFindings(forProject(committed, PROJECT, clone), PROJECT, { root: clone }), []);
  });

  it('refuses the emulator’s config (Firestore and Auth emulators in connect-src, same-origin form-action) and a demo project', () => {
    const emulator = emulatorConfig('demo-lecturevault', { root: ROOT });
    const csp = emulator.hosting.headers[0]!.headers[0]!.value;
    assert.match(
      csp,
      /connect-src [^;]* http:\/\/127\.0\.0\.1:9099;.*form-action 'self';/,
      'the emulator still gets its CSP',
    );
    const findings = configFindings(emulator, PROJECT, { root: clone }).join('\n');
    assert.match(
      findings,
      /names http:\/\/127\.0\.0\.1:8080, http:\/\/127\.0\.0\.1:9099: an emulator address must never be deployed/,
    );
    assert.match(findings, /not those of lv-prod/);
    assert.match(configFindings(emulator, 'demo-lecturevault').join('\n'), /never deployed/);
    assert.match(configFindings(emulator, undefined as unknown as string).join('\n'), /GCLOUD_PROJECT/);
  });

  it('a fresh clone with no hosting/dist: bootstrap --dry-run and preflight pass, predeploy builds for production; an emulator build is refused', () => {
    const firebaseJson = path.join(clone, 'firebase.json');
    writeFileSync(
      firebaseJson,
      JSON.stringify(forProject(JSON.parse(readFileSync(firebaseJson, 'utf8')), PROJECT, clone)),
    );
    assert.equal(existsSync(path.join(clone, 'hosting/dist')), false);
    // The documented commands before the deploy, in the clone: bootstrap's dry run, then preflight.
    const dry = spawnSync(
      process.execPath,
      ['scripts/bootstrap.mjs', '--root', clone, '--project', PROJECT, '--dry-run'],
      {
        cwd: clone,
        encoding: 'utf8',
      },
    );
    assert.equal(dry.status, 0, dry.stderr);
    const preflight = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/preflight.mjs', '--root', clone, '--project', PROJECT],
      {
        cwd: clone,
        encoding: 'utf8',
      },
    );
    assert.equal(preflight.status, 0, preflight.stdout + preflight.stderr);
    assert.match(preflight.stdout, /no findings\./);
    // As firebase-tools runs it: the command from firebase.json, in the project dir, GCLOUD_PROJECT set.
    const command = JSON.parse(readFileSync(firebaseJson, 'utf8')).hosting.predeploy[0] as string;
    const deploy = spawnSync(command, {
      cwd: clone,
      shell: true,
      encoding: 'utf8',
      env: { ...process.env, GCLOUD_PROJECT: PROJECT, PROJECT_DIR: clone },
    });
    assert.equal(deploy.status, 0, deploy.stderr);
    const dist = path.join(clone, 'hosting/dist');
    assert.ok(existsSync(path.join(dist, 'index.html')) && existsSync(path.join(dist, 'embed/lecturevault.js')));
    assert.deepEqual(buildFindings(dist, PROJECT), []);

    // A developer's emulator build left in hosting/dist: the check refuses it.
    leaveEmulatorBuild(dist);
    const refused = buildFindings(dist, PROJECT).join('\n');
    assert.match(refused, /holds 127\.0\.0\.1: this is an emulator build/);
    assert.match(refused, /names no lv-prod/);
    const checkOnly = spawnSync(
      process.execPath,
      ['scripts/hosting-predeploy.mjs', '--project', PROJECT, '--check-only'],
      {
        cwd: clone,
        encoding: 'utf8',
      },
    );
    assert.equal(checkOnly.status, 1);
    assert.match(checkOnly.stderr, /refusing to deploy Hosting/);
  });
});
