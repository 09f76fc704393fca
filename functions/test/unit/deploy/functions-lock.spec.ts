// Deploys install the tested versions: functions/package-lock.json pins what the root lock resolved
// (Cloud Build runs `npm ci` when it finds a lockfile), and it installs on its own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveFunctionsLock, isFresh, LOCK_PATH } from '../../../../scripts/functions-lock.mjs';

const FUNCTIONS = path.dirname(LOCK_PATH);
const ROOT_LOCK = path.resolve(FUNCTIONS, '../package-lock.json');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('functions/package-lock.json', function () {
  this.timeout(180_000);
  let temp: string;
  beforeEach(() => (temp = mkdtempSync(path.join(tmpdir(), 'lv-lock-'))));
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('is what the root lock derives (run `npm run lock:functions` after changing dependencies)', () => {
    assert.ok(isFresh(), 'functions/package-lock.json is stale: npm run lock:functions');
  });

  it('is found stale when the root lock moves a version, or when it is missing', () => {
    const root = readJson(ROOT_LOCK);
    const bumped = path.join(temp, 'package-lock.json');
    const zod =
      Object.keys(root.packages).find((k) => k.endsWith('node_modules/zod') && k.startsWith('functions/')) ??
      'node_modules/zod';
    root.packages[zod].version = '4.999.0';
    writeFileSync(bumped, JSON.stringify(root));
    assert.equal(isFresh(LOCK_PATH, bumped), false);
    assert.equal(isFresh(path.join(temp, 'missing.json')), false);
  });

  it('pins every package the functions need at the root lock’s version, and nothing they do not', () => {
    const lock = deriveFunctionsLock(readJson(ROOT_LOCK));
    assert.deepEqual(lock.packages[''].dependencies, readJson(path.join(FUNCTIONS, 'package.json')).dependencies);
    const root = readJson(ROOT_LOCK).packages as Record<string, { version?: string }>;
    for (const name of ['firebase-admin', 'firebase-functions', 'livekit-server-sdk', 'zod']) {
      const expected = (root[`functions/node_modules/${name}`] ?? root[`node_modules/${name}`]).version;
      assert.equal(lock.packages[`node_modules/${name}`]?.version, expected, name);
    }
    for (const devOnly of ['typescript', 'mocha', 'firebase-tools', 'vite'])
      assert.equal(lock.packages[`node_modules/${devOnly}`], undefined, devOnly);
    assert.ok(
      Object.values(lock.packages).every((entry) => !('dev' in entry)),
      'nothing is marked dev (Cloud Build omits dev packages)',
    );
  });

  it('installs on its own with `npm ci --offline` in a copy of functions/, at exactly the locked versions', () => {
    cpSync(path.join(FUNCTIONS, 'package.json'), path.join(temp, 'package.json'));
    cpSync(LOCK_PATH, path.join(temp, 'package-lock.json'));
    execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: temp,
      stdio: 'pipe',
    });
    const lock = readJson(LOCK_PATH).packages as Record<string, { version?: string }>;
    for (const name of ['firebase-admin', 'firebase-functions', 'livekit-server-sdk', 'zod']) {
      assert.equal(
        readJson(path.join(temp, 'node_modules', name, 'package.json')).version,
        lock[`node_modules/${name}`].version,
        name,
      );
    }
  });
});
