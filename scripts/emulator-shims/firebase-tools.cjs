// Patches to firebase-tools' emulators (dev/test only; loaded by scripts/dev.mjs through NODE_OPTIONS
// into every node process it starts under the emulators, never deployed). Where the emulators are
// more lenient than production they are made strict, in firebase-tools itself; the functions
// emulator's workers start without code they never use. In any other process this does nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Which firebase-tools process this is (the CLI, or a functions worker) and its lib/ folder. */
function firebaseToolsProcess() {
  // Workers are started as lib/emulator/functionsEmulatorRuntime, without its .js.
  const main = [process.argv[1], `${process.argv[1]}.js`].map(realPath).find(Boolean) ?? '';
  const lib = path.resolve(path.dirname(main), '..');
  if (main.endsWith(path.join('firebase-tools', 'lib', 'bin', 'firebase.js'))) return { kind: 'cli', lib };
  if (main.endsWith(path.join('firebase-tools', 'lib', 'emulator', 'functionsEmulatorRuntime.js')))
    return { kind: 'worker', lib };
  return undefined; // not firebase-tools (or no main module: a REPL, -e)
}

function realPath(file) {
  try {
    return file && fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

const firebaseTools = firebaseToolsProcess();
if (firebaseTools?.kind === 'cli') {
  require('./strict-storage.cjs').patch(firebaseTools.lib);
  require('./scheduled-tasks.cjs').patch(firebaseTools.lib);
  require('./lean-start.cjs').patchCli(firebaseTools.lib);
}
if (firebaseTools?.kind === 'worker') require('./lean-start.cjs').patchWorker(firebaseTools.lib);
