// Media delivery: 300 viewers each streaming a segment at once through the `api` function's
// segment route (signed URL, live session check, the ciphertext streamed from Storage), against
// the same bytes served in the same run by a static file server (node:http + fs.createReadStream
// from a local copy) and, for reference, by the Storage emulator directly (a plain media
// download). Reports the throughput ratio (goal ≥ 0.5 of the static server), p50/p99 per stream,
// and memory per concurrent stream: the rise in this process's RSS while the streams run,
// divided by their number (the function must not buffer whole 1.6 MB segments: goal well under a
// segment per stream). The api router runs in-process on loopback; Auth, Firestore and Storage
// are the emulators (node bench/run.mjs media). Exits 0.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bucket } from '../functions/test/kit/emulators';
import { fixed, percentile, table, verdict } from './stats';
import { readyRecording, resetWorld, SEGMENT_BYTES, students } from './viewer-world';
import { serveApi } from './serve-api';
import { useServerParams } from '../functions/test/kit/server-params';
import { sealedSegmentName } from '../functions/test/kit/names';

const STREAMS = Number(process.env.MEDIA_STREAMS ?? 300);
const SEGMENTS = 4;
const GOAL_RATIO = 0.5;

interface Run {
  ms: number[];
  bytes: number;
  wallMs: number;
  errors: number;
  peakRssRise: number;
}

/** Reads a body to its end without keeping it (counting bytes), as a player's buffer would drain it. */
async function drain(res: Response): Promise<number> {
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function burst(urls: string[], headers: (i: number) => Record<string, string> = () => ({})): Promise<Run> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let bytes = 0;
  let errors = 0;
  const t0 = performance.now();
  const ms = await Promise.all(
    urls.map(async (url, i) => {
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: headers(i) });
        const got = await drain(res);
        if (res.status !== 200 || got < SEGMENT_BYTES) errors++;
        bytes += got;
      } catch {
        errors++;
      }
      return performance.now() - t;
    }),
  );
  const wallMs = performance.now() - t0;
  clearInterval(sampler);
  return { ms, bytes, wallMs, errors, peakRssRise: peak - rssBefore };
}

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  await resetWorld();
  console.log(`[media] a ready recording (${SEGMENTS} encrypted segments of 1.6 MB) and ${STREAMS} students …`);
  await readyRecording('rec-media', SEGMENTS);
  const tokens = await students(STREAMS);
  const api = await serveApi();

  // Each viewer opens a session and reads its signed segment URLs (not timed: the burst is media).
  const viewers: { token: string; uris: string[] }[] = [];
  for (let i = 0; i < tokens.length; i += 20)
    viewers.push(
      ...(await Promise.all(
        tokens.slice(i, i + 20).map(async (token) => {
          const headers = { authorization: `Bearer ${token}` };
          const opened = await fetch(`${api.base}/recordings/rec-media/sessions`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
          });
          const { sessionId } = (await opened.json()) as { sessionId: string };
          const playlist = await (await fetch(`${api.base}/play/${sessionId}/playlist.m3u8`, { headers })).text();
          const uris = playlist
            .split('\n')
            .filter((l) => l.startsWith('seg/'))
            .map((u) => `${api.base}/play/${sessionId}/${u}`);
          return { token, uris };
        }),
      )),
    );

  // The static baseline serves the very same ciphertext, copied to local files.
  const dir = mkdtempSync(path.join(tmpdir(), 'media-bench-'));
  const objects = Array.from({ length: SEGMENTS }, (_, seq) => sealedSegmentName('rec-media', seq));
  for (const [seq, name] of objects.entries())
    writeFileSync(path.join(dir, `${seq}.ts`), (await bucket().file(name).download())[0]);
  const files: Server = createServer((req, res) => {
    const seq = /^\/(\d)\.ts$/.exec(req.url ?? '')?.[1];
    if (!seq) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'video/mp2t' });
    createReadStream(path.join(dir, `${seq}.ts`)).pipe(res);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => files.once('listening', resolve));
  const staticBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  const storageBase = `http://${process.env.FIREBASE_STORAGE_EMULATOR_HOST}/download/storage/v1/b/${bucket().name}/o`;

  const pick = (i: number) => i % SEGMENTS;
  const plans = {
    static: () => burst(viewers.map((_, i) => `${staticBase}/${pick(i)}.ts`)),
    // The Storage emulator's GCS media download, as the Admin SDK reads it (owner credentials).
    storage: () =>
      burst(
        viewers.map((_, i) => `${storageBase}/${encodeURIComponent(objects[pick(i)]!)}?alt=media`),
        () => ({ authorization: 'Bearer owner' }),
      ),
    api: () =>
      burst(
        viewers.map((v, i) => v.uris[pick(i)]!),
        (i) => ({ authorization: `Bearer ${viewers[i]!.token}` }),
      ),
  };
  const results: Record<keyof typeof plans, Run[]> = { static: [], storage: [], api: [] };
  await plans.static(); // warm-up
  await plans.api();
  // Interleaved, three rounds: a noisy neighbour spreads over all three.
  for (let round = 0; round < 3; round++)
    for (const name of ['static', 'storage', 'api'] as const) results[name].push(await plans[name]());
  await api.close();
  files.close();

  const mbps = (r: Run) => r.bytes / 1e6 / (r.wallMs / 1000);
  const best = (name: keyof typeof plans) => results[name].reduce((a, b) => (mbps(b) > mbps(a) ? b : a));
  const rows = [
    ['server', 'MB/s (aggregate)', 'p50 ms', 'p99 ms', 'errors', 'RSS rise MiB', 'per stream KiB', 'ratio to static'],
  ];
  const staticRate = mbps(best('static'));
  for (const name of ['static', 'storage', 'api'] as const) {
    const r = best(name);
    rows.push([
      { static: 'static file server', storage: 'Storage emulator, direct', api: 'api function (segment route)' }[name],
      fixed(mbps(r)),
      fixed(percentile(r.ms, 50), 0),
      fixed(percentile(r.ms, 99), 0),
      String(results[name].reduce((a, b) => a + b.errors, 0)),
      fixed(r.peakRssRise / 2 ** 20),
      fixed(r.peakRssRise / STREAMS / 1024, 0),
      fixed(mbps(r) / staticRate, 2),
    ]);
  }
  console.log(
    `\n[media] ${STREAMS} concurrent segment streams of ${fixed(SEGMENT_BYTES / 1e6, 2)} MB, loopback (best of 3 rounds each)`,
  );
  console.log(table(rows));
  const ratio = mbps(best('api')) / staticRate;
  const perStream = best('api').peakRssRise / STREAMS;
  console.log(`throughput api / static: ${fixed(ratio, 2)} (goal ≥ ${GOAL_RATIO}) — ${verdict(ratio >= GOAL_RATIO)}`);
  console.log(
    `memory per stream through the api: ${fixed(perStream / 1024, 0)} KiB (the client's buffers included), ` +
      `a segment is ${fixed(SEGMENT_BYTES / 1024, 0)} KiB — ${verdict(perStream < SEGMENT_BYTES / 4)} (no whole-segment buffering)`,
  );
  console.log(
    `api / Storage emulator direct: ${fixed(mbps(best('api')) / mbps(best('storage')), 2)} (the emulator's own rate bounds the api's)`,
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
