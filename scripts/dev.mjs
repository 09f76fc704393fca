// The developer entry points behind the README's commands (dev/test only; never deployed):
//   npm start  → install what is missing, build, start the emulators with the seeded world,
//                the LiveKit stand-in and the web app at http://127.0.0.1:5000. Ctrl+C stops all.
//   npm test   → install what is missing, build, then the unit tests beside the rules, integration
//                and browser tests under `firebase emulators:exec` (two lanes, LANES), with lint and
//                type-checks beside them at low priority; ends with "N passed, M failed".
//   npm run seed → regenerate emulator-data/ from scripts/seed/world.ts.
//   node scripts/dev.mjs specs <spec files…> → build, then only those specs under the emulators
//                (the inner loop while working on one suite).
//   npm run soak -- --seed N --schedules K | --replay SEED → build the functions, then the soak of
//                real crashes (docs/soak.md) under the emulators; not part of npm test.
// Every child runs in its own process group and the group is killed on exit, so nothing survives.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv } from './emulator-env.mjs';
import { writeEmulatorConfig } from './emulator-config.mjs';
import { functionsRegion } from './functions-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = 'demo-lecturevault';
const REGION = functionsRegion(PROJECT, { emulator: true });
const EMULATORS = 'auth,functions,firestore,storage,hosting,pubsub,tasks';
// The tests' and the soak's emulators: no Pub/Sub, whose only use here is to list the scheduled
// functions' triggers — the emulator never fires a schedule, and the tests and the soak call the
// sweeps themselves. One JVM fewer per lane: 2–3 s of each lane's start and about 6 s of CPU.
const TEST_EMULATORS = EMULATORS.replace(',pubsub', '');
const SOAK_EMULATORS = TEST_EMULATORS.replace(',hosting', '');
// 5080 and 5081: the browser tests' stand-ins for the platform's pages (e2e/kit/platform-host.ts).
// 7890: the Speech-to-Text stand-in (tools/speech-dev), where functions/.env.local's SPEECH_ENDPOINT points.
const PORTS = [4400, 4500, 9099, 5001, 8080, 9150, 9199, 5000, 8085, 9499, 9299, 7880, 5080, 5081, 7890];
// The emulator suites run in lanes, each with emulators of its own, side by side where the
// machine allows (laneNamespace): they spend most of their time waiting — on segments recorded in
// real time, on browsers playing video — so two cores run them in little more than the longest one.
// The browser lane takes the soak's smoke (below) as its last spec, which evens the lanes' times
// (docs/test-time.md).
// Switches the background triggers off and on, which waits for every running function and then
// drops every idle worker: first in its lane, before anything runs or is warm (its header).
const DEAD_RUN = 'functions/test/integration/dead-run.spec.ts';
// The soak's smoke (docs/soak.md) kills and restarts real processes (the ingest function's workers
// among them), so no other spec may be running beside it: mocha runs a lane's specs one after the
// other, and the smoke goes last in one. As a third lane of its own it cost 73 s of a
// busy run (its emulators' start, and three lanes' contention; docs/soak.md).
const SMOKE = 'functions/test/integration/soak-smoke.spec.ts';
const LANES = {
  browsers: { specs: ['e2e/**/*.spec.ts', SMOKE] },
  server: {
    first: [DEAD_RUN],
    specs: ['functions/test/rules/**/*.spec.ts', 'functions/test/integration/**/*.spec.ts'],
    ignore: [SMOKE, DEAD_RUN],
  },
};
// The emulator suites' process-wide set-up (the emulators' hosts checked, the server's params in process.env).
const EMULATOR_SETUP = 'functions/test/setup-emulators.ts';

export const livekitEnv = {
  LIVEKIT_DEV_PORT: '7880',
  LIVEKIT_API_KEY: 'devkey',
  LIVEKIT_API_SECRET: readSecretLocal('LIVEKIT_API_SECRET'),
  LIVEKIT_WEBHOOK_URL: `http://127.0.0.1:5001/${PROJECT}/${REGION}/livekitWebhook`,
  STORAGE_EMULATOR_HOST: '127.0.0.1:9199',
};

const speechEnv = { SPEECH_DEV_PORT: '7890', STORAGE_EMULATOR_HOST: '127.0.0.1:9199' };

