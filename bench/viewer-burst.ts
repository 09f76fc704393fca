// Exam night: 300 students press Watch at the same instant. Each does what the player does, in
// order: open a session, load the playlist, fetch the key, fetch the first two segments (1.6 MB
// each). Reports p50/p95/p99 per step and end to end, and every unintended error (anything but
// the expected 201/200), goal 0. Baseline in the same run: the same 300-request burst against
// GET /api/health on the same server, five times in a row (one per step), so a step's ratio says
// what our code adds to what the loopback, the HTTP stack and this process already cost.
// Run inside `firebase emulators:exec --only auth,firestore,storage` (node bench/run.mjs burst):
// the api function's router in-process, Auth, Firestore and Storage the emulators. Exits 0.
import { db } from '../functions/test/kit/emulators';
import { percentile, fixed, table, verdict } from './stats';
import { readyRecording, resetWorld, students } from './viewer-world';
import { serveApi } from './serve-api';
import { useServerParams } from '../functions/test/kit/server-params';

const VIEWERS = Number(process.env.BURST_VIEWERS ?? 300);
const STEPS = ['session', 'playlist', 'key', 'segment 0', 'segment 1'] as const;
type Step = (typeof STEPS)[number];

interface Outcome {
  ms: Partial<Record<Step | 'end to end', number>>;
  errors: string[];
}

async function timed(url: string, init: RequestInit): Promise<{ ms: number; status: number; body: Buffer }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, status: res.status, body };
}

async function watch(base: string, token: string): Promise<Outcome> {
  const auth = { authorization: `Bearer ${token}` };
  const outcome: Outcome = { ms: {}, errors: [] };
  const t0 = performance.now();
  const step = async (name: Step, url: string, expected: number, init: RequestInit = {}) => {
    const r = await timed(url, { ...init, headers: { ...auth, ...(init.headers ?? {}) } }).catch((e: Error) => ({
      ms: Number.NaN,
      status: 0,
      body: Buffer.from(e.message),
    }));
    outcome.ms[name] = r.ms;
    if (r.status !== expected) {
      outcome.errors.push(`${name} ${r.status || 'network'}`);
      return null;
    }
    return r.body;
  };
  const opened = await step('session', `${base}/recordings/rec-burst/sessions`, 201, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!opened) return outcome;
  const sessionId = (JSON.parse(opened.toString()) as { sessionId: string }).sessionId;
  const playlist = await step('playlist', `${base}/play/${sessionId}/playlist.m3u8`, 200);
  if (!playlist) return outcome;
  const uris = playlist
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('seg/'));
  const key = await step('key', `${base}/play/${sessionId}/key`, 200);
  if (!key || key.length !== 16) return outcome;
  for (const [i, name] of (['segment 0', 'segment 1'] as const).entries()) {
    const segment = await step(name, `${base}/play/${sessionId}/${uris[i]}`, 200);
    if (!segment) return outcome;
  }
  outcome.ms['end to end'] = performance.now() - t0;
  return outcome;
}

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  await resetWorld();
  console.log(`[burst] a ready recording (4 encrypted 1.6 MB segments) and ${VIEWERS} students …`);
  await readyRecording('rec-burst', 4);
  const tokens = await students(VIEWERS);
  const api = await serveApi();

  // Baseline: a trivial endpoint, same server, same concurrency, one burst per step.
  const health = async () =>
    Promise.all(tokens.map(() => timed(`${api.base}/health`, {}).then((r) => (r.status === 200 ? r.ms : Number.NaN))));
  await health(); // warm-up: connections, JIT
  const baseline: number[] = [];
  for (let i = 0; i < STEPS.length; i++) baseline.push(...(await health()));
  const baselineEnd: number[] = [];
  {
    // The baseline end to end: five /health in a row per viewer, all viewers at once.
    const ends = await Promise.all(
      tokens.map(async () => {
        const t0 = performance.now();
        for (let i = 0; i < STEPS.length; i++) await timed(`${api.base}/health`, {});
        return performance.now() - t0;
      }),
    );
    baselineEnd.push(...ends);
  }

  // The emulator's own pace at the same concurrency: one document read each, then one write each
  // (no HTTP, no our code): what a step's Firestore round trips cost at best on this machine.
  const eachAtOnce = (op: (i: number) => Promise<unknown>) =>
    Promise.all(
      tokens.map(async (_, i) => {
        const t = performance.now();
        await op(i);
        return performance.now() - t;
      }),
    );
  const emulatorRead = await eachAtOnce((i) => db().doc(`users/u-bench-${i}`).get());
  const emulatorWrite = await eachAtOnce((i) => db().doc(`benchScratch/w${i}`).set({ atMs: Date.now() }));

  const t0 = performance.now();
  const outcomes = await Promise.all(tokens.map((token) => watch(api.base, token)));
  const wallMs = performance.now() - t0;
  await api.close();

  const errors: Record<string, number> = {};
  for (const e of outcomes.flatMap((o) => o.errors)) errors[e] = (errors[e] ?? 0) + 1;
  const unintended = Object.values(errors).reduce((a, b) => a + b, 0);
  const p = (xs: number[], q: number) => fixed(percentile(xs.filter(Number.isFinite), q), 0);
  const ratio = (xs: number[], base: number[], q: number) =>
    fixed(percentile(xs.filter(Number.isFinite), q) / percentile(base, q), 1);
  const rows = [['step', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 / baseline', 'p99 / baseline']];
  rows.push([
    'baseline GET /health',
    String(baseline.length),
    p(baseline, 50),
    p(baseline, 95),
    p(baseline, 99),
    '',
    '',
  ]);
  rows.push([
    'emulator: 1 document read each',
    String(VIEWERS),
    p(emulatorRead, 50),
    p(emulatorRead, 95),
    p(emulatorRead, 99),
    '',
    '',
  ]);
  rows.push([
    'emulator: 1 document write each',
    String(VIEWERS),
    p(emulatorWrite, 50),
    p(emulatorWrite, 95),
    p(emulatorWrite, 99),
    '',
    '',
  ]);
  for (const name of [...STEPS, 'end to end'] as const) {
    const xs = outcomes.map((o) => o.ms[name]).filter((x): x is number => x !== undefined);
    const base = name === 'end to end' ? baselineEnd : baseline;
    rows.push([name, String(xs.length), p(xs, 50), p(xs, 95), p(xs, 99), ratio(xs, base, 50), ratio(xs, base, 99)]);
  }
  rows.push([
    'baseline end to end (5 × /health)',
    String(baselineEnd.length),
    p(baselineEnd, 50),
    p(baselineEnd, 95),
    p(baselineEnd, 99),
    '',
    '',
  ]);
  console.log(
    `\n[burst] ${VIEWERS} viewers press Watch at once (loopback, this machine's cores shared with the emulators)`,
  );
  console.log(table(rows));
  console.log(`whole burst: ${fixed(wallMs / 1000, 1)} s until the last viewer had both segments`);
  const audit = await db().collection('auditLog').count().get();
  console.log(`audit entries written: ${audit.data().count} (a watch and a key entry per viewer)`);
  console.log(`unintended errors: ${unintended} ${JSON.stringify(errors)} (goal 0) — ${verdict(unintended === 0)}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
