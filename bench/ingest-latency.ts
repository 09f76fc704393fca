// Ingest latency against the emulators: 100 real MPEG-TS segments uploaded under
// ingest/<id>/ (ingest bucket) at a steady pace; per segment, the time from the upload's completion to its index
// doc recordings/<id>/segments/<seq5> reading status 'confirmed' (seen by a Firestore listener).
// Baseline, same run: a bare Storage upload of the same size followed by one Firestore write seen
// by a listener, i.e. the least I/O the trigger's work could take. Goal: p95 ≤ 2 s.
// Reports only: always exits 0.
//
// Needs the emulators (auth, functions, firestore, storage) with the functions built:
//   npx firebase --project demo-lecturevault --config .dev/firebase.json emulators:exec --only auth,functions,firestore,storage 'npx tsx bench/ingest-latency.ts'
// (with scripts/emulator-env.mjs's environment; `node bench/run.mjs ingest` does all of that).
import { performance } from 'node:perf_hooks';
import { bucket, db, ingestBucket, resetWorld } from '../functions/test/kit/emulators';
import { hlsSegments } from '../functions/test/kit/media';
import { rawSegmentName, seq5 } from '../functions/test/kit/names';
import { createRecording } from '../functions/test/kit/recordings';
import { useServerParams } from '../functions/test/kit/server-params';
import { fixed, percentile, reportWithin, sleep, table, verdict } from './stats';

const SEGMENTS = 100;
const PACE_MS = 300;
const WARMUP_SEGMENTS = 3;
const BASELINE_ROUNDS = 20;
const SETTLE_TIMEOUT_MS = 90_000;
/** Hard stop so a stuck emulator can never hang `emulators:exec`. */
const OVERALL_TIMEOUT_MS = 8 * 60_000;
const GOAL_P95_MS = 2_000;

/** Four real H.264 + AAC MPEG-TS segments of 7 s at ~1.8 Mbit/s (≈ 1.6–1.7 MB each), like LiveKit's. */
const realSegments = (): Buffer[] =>
  hlsSegments({
    video: 'testsrc2=size=1280x720:rate=25',
    seconds: 28,
    videoArgs: [
      '-b:v',
      '1700k',
      '-minrate',
      '1700k',
      '-maxrate',
      '1700k',
      '-bufsize',
      '1700k',
      '-x264-params',
      'nal-hrd=cbr',
    ],
    audioArgs: ['-b:a', '128k'],
  }).files;

const upload = (name: string, body: Buffer) =>
  (name.startsWith('ingest/') ? ingestBucket() : bucket())
    .file(name)
    .save(body, { contentType: 'video/mp2t', resumable: false });

/** A recording in progress on a seeded meeting (one per meeting: each holds the meeting's lock). */
const newRecording = (id: string, meeting: 'cardio-101' | 'neuro-201') =>
  createRecording(id, { meetingId: `meeting-${meeting}` });

/**
 * Timestamps (performance.now) when each doc of a collection is first seen matching `accept`.
 * `ready` resolves with the listener's first snapshot, so nothing written afterwards is missed.
 */
