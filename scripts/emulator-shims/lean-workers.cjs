// Starts the functions emulator's workers without firebase-tools' deploy machinery (dev/test only;
// applied by ./firebase-tools.cjs in each worker, never deployed). A worker
// (functionsEmulatorRuntime) uses one helper of functionsEmulatorShared.js, but that module requires
// the deploy and extensions code when it loads: about 1,100 modules and 0.6 s of CPU in every cold
// start, as much as our functions' own code takes. Here its requires of firebase-tools' own modules
// are lazy: each module loads on its first use, which a worker never makes.
'use strict';
const Module = require('node:module');
const path = require('node:path');

exports.patch = function patch(lib) {
  const shared = path.join(lib, 'emulator', 'functionsEmulatorShared.js');
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (parent?.filename !== shared || !request.startsWith('.')) return load.call(this, request, parent, isMain);
    let loaded;
    const real = () => (loaded ??= load.call(this, request, parent, isMain));
    return new Proxy(
      {},
      {
        get: (_, key) => real()[key],
        has: (_, key) => key in real(),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => {
          const descriptor = Object.getOwnPropertyDescriptor(real(), key);
          return descriptor && { ...descriptor, configurable: true };
        },
      },
    );
  };
};