/**
 * The Speech-to-Text stand-in, for as long as the emulators run: every recording that becomes ready
 * gets machine captions, in the tests too (a caption job that found no API would retry and alert).
 */
const startSpeechStandIn = () => run(bin('tsx'), ['tools/speech-dev/src/main.ts'], { env: speechEnv });

const groups = new Set();
const namespaces = new Set(); // network namespaces this run made (laneNamespace), deleted at the end

function run(cmd, args, opts = {}) {
  const child = spawn(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  groups.add(child.pid);
  const done = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      // What the child started in its group outlives it if it died (a crashed firebase-tools leaves
      // its functions workers behind, dozens of them): the group goes with it.
      killGroup(child.pid, 'SIGKILL');
      groups.delete(child.pid);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
  return { child, done };
}

async function runOrFail(cmd, args, opts) {
  const code = await run(cmd, args, opts).done;
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
}

/**
 * Puts a child (and all it starts) at the lowest CPU priority. Linux schedules each session as one
 * unit (its autogroup) and shares the CPU fairly between sessions; `nice` only orders the processes
 * inside one. Every child here is a session of its own (`detached`), so `nice` alone changed nothing
 * (docs/test-time.md has the measurement); the autogroup's own nice is what lowers it. Where there
 * are no autogroups (not Linux, or switched off) `nice` is what works, so callers use both.
 */
function lowestPriority(pid) {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, '19');
  } catch {
    /* no autogroups here: `nice` alone does it */
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopAll() {
  for (const pid of groups) killGroup(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (groups.size && Date.now() < deadline) await sleep(200);
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  for (const name of namespaces) spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  namespaces.clear();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A command the npm packages installed (node_modules/.bin): started directly, `npx`'s second of CPU spared. */
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function readSecretLocal(name) {
  const text = readFileSync(path.join(root, 'functions/.secret.local'), 'utf8');
  return new RegExp(`^${name}=(.*)$`, 'm').exec(text)?.[1] ?? '';
}

// ---------------------------------------------------------------- set-up

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function installed(pkg) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout === 'install ok installed';
}

// The browser matrix (e2e/matrix.spec.ts): Firefox ESR, WebKitGTK's WebDriver
// under Xvfb, WPE's WebDriver with cog (headless), and the GStreamer plugins WebKit plays our H.264/AAC MPEG-TS with. Libraries have no
// command to look for, so they are checked with dpkg.
const BROWSER_PACKAGES = [
  ['chromium', 'chromium'],
  ['firefox-esr', 'firefox-esr'],
  ['WebKitWebDriver', 'webkit2gtk-driver'],
  ['WPEWebDriver', 'wpewebkit-driver'],
  ['cog', 'cog'],
  ['Xvfb', 'xvfb'],
  ['xauth', 'xauth'],
  ['openssl', 'openssl'],
  ['ip', 'iproute2'], // the network namespaces of the lanes beside the browser lane (laneNamespace)
  ...[
    'gstreamer1.0-plugins-base',
    'gstreamer1.0-plugins-good',
    'gstreamer1.0-plugins-bad',
    'gstreamer1.0-libav',
    'gstreamer1.0-gl',
  ].map((pkg) => [{ pkg }, pkg]),
];

async function ensureSystemPackages(needed) {
  const present = (check) => (typeof check === 'string' ? has(check) : !has('dpkg-query') || installed(check.pkg));
  const missing = needed.filter(([check]) => !present(check)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}. Install them (e.g. sudo apt-get install -y ${missing.join(' ')}).`,
    );
  }
  console.log(`[dev] installing ${missing.join(', ')} with apt-get`);
  await runOrFail('apt-get', ['update', '-qq']);
  await runOrFail('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

async function ensureNodeModules() {
  // A node_modules linked from another checkout is that checkout's to install: `npm ci` through the
  // link would empty the other tree first (and a fresh checkout's lock is always "newer" than it).
  if (existsSync(path.join(root, 'node_modules')) && lstatSync(path.join(root, 'node_modules')).isSymbolicLink())
    return;
  const marker = path.join(root, 'node_modules/.package-lock.json');
  // The same when the links are one level down (node_modules a folder of links to another
  // checkout's packages): `npm ci` would replace them and empty that checkout's workspace folders.
  const bin = path.join(root, 'node_modules/.bin');
  if ([marker, bin].some((p) => existsSync(p) && lstatSync(p).isSymbolicLink())) return;
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('[dev] installing npm dependencies (npm ci)');
  await runOrFail('npm', ['ci', '--no-audit', '--no-fund'], {
    env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
}

async function setUp({ browser, web = true }) {
  await install({ browser });
  await build({ web });
}

/** What a fresh machine lacks: system packages, then the npm dependencies. */
async function install({ browser }) {
  await ensureSystemPackages([
    ['java', 'openjdk-17-jre-headless'],
    ['ffmpeg', 'ffmpeg'],
    ['pocketsphinx_continuous', 'pocketsphinx'],
    [{ pkg: 'pocketsphinx-en-us' }, 'pocketsphinx-en-us'],
    ['espeak-ng', 'espeak-ng'],
    ...(browser ? BROWSER_PACKAGES : []),
  ]);
  await ensureNodeModules();
}

async function build({ web }) {
  // The functions build beside the web app's two: single-threaded each, two cores run two at once.
  // The two vite builds share hosting/dist (the first empties it), so they run one after the other.
  console.log('[dev] building functions and web app');
  const hosting = { cwd: path.join(root, 'hosting') };
  await Promise.all([
    runOrFail('npm', ['run', 'build', '-w', 'functions']),
    web &&
      (async () => {
        await runOrFail(bin('vite'), ['build', '--mode', 'emulator', '--logLevel', 'warn'], hosting);
        // The widgets (/embed/lecturevault.js) are a build of their own, into dist/embed/; an emulator
        // build too, since the recording widget signs in to Auth and follows Firestore itself.
        await runOrFail(
          bin('vite'),
          ['build', '-c', 'vite.embed.config.ts', '--mode', 'emulator', '--logLevel', 'warn'],
          hosting,
        );
      })(),
  ]);
}

function assertPortsFree() {
  const busy = PORTS.filter(
    (port) =>
      spawnSync('sh', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'ignore', shell: false }).status === 0,
  );
  if (busy.length) throw new Error(`Ports already in use: ${busy.join(', ')}. Is another LectureVault running?`);
}

function firebase(args, { env = {}, lane = 'main', netns, log } = {}) {
  // The functions emulator starts one worker process per concurrent invocation and gives each 30 s
  // to load; a burst of cold starts on 2 cores can exceed that ("Failed to load function").
  const patience = { FUNCTIONS_DISCOVERY_TIMEOUT: '120' };
  // The Storage emulator keeps its blobs under $TMPDIR/firebase/storage and empties that directory
  // when it starts: a temp dir of this checkout's (and lane's) own keeps another set of emulators
  // (another branch's tests, the other test lane) from deleting the objects of this one's mid-run.
  const tmp = path.join(root, '.dev', lane === 'main' ? 'tmp' : `tmp-${lane}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // The emulators' own config (.dev/firebase.json): the committed firebase.json is the deploy's.
  const config = path.relative(root, writeEmulatorConfig(PROJECT, { root }));
  const command = [bin('firebase'), '--project', PROJECT, '--config', config, ...args];
  const [cmd, ...rest] = netns ? ['ip', 'netns', 'exec', netns, ...command] : command;
  const out = log ? openSync(log, 'w') : undefined;
  // The emulators made as strict as production where they are not (scripts/emulator-shims): Storage
  // honours ifGenerationMatch on uploads, the tasks emulator a task's scheduleTime; and started
  // without work they never use (lean-start.cjs).
  const shims = `--require ${path.join(root, 'scripts/emulator-shims/firebase-tools.cjs')}`;
  const nodeOptions = [process.env.NODE_OPTIONS, shims].filter(Boolean).join(' ');
  const firebaseRun = run(cmd, rest, {
    env: { ...emulatorEnv(), ...patience, TMPDIR: tmp, NODE_OPTIONS: nodeOptions, ...env },
    ...(out && { stdio: ['ignore', out, out] }),
  });
  const done = firebaseRun.done.then((code) => {
    if (out) closeSync(out);
    if (lane === 'main') killStrayEmulators(); // a test lane's caller does it once every lane is done
    return code;
  });
  return { ...firebaseRun, done };
}

/**
 * The Java emulators (Firestore, Pub/Sub) run in process groups of their own: when firebase-tools
 * dies instead of stopping them, they keep the ports and the next run cannot start. Any Java
 * process working in this checkout once firebase-tools has exited is such a stray (Linux only).
 */
function killStrayEmulators() {
  if (!existsSync('/proc/self/cwd')) return;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      if (path.basename(command) !== 'java' || realpathSync(`/proc/${pid}/cwd`) !== realpathSync(root)) continue;
      process.kill(Number(pid), 'SIGKILL');
      console.log(`[dev] stopped an emulator firebase-tools left running (pid ${pid})`);
    } catch {
      /* gone, or not ours to read */
    }
  }
}

