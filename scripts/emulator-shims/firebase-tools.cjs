// Where firebase-tools' emulators are more lenient than production, these patches make them strict
// (dev/test only; loaded by scripts/dev.mjs through NODE_OPTIONS into every node process it starts
// under the emulators, never deployed). Only firebase-tools itself is patched: in any other process
// this file does nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** firebase-tools' lib/ folder when this process is firebase-tools, else undefined. */
function firebaseToolsLib() {
  try {
    const main = fs.realpathSync(process.argv[1] ?? '');
    return main.endsWith(path.join('firebase-tools', 'lib', 'bin', 'firebase.js'))
      ? path.resolve(path.dirname(main), '..')
      : undefined;
  } catch {
    return undefined;
  }
}

const lib = firebaseToolsLib();
if (lib) {
  require('./strict-storage.cjs').patch(lib);
  require('./scheduled-tasks.cjs').patch(lib);
}
