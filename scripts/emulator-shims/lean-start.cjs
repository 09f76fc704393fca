// Starts firebase-tools' emulators without work they never use (dev/test only; applied by
// ./firebase-tools.cjs, never deployed). Nothing here changes what the emulators do once started.
'use strict';
const Module = require('node:module');
const path = require('node:path');

/**
 * In the CLI: the Auth emulator compiles its API's validation schemas on first use, not all of them
 * at start (exegesis' own lazyCompileValidationSchemas): about 8 s of CPU in every start. And the
 * functions emulator no longer asks npm for the newest firebase-functions at start, a warning's
 * worth: with no registry in reach (a test lane's network namespace) it blocked firebase-tools for
 * 10 s; the lockfile pins the version anyway.
 */
exports.patchCli = function patchCli(lib) {
  const exegesisExpress = require(require.resolve('exegesis-express', { paths: [path.join(lib, 'emulator', 'auth')] }));
  const middleware = exegesisExpress.middleware;
  exegesisExpress.middleware = (spec, options) => middleware(spec, { ...options, lazyCompileValidationSchemas: true });
  const versioning = require(path.join(lib, 'deploy', 'functions', 'runtimes', 'node', 'versioning.js'));
  versioning.getLatestSDKVersion = () => undefined;
  const emulators = require(path.join(lib, 'emulator', 'downloadableEmulators.js'));
  const start = emulators.start;
  emulators.start = (name, args, extraEnv = {}) =>
    start(name, args, name === 'firestore' ? { ...extraEnv, JDK_JAVA_OPTIONS: firestoreJavaOptions() } : extraEnv);
};

/**
 * The Firestore emulator's JVM on the client compiler only. Two thirds of its CPU in a test run was
 * the JIT compiling (the server compiler most), not answering requests: on two Firestore-heavy
 * specs 23.8 s of CPU, 15 of them in the compiler threads, against 11.1 s this way, in the same
 * time (docs/test-time.md). Only this JVM: the launcher's note about the option goes to its debug
 * log, where the Storage rules runtime would read it as an error.
 */
const firestoreJavaOptions = () => [process.env.JDK_JAVA_OPTIONS, '-XX:TieredStopAtLevel=1'].filter(Boolean).join(' ');

/**
 * In a functions worker (functionsEmulatorRuntime): it uses one helper of functionsEmulatorShared.js,
 * but that module requires the deploy and extensions code when it loads, about 1,100 modules and
 * 0.6 s of CPU in every cold start, as much as our functions' own code takes. Its requires of
 * firebase-tools' own modules are made lazy: each loads on its first use, which a worker never makes.
 */
exports.patchWorker = function patchWorker(lib) {
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
