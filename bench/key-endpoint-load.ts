// Key endpoint under a lecture's worth of viewers starting at once: 200 students, each with an
// open playback session, ask for the key in the same instant. Run inside `firebase emulators:exec`
// (node bench/run.mjs keys): Auth and Firestore are the emulators, and the API is our real router
// (the code of the `api` function) served in-process on loopback, because the functions emulator
// runs one worker process per concurrent request and would measure its own process spawning.
// Baseline in the same run: the same 200-request burst against GET /health on the same server.
// Prints p50/p99 and the count of unintended errors (anything but 200); exits 0.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createRecording } from '../functions/test/kit/recordings';
import { useServerParams } from '../functions/test/kit/server-params';
import { db, resetWorld } from '../functions/test/kit/emulators';
import { buildRouter } from '../functions/src/api/routes';
import { percentile } from './stats';
import { students } from './viewer-world';

const VIEWERS = 200;

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  await resetWorld();
  // A finished recording of meeting-cardio-101 (its key is all the key endpoint needs).
  await createRecording('rec-bench');
  await db().doc('recordings/rec-bench').update({ status: 'ready', endedAtMs: Date.now() });
  await db().doc('locks/meeting-cardio-101').delete();

  console.log(`[keys] creating ${VIEWERS} students in batch-cardio-2026`);
  const tokens = await students(VIEWERS);

  const app = express();
  app.use(express.json());
  const router = buildRouter();
  app.use((req, res) => void router.handle(req as never, res));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

  const sessions: string[] = [];
  for (let i = 0; i < tokens.length; i += 20) {
    sessions.push(
      ...(await Promise.all(
        tokens.slice(i, i + 20).map(async (token) => {
          const res = await fetch(`${base}/recordings/rec-bench/sessions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          return ((await res.json()) as { sessionId: string }).sessionId;
        }),
      )),
    );
  }

  async function burst(url: (i: number) => string): Promise<{ latencies: number[]; errors: Record<string, number> }> {
    const errors: Record<string, number> = {};
    const latencies = await Promise.all(
      tokens.map(async (token, i) => {
        const t0 = performance.now();
        const res = await fetch(url(i), { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
        const ms = performance.now() - t0;
        const status = res ? String(res.status) : 'network';
        if (status !== '200') errors[status] = (errors[status] ?? 0) + 1;
        await res?.arrayBuffer();
        return ms;
      }),
    );
    return { latencies, errors };
  }

  await burst(() => `${base}/health`); // warm-up
  const baseline = await burst(() => `${base}/health`);
  const keys = await burst((i) => `${base}/play/${sessions[i]}/key`);
  server.close();

  const row = (name: string, r: { latencies: number[]; errors: Record<string, number> }) =>
    `${name.padEnd(28)} p50 ${percentile(r.latencies, 50).toFixed(0).padStart(6)} ms   p99 ${percentile(r.latencies, 99).toFixed(0).padStart(6)} ms   errors ${JSON.stringify(r.errors)}`;
  console.log(`\n[keys] ${VIEWERS} viewers asking at once, loopback, 2 cores`);
  console.log(row('baseline GET /health', baseline));
  console.log(row('GET /play/:sid/key', keys));
  console.log(
    `ratio key/health: p50 ${(percentile(keys.latencies, 50) / percentile(baseline.latencies, 50)).toFixed(1)}×, p99 ${(percentile(keys.latencies, 99) / percentile(baseline.latencies, 99)).toFixed(1)}×`,
  );
  const unintended = Object.values(keys.errors).reduce((a, b) => a + b, 0);
  console.log(`unintended errors: ${unintended} (goal 0) — ${unintended === 0 ? 'PASS' : 'BELOW GOAL'}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
