// The emulators start without work they never use (scripts/emulator-shims/lean-start.cjs): a
// functions worker loads functionsEmulatorShared.js without the deploy code, whose modules still
// work on first use; the Auth emulator compiles its schemas lazily; npm is not asked for a newer
// SDK; the Firestore emulator's JVM runs on the client compiler only. Each in a child process, so
// the patches (of node's module loader, of child_process) stay out of this one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

const lib = path.join(path.dirname(createRequire(__filename).resolve('firebase-tools/package.json')), 'lib');
const shim = path.resolve(__dirname, '../../../../scripts/emulator-shims/lean-start.cjs');

/** Loads functionsEmulatorShared.js, patched or not, and reports what the load took and what it gives. */
function loadShared(patched: boolean) {
  const script = `
    if (${patched}) require(${JSON.stringify(shim)}).patchWorker(${JSON.stringify(lib)});
    const before = Object.keys(require.cache).length;
    const shared = require(${JSON.stringify(path.join(lib, 'emulator/functionsEmulatorShared.js'))});
    const loaded = Object.keys(require.cache).length - before;
    const root = shared.findModuleRoot('firebase-tools', ${JSON.stringify(path.join(lib, 'index.js'))});
    const lazy = shared.formatHost({ host: '127.0.0.1', port: 4000 }); // through ../utils, lazy
    console.log(JSON.stringify({ loaded, root, header: shared.HttpConstants.CALLABLE_AUTH_HEADER, lazy,
      afterUse: Object.keys(require.cache).length - before }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
    loaded: number;
    root: string;
    header: string;
    lazy: string;
    afterUse: number;
  };
}

describe('the emulators’ start, as scripts/dev.mjs runs them', function () {
  this.timeout(30_000);

  it('a functions worker loads functionsEmulatorShared.js without the deploy and extensions code, which loads on first use', () => {
    const stock = loadShared(false);
    const lean = loadShared(true);
    assert.ok(stock.loaded > 500, `the stock module loads ${stock.loaded} modules`);
    assert.ok(lean.loaded < 20, `patched, it loads ${lean.loaded}`);
    assert.equal(lean.root, stock.root);
    assert.equal(lean.header, 'x-callable-context-auth');
    assert.equal(lean.lazy, '127.0.0.1:4000', 'a lazy module works once used');
    assert.ok(lean.afterUse > 100, `the lazy module loaded once used (${lean.afterUse} modules)`);
  });

  it('the Auth emulator starts with its schemas compiled on first use, and npm is asked for nothing', () => {
    const script = `
      const path = require('node:path');
      const lib = ${JSON.stringify(lib)};
      const exegesisExpress = require(require.resolve('exegesis-express', { paths: [path.join(lib, 'emulator', 'auth')] }));
      let options;
      exegesisExpress.middleware = (_spec, o) => (options = o);
      require('node:child_process').spawnSync = () => { throw new Error('spawned'); };
      require(${JSON.stringify(shim)}).patchCli(lib);
      exegesisExpress.middleware({}, { defaultMaxBodySize: 1 });
      const latest = require(path.join(lib, 'deploy/functions/runtimes/node/versioning.js')).getLatestSDKVersion();
      console.log(JSON.stringify({ options, latest: latest ?? null }));`;
    const { options, latest } = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepEqual(options, { defaultMaxBodySize: 1, lazyCompileValidationSchemas: true });
    assert.equal(latest, null);
  });

  it('starts the Firestore emulator’s JVM on the client compiler only, and no other JVM', () => {
    const stock = javaOptionsAtStart(false);
    const lean = javaOptionsAtStart(true);
    assert.deepEqual(stock, { firestore: null, pubsub: null });
    assert.deepEqual(lean, { firestore: '-XX:TieredStopAtLevel=1', pubsub: null });
  });
});

/**
 * What JDK_JAVA_OPTIONS firebase-tools starts the Firestore and Pub/Sub emulators' JVMs with, patched
 * or not: its own start(), with `spawn` recording instead of starting java (in a temp dir, where the
 * emulators' debug logs go).
 */
function javaOptionsAtStart(patched: boolean): Record<'firestore' | 'pubsub', string | null> {
  const script = `
    const path = require('node:path');
    const lib = ${JSON.stringify(lib)};
    process.env.FIRESTORE_EMULATOR_BINARY_PATH = process.env.PUBSUB_EMULATOR_BINARY_PATH = process.execPath;
    delete process.env.JDK_JAVA_OPTIONS;
    const started = {};
    const cp = require('node:child_process');
    const { EventEmitter } = require('node:events');
    cp.spawn = (_binary, args, options) => {
      started[args.some((a) => a.includes('firestore')) ? 'firestore' : 'pubsub'] = options.env.JDK_JAVA_OPTIONS ?? null;
      return Object.assign(new EventEmitter(), { stdout: new EventEmitter(), stderr: new EventEmitter(), pid: 1 });
    };
    if (${patched}) require(${JSON.stringify(shim)}).patchCli(lib);
    const emulators = require(path.join(lib, 'emulator', 'downloadableEmulators.js'));
    emulators.start('firestore', { host: '127.0.0.1', port: 1 });
    emulators.start('pubsub', { host: '127.0.0.1', port: 2 });
    setTimeout(() => { console.log(JSON.stringify(started)); process.exit(0); }, 50);`;
  const cwd = mkdtempSync(path.join(tmpdir(), 'lv-java-options-'));
  try {
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd }));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