// ---------------------------------------------------------------- commands

async function start() {
  await setUp({ browser: false });
  assertPortsFree();
  const emulators = firebase(['emulators:start', '--only', EMULATORS, '--import', 'emulator-data']);
  const livekit = run(bin('tsx'), ['tools/livekit-dev/src/main.ts'], { env: livekitEnv });
  startSpeechStandIn();
  console.log(
    '[dev] LectureVault will be at http://127.0.0.1:5000 once the emulators are ready. Ctrl+C stops everything.',
  );
  void openDemoRooms();
  const code = await Promise.race([emulators.done, livekit.done]);
  await stopAll();
  return code;
}

// The seeded meetings' rooms, "running" in the stand-in with people in them, so the meeting page
// has participants and Start works at once. Waits for the API (webhooks need the functions).
const DEMO_ROOMS = [
  ['cardio-101', ['u-teacher1', 'u-student1', 'u-student2']],
  ['neuro-201', ['u-teacher2', 'u-student4']],
  ['ethics-guest', []],
];

async function openDemoRooms() {
  const control = (p, body) =>
    fetch(`http://127.0.0.1:7880/control${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  const deadline = Date.now() + 300_000;
  while (
    (await fetch('http://127.0.0.1:5000/api/health').then(
      (r) => r.ok,
      () => false,
    )) === false
  ) {
    if (Date.now() > deadline) return console.error('[dev] the API did not come up; demo rooms not opened');
    await sleep(2000);
  }
  try {
    await control('/reset');
    for (const [room, people] of DEMO_ROOMS) {
      await control('/rooms', { name: room });
      for (const identity of people) await control(`/rooms/${room}/participants`, { identity, name: identity });
    }
    console.log('[dev] ready: http://127.0.0.1:5000 (demo rooms open in the LiveKit stand-in)');
  } catch (error) {
    console.error(`[dev] could not open the demo rooms: ${error.message}`);
  }
}

async function test() {
  // Installing is a fresh machine's once (npm ci took ~2 min on CI), not the test run: timed apart.
  const installing = Date.now();
  await install({ browser: true });
  const installSeconds = Math.round((Date.now() - installing) / 1000);
  const started = Date.now();
  const elapsedSeconds = () => Math.round((Date.now() - started) / 1000);
  // When each part ended, in seconds from the start: which one the run waited for.
  const ended = {};
  const timed = (part, promise) => promise.then((value) => ((ended[part] = elapsedSeconds()), value));
  await timed('build', build({ web: true }));
  // Lint and type-checks run beside the tests, at the lowest CPU priority: they only use the time the
  // suites spend waiting (on segments, on browsers), so they add almost no wall-clock time and barely
  // slow the suites. Their output is printed at the end; a finding fails the run.
  const checks = timed('lint and type-checks', staticChecks());
  for (const name of Object.keys(LANES)) rmSync(laneResultsFile(name), { force: true });
  mkdirSync(path.join(root, '.dev'), { recursive: true });
  const totals = { passed: 0, failed: 0, failures: [] };
  const add = (r) => (
    (totals.passed += r.passed),
    (totals.failed += r.failed),
    totals.failures.push(...(r.failures ?? []))
  );

  // The unit tests need no emulator and bind no fixed port: they run while the emulators boot and
  // the emulator suites wait on segments and browsers. Their report goes to a file, printed after.
  const unitLog = path.join(root, '.dev', 'unit.log');
  const unit = timed(
    'unit tests',
    mocha(
      'unit',
      [
        'functions/test/unit/**/*.spec.ts',
        'tools/livekit-dev/test/**/*.spec.ts',
        'tools/speech-dev/test/**/*.spec.ts',
        'hosting/test/**/*.spec.ts',
      ],
      {},
      [],
      { log: unitLog },
    ),
  );

  const lane = (name, options) =>
    timed(
      `${name} lane`,
      firebase(
        [
          'emulators:exec',
          '--only',
          TEST_EMULATORS,
          '--log-verbosity',
          'QUIET',
          `node scripts/dev.mjs emulator-suites ${name}`,
        ],
        {
          lane: name,
          ...options,
        },
      ).done,
    ).then((code) => laneResults(name, code));
  assertPortsFree();
  // The browser lane in this namespace, every other lane in one of its own (one after the other without them).
  const others = Object.keys(LANES).filter((name) => name !== 'browsers');
  const netns = Object.fromEntries(others.map((name) => [name, laneNamespace(name)]));
  const beside = others.every((name) => netns[name]);
  const logs = Object.fromEntries(others.map((name) => [name, path.join(root, '.dev', `lane-${name}.log`)]));
  const results = [];
  if (beside)
    results.push(
      ...(await Promise.all([
        lane('browsers'),
        ...others.map((name) => lane(name, { netns: netns[name], log: logs[name] })),
      ])),
    );
  else for (const name of ['browsers', ...others]) results.push(await lane(name));
  killStrayEmulators(); // after every lane: each lane's emulators work in this checkout
  for (const result of results) add(result);
  if (beside)
    for (const name of others)
      console.log(`\n[dev] the ${name} lane (run beside the browser lane)\n${readFileSync(logs[name], 'utf8')}`);
  add(await unit);
  console.log(`\n[dev] unit tests (run beside the emulator suites)\n${readFileSync(unitLog, 'utf8')}`);
  add(await checks);
  console.log(`\n[dev] test run took ${elapsedSeconds()} s (installing before it: ${installSeconds} s)`);
  console.log(
    `[dev] ended at (s): ${Object.entries(ended)
      .map(([part, at]) => `${part} ${at}`)
      .join(', ')}`,
  );
  for (const failure of totals.failures) console.log(`[dev] failed: ${failure}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed ? 1 : 0;
}

const CHECKS = [
  ['lint (eslint + prettier)', 'npm', ['run', '-s', 'lint']],
  // Every TypeScript program, in one process that shares what the programs have in common.
  ['type-checks', 'node', ['scripts/type-check.mjs']],
];

/** Lint and every type-check, one after the other at the lowest priority; counts one pass or failure each. */
async function staticChecks() {
  const log = path.join(root, '.dev', 'checks.log');
  mkdirSync(path.dirname(log), { recursive: true });
  const counts = { passed: 0, failed: 0, failures: [] };
  const report = [];
  for (const [label, cmd, args] of CHECKS) {
    const out = openSync(log, 'w');
    const check = run('nice', ['-n', '19', cmd, ...args], { stdio: ['ignore', out, out] });
    lowestPriority(check.child.pid);
    const code = await check.done;
    closeSync(out);
    if (code === 0) {
      counts.passed += 1;
    } else {
      counts.failed += 1;
      counts.failures.push(label);
      report.push(`\n[dev] ${label} failed:\n${readFileSync(log, 'utf8')}`);
    }
  }
  console.log(report.length ? report.join('\n') : `\n[dev] lint and type-checks passed (${CHECKS.length})`);
  if (report.some((r) => r.startsWith('\n[dev] lint')))
    console.log('[dev] npm run lint shows them; npm run format fixes formatting');
  return counts;
}

/** Runs chosen spec files under the emulators, printing mocha's own spec report. */
async function specs() {
  const files = process.argv.slice(3);
  if (!files.length) throw new Error('usage: node scripts/dev.mjs specs <spec files…>');
  await setUp({ browser: true });
  assertPortsFree();
  const quoted = files.map((f) => `'${f.replace(/'/g, '')}'`).join(' ');
  const command = `npx mocha --import=tsx --require ${EMULATOR_SETUP} --timeout 60000 ${quoted}`;
  startSpeechStandIn();
  return firebase(['emulators:exec', '--only', TEST_EMULATORS, '--log-verbosity', 'QUIET', command]).done;
}

/**
 * The soak (docs/soak.md): its own process under the emulators, which it needs without Hosting or
 * the web app (it calls the functions directly), so only the functions are built.
 */
async function soak() {
  await setUp({ browser: false, web: false });
  assertPortsFree();
  const args = process.argv
    .slice(3)
    .map((a) => `'${a.replace(/'/g, '')}'`)
    .join(' ');
  const command = `npx tsx functions/test/soak/main.ts ${args}`;
  return firebase(['emulators:exec', '--only', SOAK_EMULATORS, '--log-verbosity', 'QUIET', command]).done;
}

/** Runs inside `firebase emulators:exec`: the suites of one lane (LANES). */
async function emulatorSuites() {
  const name = process.argv[3];
  const lane = LANES[name];
  if (!lane) throw new Error(`usage: node scripts/dev.mjs emulator-suites ${Object.keys(LANES).join('|')}`);
  startSpeechStandIn(); // the lane's own, in its network namespace; stopped with this process
  const result = await mocha(`emulators-${name}`, lane.specs, {}, [
    '--require',
    EMULATOR_SETUP,
    ...(lane.ignore ?? []).flatMap((glob) => ['--ignore', glob]),
    ...(lane.first ?? []).flatMap((file) => ['--file', file]), // mocha runs --file first
  ]);
  return result.failed ? 1 : 0;
}

/** Where a lane's mocha (run inside its `emulators:exec`) leaves its summary (see mocha()). */
const laneResultsFile = (name) => path.join(root, '.dev', `mocha-emulators-${name}.json`);

/** A lane's counts; a lane whose emulators failed without a failing test counts one failure. */
function laneResults(name, code) {
  const file = laneResultsFile(name);
  if (!existsSync(file))
    return { passed: 0, failed: 1, failures: [`the ${name} lane reported nothing (exit ${code})`] };
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  if (code !== 0 && counts.failed === 0)
    Object.assign(counts, { failed: 1, failures: [`the ${name} lane's emulators or mocha (exit ${code})`] });
  return counts;
}

/**
 * A network namespace for a lane beside the browser lane: its emulators, stand-ins and browsers
 * get the same ports as the browser lane's without meeting them. Needs root and iproute2; without them (or where
 * the kernel refuses) the lanes run one after the other.
 */
function laneNamespace(lane) {
  if (process.getuid?.() !== 0 || !has('ip')) return undefined;
  const name = `lv-${lane}-${process.pid}`;
  if (spawnSync('ip', ['netns', 'add', name], { stdio: 'ignore' }).status !== 0) return undefined;
  namespaces.add(name);
  if (spawnSync('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' }).status !== 0)
    return undefined;
  return name;
}

