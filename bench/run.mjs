// Runs the benchmarks: `node bench/run.mjs [bundle] [encryption] [playlist] [ingest] [keys] [cost] [burst] [media] [ops] [coldstart] [library] [forensic-ingest] [forensic-trace] [push] [ladder-ingest] [playback]` (default: all).
// The first two are plain processes; the ingest one runs inside `firebase emulators:exec` with the
// environment scripts/emulator-env.mjs gives this machine, as `npm test` does. Benchmarks report
// ratios and never fail: the exit code is non-zero only if a benchmark could not run at all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEmulatorConfig } from '../scripts/emulator-config.mjs';
import { emulatorEnv } from '../scripts/emulator-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = 'demo-lecturevault';
const EMULATORS = 'auth,functions,firestore,storage';

function run(cmd, args, env = {}) {
  console.log(`\n[bench] ${cmd} ${args.join(' ')}`);
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (error) throw error;
  return status ?? 1;
}

/** A benchmark script run once the given emulators are up, with this machine's emulator environment. */
const underEmulators = (only, script) =>
  run(
    'npx',
    [
      'firebase',
      '--project',
      PROJECT,
      // The emulators' own config (hosts, ports, headers); the committed firebase.json is the deploy's.
      '--config',
      path.relative(root, writeEmulatorConfig(PROJECT, { root })),
      'emulators:exec',
      '--only',
      only,
      '--log-verbosity',
      'QUIET',
      `npx tsx ${script}`,
    ],
    emulatorEnv(),
  );

const benchmarks = {
  bundle: () => run('node', ['bench/bundle-size.mjs']),
  encryption: () => run('npx', ['tsx', 'bench/encryption-throughput.ts']),
  playlist: () => run('npx', ['tsx', 'bench/playlist-render.ts']),
  ingest: () => {
    // The functions emulator loads the built code; `npm test`, `npm start` and `npm run build` build it.
    if (!existsSync(path.join(root, 'functions/lib/index.js'))) {
      console.error('[bench] functions/lib is missing: run `npm run build -w functions` first.');
      return 1;
    }
    return underEmulators(EMULATORS, 'bench/ingest-latency.ts');
  },
  // The key endpoint's code served in-process; Auth, Firestore and Storage are the emulators.
  keys: () => underEmulators('auth,firestore,storage', 'bench/key-endpoint-load.ts'),
  // Operations per recorded hour and viewer-hour, priced: the server code in-process (no functions
  // emulator, so no trigger runs twice), Auth, Firestore and Storage the emulators.
  cost: () => underEmulators('auth,firestore,storage', 'bench/cost-model.ts'),
  // 100–500 participants following the recording's state with client-SDK listeners (the rules run for
  // each) while an admin starts and stops through the API (server in-process, the LiveKit stand-in).
  push: () => underEmulators('auth,firestore,storage', 'bench/recording-push.ts'),
  // 300 viewers pressing Watch at once: session, playlist, key, two segments (server in-process).
  burst: () => underEmulators('auth,firestore,storage', 'bench/viewer-burst.ts'),
  // 300 concurrent segment streams through the api vs a static file server (server in-process).
  media: () => underEmulators('auth,firestore,storage', 'bench/media-delivery.ts'),
  // Firestore reads/writes, Storage operations and bytes per request of one 1 h view, counted.
  ops: () => underEmulators('auth,firestore,storage', 'bench/view-operations.ts'),
  // A cold api instance (the built functions in a fresh process) to its first answer, per route.
  coldstart: () => {
    if (!existsSync(path.join(root, 'functions/lib/index.js'))) {
      console.error('[bench] functions/lib is missing: run `npm run build -w functions` first.');
      return 1;
    }
    return underEmulators('auth,firestore,storage', 'bench/cold-start.ts');
  },
  // A student's library of 500 recordings, a page at a time: reads and latency per page.
  library: () => underEmulators('auth,firestore,storage', 'bench/library-page.ts'),
  // Ingest CPU per 7 s segment with the forensic variants vs today, and PSNR/SSIM of each variant.
  'forensic-ingest': () => run('npx', ['tsx', 'bench/forensic-ingest.ts']),
  // The forensic watermark read back from real leaked clips, identification simulated over 1,000
  // sessions, and the mark's PSNR/SSIM (no emulators: the media and tracer code in-process).
  'forensic-trace': () => run('npx', ['tsx', 'bench/forensic-trace.ts']),
  // Ingest CPU per 7 s 720p30 segment: the adaptive ladder vs today's marked single rung (issue 27).
  'ladder-ingest': () => run('npx', ['tsx', 'bench/ladder-ingest.ts']),
  // The app's player in Chromium on throttled links: a 720p lecture with the ladder vs as one rung
  // (issue 27). The whole app as `npm start` serves it: Hosting and the built functions and web app.
  playback: () => {
    const missing = ['functions/lib/index.js', 'hosting/dist/index.html'].filter(
      (f) => !existsSync(path.join(root, f)),
    );
    if (missing.length) {
      console.error(
        `[bench] ${missing.join(' and ')} missing: run \`npm start\` (or \`node scripts/dev.mjs specs …\`) once first.`,
      );
      return 1;
    }
    return underEmulators('auth,functions,firestore,storage,hosting,pubsub,tasks', 'bench/throttled-playback.ts');
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`usage: node bench/run.mjs [${Object.keys(benchmarks).join('] [')}]`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) if (benchmarks[name]() !== 0) failed++;
process.exit(failed ? 1 : 0);
