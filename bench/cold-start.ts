// Cold start of the `api` function: a fresh Node process loads the built functions
// (functions/lib, as the Functions runtime does), serves `api` on loopback, and answers its first
// request. Per route, RUNS cold processes: the import time, spawn → first answer, and the same
// request answered again by the now-warm instance (the baseline: what the route costs once
// loaded). Lists the packages loaded at import time, and what the first request loaded on top.
// The functions emulator would add its own worker start-up, so the instance is a plain process;
// Auth, Firestore and Storage are the emulators (node bench/run.mjs coldstart). Exits 0.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixed, median, table } from './stats';
import { readyRecording, resetWorld, students } from './viewer-world';
import { serveApi } from './serve-api';
import { useServerParams } from '../functions/test/kit/server-params';

const RUNS = Number(process.env.COLD_RUNS ?? 5);
const functionsDir = path.resolve(__dirname, '../functions');

/** The params the runtime would give the instance: .env, .env.local, .secret.local (emulator values). */
function functionEnv(): Record<string, string> {
  const env: Record<string, string> = { GCLOUD_PROJECT: 'demo-lecturevault' };
  for (const file of ['.env', '.env.local', '.secret.local']) {
    for (const line of readFileSync(path.join(functionsDir, file), 'utf8').split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]] = m[2];
    }
  }
  return env;
}

type Packages = Record<string, number>;
interface Ready {
  kind: 'ready';
  startMs: number;
  importMs: number;
  readyMs: number;
  port: number;
  packages: Packages;
  /** Once serving (express added, as the Functions runtime has it). */
  listening: Packages;
}

interface Sample {
  importMs: number;
  firstAnswerMs: number;
  spawnToAnswerMs: number;
  warmAnswerMs: number;
  status: number;
  atImport: Packages;
  listening: Packages;
  afterFirst: Packages;
}

async function coldRun(route: { path: string; token?: string }): Promise<Sample> {
  const spawnedAt = performance.now();
  const child = fork(path.join(__dirname, 'cold-start-child.cjs'), [], {
    env: { ...process.env, ...functionEnv() },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`cold instance exited (${code})`)));
    });
  const ready = await next<Ready>('ready');
  const ask = async () => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${ready.port}${route.path}`, {
      headers: route.token ? { authorization: `Bearer ${route.token}` } : {},
    });
    await res.arrayBuffer();
    return { ms: performance.now() - t, status: res.status };
  };
  const first = await ask();
  const answeredAt = performance.now();
  child.send('packages');
  const after = await next<{ packages: Packages }>('packages');
  const warm = await ask();
  child.send('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  return {
    importMs: ready.importMs,
    firstAnswerMs: first.ms,
    spawnToAnswerMs: answeredAt - spawnedAt,
    warmAnswerMs: warm.ms,
    status: first.status,
    atImport: ready.packages,
    listening: ready.listening,
    afterFirst: after.packages,
  };
}

const total = (p: Packages) => Object.values(p).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  await resetWorld();
  await readyRecording('rec-cold', 2);
  const [token] = await students(1, 'u-cold');
  const api = await serveApi();
  const opened = await fetch(`${api.base}/recordings/rec-cold/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const { sessionId } = (await opened.json()) as { sessionId: string };
  await api.close();

  const routes = [
    { name: 'GET /api/health', path: '/api/health' },
    { name: 'GET /api/me', path: '/api/me', token },
    { name: 'GET playlist (playback)', path: `/api/play/${sessionId}/playlist.m3u8`, token },
  ];
  const rows = [
    ['route', 'status', 'import ms', 'first answer ms', 'spawn → answer ms', 'warm answer ms', 'cold / warm'],
  ];
  let example: Sample | undefined;
  const loadedByRoute: string[] = [];
  for (const route of routes) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await coldRun(route));
    const m = (f: (s: Sample) => number) => median(samples.map(f));
    rows.push([
      route.name,
      [...new Set(samples.map((s) => s.status))].join('/'),
      fixed(m((s) => s.importMs)),
      fixed(m((s) => s.firstAnswerMs)),
      fixed(m((s) => s.spawnToAnswerMs)),
      fixed(m((s) => s.warmAnswerMs)),
      fixed(m((s) => s.firstAnswerMs) / m((s) => s.warmAnswerMs), 1) + '×',
    ]);
    const s = samples[0]!;
    example ??= s;
    const added = Object.entries(s.afterFirst)
      .map(([pkg, n]) => [pkg, n - (s.listening[pkg] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    loadedByRoute.push(
      `  ${route.name}: +${total(s.afterFirst) - total(s.listening)} files — ` +
        (added.map(([pkg, n]) => `${pkg} ${n}`).join(', ') || 'nothing'),
    );
  }
  console.log(`\n[cold start] the api function, ${RUNS} cold instances per route (medians; this machine, shared)`);
  console.log(table(rows));
  const atImport = Object.entries(example!.atImport).sort((a, b) => b[1] - a[1]);
  console.log(`\nLoaded at import time: ${total(example!.atImport)} files from ${atImport.length} packages`);
  console.log(atImport.map(([pkg, n]) => `  ${pkg.padEnd(36)} ${n}`).join('\n'));
  console.log(`livekit-server-sdk loaded at import: ${example!.atImport['livekit-server-sdk'] ? 'yes' : 'no (lazy)'}`);
  console.log('\nLoaded by the first request, on top:');
  console.log(loadedByRoute.join('\n'));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