/** Runs mocha (TypeScript through tsx) and reads its counts from the JSON summary reporter. */
async function mocha(label, specs, env = {}, options = [], { log } = {}) {
  const summary = path.join(root, '.dev', `mocha-${label}.json`);
  rmSync(summary, { force: true });
  const out = log ? openSync(log, 'w') : undefined;
  if (!log) console.log(`\n[dev] ${label} tests`);
  const code = await run(
    bin('mocha'),
    [
      '--import=tsx',
      ...options,
      '--reporter',
      path.join(root, 'scripts/mocha-summary-reporter.cjs'),
      '--timeout',
      '60000',
      ...specs,
    ],
    { env: { ...env, MOCHA_SUMMARY_FILE: summary }, ...(out && { stdio: ['ignore', out, out] }) },
  ).done;
  if (out) closeSync(out);
  const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0)
    Object.assign(counts, { failed: 1, failures: [`${label}: mocha exited ${code} before reporting`] });
  return counts;
}

async function seed() {
  await setUp({ browser: false });
  assertPortsFree();
  rmSync(path.join(root, 'emulator-data'), { recursive: true, force: true });
  startSpeechStandIn();
  const exec = firebase([
    'emulators:exec',
    '--only',
    'auth,functions,firestore,storage,tasks',
    '--export-on-exit',
    'emulator-data',
    'npx tsx scripts/seed/main.ts',
  ]);
  return exec.done;
}

const commands = { start, test, seed, specs, soak, 'emulator-suites': emulatorSuites };
const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node scripts/dev.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stopAll().then(() => process.exit(130)));
}
command().then(
  async (code) => {
    await stopAll();
    process.exit(code ?? 0);
  },
  async (error) => {
    console.error(`[dev] ${error.message}`);
    await stopAll();
    process.exit(1);
  },
);