function watchCollection(collectionPath: string, accept: (data: Record<string, unknown>) => boolean) {
  const seenAt = new Map<string, number>();
  const rejected = new Map<string, Record<string, unknown>>();
  const waiters = new Map<string, (at: number) => void>();
  let markReady: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (fail = reject)));
  const stop = db()
    .collection(collectionPath)
    .onSnapshot(
      (snap) => {
        const at = performance.now();
        for (const change of snap.docChanges()) {
          if (change.type === 'removed' || seenAt.has(change.doc.id)) continue;
          const data = change.doc.data();
          if (!accept(data)) {
            rejected.set(change.doc.id, data);
            continue;
          }
          seenAt.set(change.doc.id, at);
          rejected.delete(change.doc.id);
          waiters.get(change.doc.id)?.(at);
        }
        markReady();
      },
      (error) => fail(error),
    );
  const seen = (id: string, timeoutMs = 30_000): Promise<number> =>
    seenAt.has(id)
      ? Promise.resolve(seenAt.get(id)!)
      : new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${collectionPath}/${id} not seen within ${timeoutMs} ms`)),
            timeoutMs,
          );
          waiters.set(id, (at) => (clearTimeout(timer), resolve(at)));
        });
  return { ready, seenAt, rejected, seen, stop };
}

/** Baseline: upload the same bytes (to the main bucket, which has no trigger), then one Firestore write seen by a listener. */
async function measureBaseline(
  files: Buffer[],
): Promise<{ saveMs: number[]; writeSeenMs: number[]; totalMs: number[] }> {
  const watch = watchCollection('benchBaseline', () => true);
  await watch.ready;
  const saveMs: number[] = [];
  const writeSeenMs: number[] = [];
  const totalMs: number[] = [];
  for (let i = 0; i < BASELINE_ROUNDS; i++) {
    const start = performance.now();
    await upload(`bench-baseline/${seq5(i)}.ts`, files[i % files.length]);
    const saved = performance.now();
    const seen = watch.seen(seq5(i));
    await db()
      .doc(`benchBaseline/${seq5(i)}`)
      .set({ seq: i, status: 'confirmed', atMs: Date.now() });
    const seenAt = await seen;
    saveMs.push(saved - start);
    writeSeenMs.push(seenAt - saved);
    totalMs.push(seenAt - start);
    await sleep(PACE_MS);
  }
  watch.stop();
  return { saveMs, writeSeenMs, totalMs };
}

/** Uploads `count` segments at a steady pace (sequentially, like one egress) and times each to 'confirmed'. */
async function measureIngest(recordingId: string, files: Buffer[], count: number) {
  const watch = watchCollection(`recordings/${recordingId}/segments`, (data) => data['status'] === 'confirmed');
  await watch.ready;
  const uploadedAt = new Map<string, number>();
  const uploadMs: number[] = [];
  const started = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const due = started + seq * PACE_MS;
    if (due > performance.now()) await sleep(due - performance.now());
    const before = performance.now();
    await upload(rawSegmentName(recordingId, seq), files[seq % files.length]);
    const after = performance.now();
    uploadedAt.set(seq5(seq), after);
    uploadMs.push(after - before);
  }
  const uploadsDoneAt = performance.now();
  const deadline = uploadsDoneAt + SETTLE_TIMEOUT_MS;
  while (watch.seenAt.size + watch.rejected.size < count && performance.now() < deadline) await sleep(100);
  watch.stop();
  const latencies: { seq: number; ms: number }[] = [];
  for (const [id, at] of uploadedAt) {
    const confirmedAt = watch.seenAt.get(id);
    if (confirmedAt !== undefined) latencies.push({ seq: Number(id), ms: confirmedAt - at });
  }
  return {
    latencies,
    uploadMs,
    achievedPaceMs: (uploadsDoneAt - started) / count,
    unconfirmed: [...uploadedAt.keys()].filter((id) => !watch.seenAt.has(id)),
    notConfirmed: [...watch.rejected.entries()].map(
      ([id, data]) => `${id}: ${String(data['status'])}${data['reason'] ? ` (${String(data['reason'])})` : ''}`,
    ),
  };
}

const stats = (values: number[]) => [
  fixed(percentile(values, 50), 0),
  fixed(percentile(values, 95), 0),
  fixed(values.length ? Math.max(...values) : Number.NaN, 0),
];

async function main(): Promise<void> {
  useServerParams(); // the ingest code runs in this process too
  console.log(
    `Ingest latency — ${SEGMENTS} real segments uploaded to ingest/ every ${PACE_MS} ms against the emulators (node ${process.version})`,
  );
  const generated = performance.now();
  const files = realSegments();
  console.log(
    `Generated ${files.length} MPEG-TS segments with ffmpeg in ${fixed((performance.now() - generated) / 1000, 1)} s: ` +
      `${files.map((f) => fixed(f.length / 1e6, 2)).join(', ')} MB (reused cyclically)`,
  );
  await resetWorld();

  // The functions emulator starts a worker on the first event: keep that cold start out of the sample.
  await newRecording('bench-warmup', 'neuro-201');
  const warm = await measureIngest('bench-warmup', files, WARMUP_SEGMENTS);
  console.log(
    `Warm-up (${WARMUP_SEGMENTS} segments, separate recording, includes the trigger's cold start): ` +
      `${warm.latencies.map((l) => `${fixed(l.ms, 0)} ms`).join(', ') || 'none confirmed'}`,
  );

  console.log(
    `\nBaseline: ${BASELINE_ROUNDS} × (Storage file.save of a segment → Firestore write → seen by a listener) …`,
  );
  const baseline = await measureBaseline(files);
  await sleep(2_000); // let the (ignored) trigger events of the baseline uploads drain

  console.log(`Ingest: ${SEGMENTS} uploads …`);
  await newRecording('bench-ingest', 'cardio-101');
  const result = await measureIngest('bench-ingest', files, SEGMENTS);
  const latency = result.latencies.map((l) => l.ms);

  const rows = [['measure', 'n', 'p50 ms', 'p95 ms', 'max ms']];
  rows.push(['ingest: upload complete → segment doc confirmed', String(latency.length), ...stats(latency)]);
  rows.push(['  (the raw upload itself, file.save)', String(result.uploadMs.length), ...stats(result.uploadMs)]);
  rows.push([
    'baseline: file.save + Firestore write → listener',
    String(baseline.totalMs.length),
    ...stats(baseline.totalMs),
  ]);
  rows.push(['  of which file.save', String(baseline.saveMs.length), ...stats(baseline.saveMs)]);
  rows.push([
    '  of which Firestore write → listener',
    String(baseline.writeSeenMs.length),
    ...stats(baseline.writeSeenMs),
  ]);
  console.log(`\n${table(rows)}`);

  const p95 = percentile(latency, 95);
  console.log(
    `\nAchieved upload interval: ${fixed(result.achievedPaceMs, 0)} ms (target ${PACE_MS} ms; uploads are sequential, like one egress).`,
  );
  const blocks = Array.from({ length: Math.ceil(SEGMENTS / 10) }, (_, b) =>
    result.latencies.filter((l) => Math.floor(l.seq / 10) === b).map((l) => l.ms),
  );
  console.log(
    `Median latency per block of 10 uploads (shows a growing backlog): ${blocks.map((b) => (b.length ? fixed(percentile(b, 50), 0) : '–')).join(' ')} ms`,
  );
  console.log(
    `Ratio ingest / baseline: p50 ${fixed(percentile(latency, 50) / percentile(baseline.totalMs, 50), 1)}×, p95 ${fixed(p95 / percentile(baseline.totalMs, 95), 1)}×`,
  );
  if (result.unconfirmed.length)
    console.log(
      `NOT confirmed within ${SETTLE_TIMEOUT_MS / 1000} s of the last upload: ${result.unconfirmed.length} (${result.unconfirmed.slice(0, 10).join(', ')}${result.unconfirmed.length > 10 ? ', …' : ''})`,
    );
  if (result.notConfirmed.length)
    console.log(`Segment docs in another state: ${result.notConfirmed.slice(0, 10).join('; ')}`);
  const complete = result.unconfirmed.length === 0;
  console.log(
    `Goal p95 ≤ ${GOAL_P95_MS} ms: ${fixed(p95, 0)} ms — ${verdict(complete && p95 <= GOAL_P95_MS)}${complete ? '' : ' (not every segment was confirmed)'}`,
  );
}

reportWithin('ingest-latency', OVERALL_TIMEOUT_MS, main);
