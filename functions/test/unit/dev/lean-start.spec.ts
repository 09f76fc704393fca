// The functions emulator's workers start without firebase-tools' deploy machinery
// (scripts/emulator-shims/lean-start.cjs): functionsEmulatorShared.js loads without it, and what
// it exports still works, each lazily loaded module on its first use. In a child process, so the
// patch (of node's module loader) stays out of this one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

describe('the functions emulator’s workers, as scripts/dev.mjs runs them', function () {
  this.timeout(30_000);

  it('load functionsEmulatorShared.js without the deploy and extensions code, which loads on first use', () => {
    const stock = loadShared(false);
    const lean = loadShared(true);
    assert.ok(stock.loaded > 500, `the stock module loads ${stock.loaded} modules`);
    assert.ok(lean.loaded < 20, `patched, it loads ${lean.loaded}`);
    assert.equal(lean.root, stock.root);
    assert.equal(lean.header, 'x-callable-context-auth');
    assert.equal(lean.lazy, '127.0.0.1:4000', 'a lazy module works once used');
    assert.ok(lean.afterUse > 100, `the lazy module loaded once used (${lean.afterUse} modules)`);
  });
});
