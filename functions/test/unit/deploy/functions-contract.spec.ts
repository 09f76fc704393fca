// The deployed functions need nothing outside functions/: Firebase uploads functions/ alone (lib,
// package.json, the lock) and Cloud Build installs only the functions' own dependencies, so the
// workspace package @lecturevault/contract must travel inside lib. The build compiles it into
// lib/contract (scripts/functions-contract.mjs); this loads the very lib the emulator runs from a
// copy that has only the functions' dependencies beside it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FUNCTIONS = path.resolve(__dirname, '../../..');
const LIB = path.join(FUNCTIONS, 'lib');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function libFiles(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? libFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('the built functions/lib', function () {
  this.timeout(240_000);
  let temp: string;

  before(() => {
    // `npm test` builds first; a lone run of this spec builds if there is no lib yet.
    if (!existsSync(path.join(LIB, 'contract/index.js')))
      execFileSync('npm', ['run', 'build'], { cwd: FUNCTIONS, stdio: 'pipe' });
  });
  beforeEach(() => (temp = mkdtempSync(path.join(tmpdir(), 'lv-contract-'))));
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('holds the contract and requires it from inside lib, never by its package name', () => {
    const js = libFiles().filter((file) => file.endsWith('.js'));
    assert.ok(js.some((file) => file === path.join(LIB, 'contract/index.js')));
    const left = js.filter((file) => readFileSync(file, 'utf8').includes('require("@lecturevault/contract")'));
    assert.deepEqual(left, []);
  });

  it('has no file Firebase would leave out of the upload (firebase.json ignore matches any path segment)', () => {
    const [config] = readJson(path.resolve(FUNCTIONS, '../firebase.json')).functions as { ignore: string[] }[];
    const ignored = new Set(config.ignore.filter((pattern) => !/[*/]/.test(pattern)));
    const hit = libFiles().filter((file) =>
      path
        .relative(FUNCTIONS, file)
        .split(path.sep)
        .some((segment) => ignored.has(segment)),
    );
    assert.deepEqual(hit, []);
  });

  it('loads from a copy of functions/ with only the functions’ own dependencies installed', () => {
    cpSync(LIB, path.join(temp, 'lib'), { recursive: true });
    cpSync(path.join(FUNCTIONS, 'package.json'), path.join(temp, 'package.json'));
    const fromFunctions = createRequire(path.join(FUNCTIONS, 'package.json'));
    for (const name of Object.keys(readJson(path.join(FUNCTIONS, 'package.json')).dependencies)) {
      const at = path.join(temp, 'node_modules', name);
      mkdirSync(path.dirname(at), { recursive: true });
      // Where Node finds the package from functions/ (its package.json, which `exports` may hide).
      const dir = (fromFunctions.resolve.paths(name) ?? [])
        .map((modules) => path.join(modules, name))
        .find((candidate) => existsSync(path.join(candidate, 'package.json')));
      assert.ok(dir, name);
      symlinkSync(dir, at, 'dir');
    }
    const script = [
      "const exported = require('./lib/index.js');",
      "const contract = require.resolve('./lib/contract');",
      "if (!contract.startsWith(require('path').resolve('lib') + require('path').sep)) throw new Error(contract);",
      "let workspace = null; try { workspace = require.resolve('@lecturevault/contract'); } catch {}",
      'if (workspace) throw new Error("the workspace package is reachable: " + workspace);',
      'console.log(Object.keys(exported).sort().join(","));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: temp,
      env: { PATH: process.env.PATH, NODE_PATH: '' },
      encoding: 'utf8',
    });
    assert.match(out, /\bapi\b/);
  });
});
