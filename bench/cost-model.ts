// Cost model, counted: what one recorded hour and one viewer-hour make the server do, in billable
// units, priced with functions/src/domain/storage/cost-model.ts. Run inside `firebase emulators:exec --only
// auth,firestore,storage` (node bench/run.mjs cost): the server code runs in this process (the api
// router and the webhook endpoint served on loopback, the storage and Firestore triggers and the
// scheduled jobs called as the platform would call them), against the emulators and the LiveKit
// stand-in; bench/cost-meter.ts counts every Firestore, Storage and Cloud Tasks operation.
//   (a) a recorded hour: start, 514 segments of 7 s uploaded to ingest/ as LiveKit does (the segment,
//       then its playlist and live playlist), each object firing the storage trigger, the watchdog
//       every 30 s, the sweep every minute, the teacher's meeting page polling every 2 s, stop,
//       the webhooks, finalize;
//   (b) a viewer-hour: open a session, playlist, key, 514 segments, a heartbeat every 60 s and one
//       URL renewal (playlist and key again).
// Every segment is one real 7 s segment at LiveKit's 720p size, at 1 frame a second: ingest marks it
// and plans the ladder of a real recording (the rungs depend on the picture's size only), and its
// encodes stay quick. The operation counts do not depend on the bytes; media bytes are priced at a
// stated bitrate. Prints the counts per flow, the priced figures, and how they compare
// with MEASURED_PROFILE (the figures the Storage page uses). Reports only: always exits 0.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getFunctions } from 'firebase-admin/functions';
import { getStorage } from 'firebase-admin/storage';
import { useServerParams } from '../functions/test/kit/server-params';
import { adminApp, bucket, db, resetWorld } from '../functions/test/kit/emulators';
import { tokensFor } from '../functions/test/kit/api';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from '../functions/test/kit/livekit-webhooks';
import { startLiveKitDev, type LiveKitDev } from '../tools/livekit-dev/src/server';
import { handleObjectFinalized } from '../functions/src/triggers/segment-finalized';
import { handleRecordingUpdated } from '../functions/src/triggers/recording-updated';
import { runRetention, runSweep, runWatchdog } from '../functions/src/jobs/scheduled-jobs';
import { ingestBucketName } from '../functions/src/store/ingest';
import { WATCHDOG_SECONDS } from '../functions/src/store/tasks';
import { KEY_WINDOW_MS } from '../functions/src/services/playback/playback';
import { MAX_BANKED_SECONDS } from '../functions/src/domain/playback/delivery-receipts';
import { DEFAULT_BYTES_PER_SECOND } from '../functions/src/domain/recording/recording-guards';
import { SEGMENT_SECONDS } from '../functions/src/domain/playback/playlist';
import { DELIVERY_RECEIPT_HEADER } from '@lecturevault/contract';
import {
  estimateMonthlyCost,
  MEASURED_PROFILE,
  NO_USAGE,
  PRICES,
  PRICES_READ_ON,
  type Usage,
  type UsageProfile,
} from '../functions/src/domain/storage/cost-model';
import { emptyTally, FUNCTION_SIZES, installMeter, type Tally } from './cost-meter';
import { fixed, reportWithin, sleep, table } from './stats';
import { hlsSegments } from '../functions/test/kit/media';
import { rawSegmentName } from '../functions/test/kit/names';
import { serveApi } from './serve-api';

const HOUR_S = 3600;
const SEGMENTS = Math.round(HOUR_S / SEGMENT_SECONDS); // 514
/** hosting/src/features/meeting/recording-control-model.ts: a controller's meeting page (the teacher's) still polls every 2 s. */
const MEETING_POLL_S = 2;
/** hosting/src/features/player/player-model.ts: HEARTBEAT_MS. */
const HEARTBEAT_S = 60;
const SWEEP_S = 60;
const LECTURE_SEGMENT = hlsSegments({ video: 'testsrc2=size=1280x720:rate=1', seconds: SEGMENT_SECONDS }).files[0]!;
const MEETING = 'meeting-cardio-101';
const OVERALL_TIMEOUT_MS = 20 * 60_000;

// ---------------------------------------------------------------- the process: server + meter

const meter = installMeter({ db: db(), bucket: bucket(), functions: getFunctions(adminApp()) });
type Event = { kind: 'object'; bucket: string; name: string; size: number } | { kind: 'recording'; id: string };
const events: Event[] = [];
let triggerBucket = '';
meter.onObjectFinalized = (bucketName, name, size) =>
  bucketName === triggerBucket && events.push({ kind: 'object', bucket: bucketName, name, size });
meter.onRecordingUpdated = (id) => events.push({ kind: 'recording', id });
const lastStatus = new Map<string, string>();

/** Delivers the queued trigger events one by one, as the platform would (each is an invocation). */
async function drain(): Promise<void> {
  for (let event = events.shift(); event; event = events.shift()) {
    if (event.kind === 'object') {
      // Cloud Storage's event carries the object's size as a string; ingest sizes its encodes by it.
      const data = { bucket: event.bucket, name: event.name, size: String(event.size) };
      await meter.invoke('segmentFinalized', () => handleObjectFinalized({ data } as never));
      continue;
    }
    const id = event.id;
    const after = await meter.quietly(
      async () => ((await db().doc(`recordings/${id}`).get()).get('status') as string | undefined) ?? '',
    );
    const before = lastStatus.get(id) ?? after;
    lastStatus.set(id, after);
    const snapshot = (status: string) => ({ get: (field: string) => (field === 'status' ? status : undefined) });
    await meter.invoke('recordingUpdated', () =>
      handleRecordingUpdated({
        data: { before: snapshot(before), after: snapshot(after) },
        params: { recordingId: id },
      } as never),
    );
  }
}

// ---------------------------------------------------------------- the flows

interface Client {
  call(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<{ status: number; bytes: number; text: string; receipt: string | null }>;
}
function client(base: string, token: string): Client {
  return {
    async call(urlPath, { method = 'GET', body } = {}) {
      const res = await fetch(`${base}/api${urlPath}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const buffer = Buffer.from(await res.arrayBuffer());
      return {
        status: res.status,
        bytes: buffer.length,
        text: buffer.toString('utf8'),
        receipt: res.headers.get(DELIVERY_RECEIPT_HEADER),
      };
    },
  };
}

/** Waits until the stand-in has delivered its webhooks and every trigger event is handled. */
async function settle(livekit: LiveKitDev): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await livekit.webhooks.idle();
    await sleep(150);
    await drain();
  }
}

const playlistText = (count: number, ended: boolean) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:EVENT',
  ]
    .concat(
      Array.from({ length: count }, (_, i) => `#EXTINF:${SEGMENT_SECONDS}.000,\nseg_${String(i).padStart(5, '0')}.ts`),
    )
    .concat(ended ? ['#EXT-X-ENDLIST'] : [])
    .join('\n');

/** Into the bucket LiveKit is told to upload to (the storage trigger's), wherever that is. */
const upload = (name: string, body: Buffer | string, contentType: string) =>
  getStorage(adminApp()).bucket(triggerBucket).file(name).save(body, { contentType, resumable: false });

async function recordedHour(
  livekit: LiveKitDev,
  base: string,
  teacher: string,
  idleSweep: Tally,
): Promise<{ tally: Tally; recordingId: string }> {
  const api = client(base, teacher);
  meter.take();
  const started = await api.call(`/meetings/${MEETING}/recording/start`, {
    method: 'POST',
    body: { confirmEmptyRoom: true, expectedHours: 1 },
  });
  if (started.status !== 201) throw new Error(`start answered ${started.status}: ${started.text}`);
  const recordingId = (JSON.parse(started.text) as { recording: { id: string } }).recording.id;
  await sleep(800); // the stand-in activates an egress after 500 ms
  await settle(livekit);
  let sweeps = 0;
  for (let seq = 0; seq < SEGMENTS; seq++) {
    const from = seq * SEGMENT_SECONDS;
    const to = from + SEGMENT_SECONDS;
    // What LiveKit uploads per segment: the segment, then its playlist and its live playlist.
    await upload(rawSegmentName(recordingId, seq), LECTURE_SEGMENT, 'video/mp2t');
    await upload(`ingest/${recordingId}/playlist.m3u8`, playlistText(seq + 1, false), 'application/x-mpegurl');
    await upload(`ingest/${recordingId}/live.m3u8`, playlistText(Math.min(seq + 1, 5), false), 'application/x-mpegurl');
    await drain();
    for (let t = from; t < to; t++) {
      if (t % MEETING_POLL_S === 0) await api.call(`/meetings/${MEETING}/recording`);
      if (t > 0 && t % WATCHDOG_SECONDS === 0)
        await meter.invoke('recordingWatchdog', () => runWatchdog({ recordingId, notBeforeMs: 0 }));
      if (t > 0 && t % SWEEP_S === 0) {
        await meter.invoke('reconcileSweep', runSweep);
        sweeps++;
      }
    }
    await drain();
  }
  const stopped = await api.call(`/meetings/${MEETING}/recording/stop`, { method: 'POST', body: {} });
  if (stopped.status !== 200) throw new Error(`stop answered ${stopped.status}: ${stopped.text}`);
  await upload(`ingest/${recordingId}/playlist.m3u8`, playlistText(SEGMENTS, true), 'application/x-mpegurl');
  await settle(livekit);
  for (
    let i = 0;
    i < 40 && !(await meter.quietly(async () => (await db().doc(`recordings/${recordingId}`).get()).get('finalized')));
    i++
  ) {
    await sleep(250);
    await settle(livekit);
  }
  const tally = meter.take();
  // The sweep runs every minute anyway (a fixed cost): only what it did beyond an idle run belongs to the recording.
  return { tally: subtract(tally, idleSweep, sweeps), recordingId };
}

/** What the viewer-hour's attendance (delivery receipts credited on heartbeats) cost: counted beside the hour. */
const attendance = { beatsWithReceipts: 0, receipts: 0, viewingWrites: 0 };

async function viewerHour(base: string, viewer: string, recordingId: string): Promise<Tally> {
  const api = client(base, viewer);
  meter.take();
  const deliver = <R extends { bytes: number }>(r: R, media = false): R => {
    meter.tally.deliveredBytes += r.bytes;
    if (media) meter.tally.mediaBytes += r.bytes;
    return r;
  };
  deliver(await api.call('/me'));
  const opened = deliver(await api.call(`/recordings/${recordingId}/sessions`, { method: 'POST', body: {} }));
  if (opened.status !== 201) throw new Error(`open session answered ${opened.status}: ${opened.text}`);
  const sessionId = (JSON.parse(opened.text) as { sessionId: string }).sessionId;
  // The bench plays an hour in about a minute: the session is dated an hour back, and before each
  // heartbeat the viewer's allowance is set as a real minute would leave it (below), so the whole
  // hour is credited as it would be in real time.
  await meter.quietly(() =>
    db()
      .doc(`playbackSessions/${sessionId}`)
      .update({ createdAtMs: Date.now() - HOUR_S * 1000 }),
  );
  let receipts: string[] = [];
  const loadMedia = async (): Promise<string[]> => {
    const playlist = deliver(await api.call(`/play/${sessionId}/playlist.m3u8`));
    const key = deliver(await api.call(`/play/${sessionId}/key`));
    if (playlist.status !== 200 || key.status !== 200)
      throw new Error(`playlist ${playlist.status}, key ${key.status}: ${key.text}`);
    return playlist.text.split('\n').filter((line) => line.startsWith('seg/'));
  };
  let uris = await loadMedia();
  const renewAt = Math.floor(SEGMENTS / 2);
  for (let seq = 0; seq < SEGMENTS; seq++) {
    const segment = deliver(await api.call(`/play/${sessionId}/${uris[seq % uris.length]}`), true);
    if (segment.status !== 200) throw new Error(`segment ${seq} answered ${segment.status}`);
    if (segment.receipt) receipts.push(segment.receipt);
    const from = seq * SEGMENT_SECONDS;
    for (let t = from; t < from + SEGMENT_SECONDS; t++) {
      if (t === 0 || t % HEARTBEAT_S !== 0) continue;
      if (seq >= renewAt && seq - SEGMENT_SECONDS < renewAt) {
        // One URL renewal per viewer-hour: bring the session within the renewal window, and let
        // the key's rate-limit window pass (the real hour has 30 s between the two key requests).
        await meter.quietly(async () => {
          await db()
            .doc(`playbackSessions/${sessionId}`)
            .update({ expiresAtMs: Date.now() + 10 * 60_000 });
          await db()
            .doc(`rateLimits/u-student1_${recordingId}`)
            .update({ lastKeyAtMs: Date.now() - KEY_WINDOW_MS });
        });
      }
      const delivered = receipts;
      receipts = [];
      if (delivered.length) {
        attendance.beatsWithReceipts++;
        attendance.receipts += delivered.length;
      }
      // The viewer's allowance grows with real time across their sessions (2 s a second, up to
      // 150 s: delivery-receipts.ts); the bench's minute of real time per hour would allow about
      // 270 s, so each beat finds it as a real minute would have left it, full.
      if (delivered.length)
        await meter.quietly(() =>
          db()
            .doc(`viewing/${recordingId}_u-student1`)
            .set({ creditBank: { seconds: MAX_BANKED_SECONDS, atMs: Date.now() } }, { merge: true }),
        );
      const before = meter.tally.writes;
      const beat = deliver(
        await api.call(`/play/${sessionId}/heartbeat`, { method: 'POST', body: { positionSeconds: t, delivered } }),
      );
      // A heartbeat wrote its session before (1 write); what it writes beyond that is the viewing document.
      attendance.viewingWrites += Math.max(0, meter.tally.writes - before - 1);
      if ((JSON.parse(beat.text) as { renewed?: boolean }).renewed) uris = await loadMedia();
    }
  }
  return meter.take();
}

// ---------------------------------------------------------------- arithmetic and report

function subtract(a: Tally, b: Tally, times: number): Tally {
  const out = { ...a, invocations: { ...a.invocations }, billedMs: { ...a.billedMs } };
  for (const k of [
    'reads',
    'writes',
    'deletes',
    'classA',
    'classB',
    'objectDeletes',
    'bytesWritten',
    'bytesRead',
    'taskOps',
    'deliveredBytes',
    'mediaBytes',
  ] as const)
    out[k] -= b[k] * times;
  for (const [fn, n] of Object.entries(b.invocations)) out.invocations[fn] = (out.invocations[fn] ?? 0) - n * times;
  for (const [fn, ms] of Object.entries(b.billedMs)) out.billedMs[fn] = (out.billedMs[fn] ?? 0) - ms * times;
  return out;
}

function scale(t: Tally, times: number): Tally {
  return subtract(emptyTally(), t, -times);
}

/** The billable usage of a tally; media bytes left out (the model scales them by the bitrate). */
function usageOf(t: Tally): Usage {
  let vcpuSeconds = 0;
  let gibSeconds = 0;
  for (const [fn, ms] of Object.entries(t.billedMs)) {
    const size = FUNCTION_SIZES[fn] ?? FUNCTION_SIZES['api']!;
    vcpuSeconds += (ms / 1000) * size.vcpu;
    gibSeconds += (ms / 1000) * size.gib;
  }
  return {
    ...NO_USAGE,
    firestoreReads: t.reads,
    firestoreWrites: t.writes,
    firestoreDeletes: t.deletes,
    storageClassA: t.classA,
    storageClassB: t.classB,
    invocations: Object.values(t.invocations).reduce((a, b) => a + b, 0),
    vcpuSeconds,
    gibSeconds,
    taskOperations: t.taskOps,
    deliveredBytes: t.deliveredBytes - t.mediaBytes,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toFixed(5) : n.toFixed(2)}`;

function printTallies(columns: [string, Tally][]): void {
  const rows: string[][] = [['', ...columns.map(([name]) => name)]];
  const row = (label: string, value: (t: Tally) => string) => rows.push([label, ...columns.map(([, t]) => value(t))]);
  row('Firestore reads', (t) => int(t.reads));
  row('Firestore writes', (t) => int(t.writes));
  row('Firestore deletes', (t) => int(t.deletes));
  row('Storage Class A (writes, lists)', (t) => int(t.classA));
  row('Storage Class B (reads, metadata)', (t) => int(t.classB));
  row('Storage object deletes (free)', (t) => int(t.objectDeletes));
  row('Storage bytes written (1 fps segments)', (t) => int(t.bytesWritten));
  row('Storage bytes read (1 fps segments)', (t) => int(t.bytesRead));
  row('Cloud Tasks operations', (t) => int(t.taskOps));
  const functions = [...new Set(columns.flatMap(([, t]) => Object.keys(t.invocations)))].sort();
  for (const fn of functions) row(`invocations: ${fn}`, (t) => int(t.invocations[fn] ?? 0));
  row('billed instance time (s, 100 ms steps)', (t) =>
    fixed(Object.values(t.billedMs).reduce((a, b) => a + b, 0) / 1000, 1),
  );
  row('bytes to the browser, without media', (t) => int(t.deliveredBytes - t.mediaBytes));
  row('media bytes (1 fps segments)', (t) => int(t.mediaBytes));
  console.log(table(rows));
}

function printProfileDrift(measured: UsageProfile): void {
  const rows = [['measured / MEASURED_PROFILE', 'per recorded hour', 'per viewer-hour', 'fixed per month']];
  for (const k of Object.keys(NO_USAGE) as (keyof Usage)[]) {
    const ratio = (m: Usage, p: Usage) => (p[k] ? `${fixed(m[k] / p[k], 2)}×` : m[k] ? 'new' : '–');
    rows.push([
      k,
      ratio(measured.perRecordedHour, MEASURED_PROFILE.perRecordedHour),
      ratio(measured.perViewerHour, MEASURED_PROFILE.perViewerHour),
      ratio(measured.fixedPerMonth, MEASURED_PROFILE.fixedPerMonth),
    ]);
  }
  console.log(table(rows));
  const round = (u: Usage) =>
    Object.fromEntries(
      Object.entries(u).map(([k, v]) => [k, k.endsWith('Seconds') ? Math.round(v * 10) / 10 : Math.round(v)]),
    );
  console.log(
    `\nThis run as a profile (for MEASURED_PROFILE in functions/src/domain/storage/cost-model.ts):\n${JSON.stringify({ perRecordedHour: round(measured.perRecordedHour), perViewerHour: round(measured.perViewerHour), fixedPerMonth: round(measured.fixedPerMonth) }, null, 2)}`,
  );
}

async function main(): Promise<void> {
  useServerParams(); // the server code runs in this process
  console.log(
    `Cost model — operations counted per flow against the emulators, priced with the list prices read on ${PRICES_READ_ON} (node ${process.version})`,
  );
  await meter.quietly(resetWorld);
  triggerBucket = ingestBucketName();
  const mediaSizes: number[] = [];
  // Each answered request is an invocation of the function that answers it.
  const server = await serveApi({
    livekitWebhook: true,
    onAnswered: (path, ms) => meter.countInvocation(path === '/livekitWebhook' ? 'livekitWebhook' : 'api', ms),
  });
  const livekit = await startLiveKitDev({
    port: 7880,
    webhookUrl: `${server.origin}/livekitWebhook`,
    apiKey: LIVEKIT_KEY,
    apiSecret: LIVEKIT_SECRET,
    stateFile: path.join(mkdtempSync(path.join(tmpdir(), 'cost-livekit-')), 'state.json'),
    speed: 1,
    quiet: true,
    // The stand-in's own ffmpeg segments are measured (for the bitrate) but not uploaded: the
    // benchmark uploads the hour's 514 segments itself, at its own pace.
    uploader: { upload: async (_bucket, name, body) => void (name.endsWith('.ts') && mediaSizes.push(body.length)) },
  });
  try {
    const { teacher1, student1 } = await meter.quietly(async () => {
      await fetch('http://127.0.0.1:7880/control/rooms/cardio-101/participants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: 'student1', name: 'student1' }),
      });
      return tokensFor('teacher1', 'student1');
    });
    await settle(livekit);
    meter.take();

    console.log('\nIdle scheduled runs (nothing recording) …');
    await meter.invoke('reconcileSweep', runSweep);
    const idleSweep = meter.take();
    await meter.invoke('retentionDaily', runRetention);
    const idleRetention = meter.take();

    console.log(`(a) one recorded hour: ${SEGMENTS} segments of ${SEGMENT_SECONDS} s …`);
    const t0 = performance.now();
    const recorded = await recordedHour(livekit, server.origin, teacher1, idleSweep);
    console.log(`    done in ${fixed((performance.now() - t0) / 1000, 0)} s`);
    console.log('(b) one viewer-hour …');
    const t1 = performance.now();
    const viewed = await viewerHour(server.origin, student1, recorded.recordingId);
    console.log(`    done in ${fixed((performance.now() - t1) / 1000, 0)} s`);
    const viewing = await meter.quietly(async () =>
      (await db().doc(`viewing/${recorded.recordingId}_u-student1`).get()).data(),
    );
    const egressUsd = ((DEFAULT_BYTES_PER_SECOND * HOUR_S) / 2 ** 30) * PRICES.hostingGiB;
    const attendanceUsd = attendance.viewingWrites * (PRICES.firestoreWrite + PRICES.firestoreRead);
    console.log(
      `\nAttendance per viewer-hour: ${attendance.receipts} receipts in ${attendance.beatsWithReceipts} heartbeats → ` +
        `${attendance.viewingWrites} writes (+ as many reads) to viewing/, ${fixed(attendanceUsd * 1e6, 0)} µUSD at list price, ` +
        `${fixed((attendanceUsd / egressUsd) * 100, 3)} % of the hour's delivery (${fixed(egressUsd, 4)} USD at ${PRICES.hostingGiB} USD/GiB); ` +
        `credited ${viewing?.watchedSeconds ?? 0} s, completion ${viewing?.completion ?? 0}. ` +
        `One viewing document takes ${fixed(attendance.viewingWrites / HOUR_S, 4)} writes/s (300 viewers: 300 documents, no shared one).`,
    );
    const fixedMonth = subtract(scale(idleSweep, 30 * 24 * 60), idleRetention, -30);
    console.log('\nCounts per flow');
    printTallies([
      ['recorded hour', recorded.tally],
      ['viewer-hour', viewed],
      ['idle sweep (×43,200/month)', idleSweep],
      ['idle retention (×30/month)', idleRetention],
    ]);

    const measured: UsageProfile = {
      perRecordedHour: usageOf(recorded.tally),
      perViewerHour: usageOf(viewed),
      fixedPerMonth: usageOf(fixedMonth),
      scheduledJobs: 2,
    };
    const standInRate = mediaSizes.length
      ? mediaSizes.reduce((a, b) => a + b, 0) / (mediaSizes.length * SEGMENT_SECONDS)
      : Number.NaN;
    const rate = DEFAULT_BYTES_PER_SECOND;
    console.log(
      `\nMedia: priced at ${fixed((rate * 8) / 1e6, 2)} Mbit/s (DEFAULT_BYTES_PER_SECOND, LiveKit's 720p preset): ${fixed((rate * HOUR_S) / 1e9, 2)} GB per hour.`,
    );
    console.log(
      `       The stand-in's own segments measured ${fixed((standInRate * 8) / 1e6, 2)} Mbit/s over ${mediaSizes.length} segments (640×360 test pattern).`,
    );

    const priced = (inputs: { recordedHours: number; viewerHours: number; storedBytes: number }, freeTier: boolean) =>
      estimateMonthlyCost({ ...inputs, bytesPerSecond: rate }, { profile: measured, freeTier });
    const unit = (inputs: { recordedHours: number; viewerHours: number; storedBytes: number }) => {
      const zero = priced({ recordedHours: 0, viewerHours: 0, storedBytes: 0 }, false).lines;
      return priced(inputs, false).lines.map((l, i) => l.usd - zero[i]!.usd);
    };
    const labels = priced({ recordedHours: 0, viewerHours: 0, storedBytes: 0 }, false).lines.map((l) => l.label);
    const perRecorded = unit({ recordedHours: 1, viewerHours: 0, storedBytes: 0 });
    const perViewer = unit({ recordedHours: 0, viewerHours: 1, storedBytes: 0 });
    const perStoredMonth = unit({ recordedHours: 0, viewerHours: 0, storedBytes: rate * HOUR_S });
    const fixedLines = priced({ recordedHours: 0, viewerHours: 0, storedBytes: 0 }, false).lines.map((l) => l.usd);
    const rows = [
      ['list price, no free tier', 'recorded hour', 'viewer-hour', 'a stored hour, per month', 'fixed per month'],
    ];
    labels.forEach((label, i) =>
      rows.push([label, usd(perRecorded[i]!), usd(perViewer[i]!), usd(perStoredMonth[i]!), usd(fixedLines[i]!)]),
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    rows.push(['total', usd(sum(perRecorded)), usd(sum(perViewer)), usd(sum(perStoredMonth)), usd(sum(fixedLines))]);
    console.log(`\n${table(rows)}`);

    // An example month: 20 lectures of 1.5 h a week, each watched by 30 students, kept 90 days.
    const month = {
      recordedHours: 20 * 1.5 * 4.3,
      viewerHours: 20 * 1.5 * 4.3 * 30,
      storedBytes: 20 * 1.5 * 4.3 * 3 * rate * HOUR_S,
    };
    const example = priced(month, true);
    const exampleList = priced(month, false);
    const rows2 = [['example month', 'with free tier', 'list price']];
    example.lines.forEach((l, i) => rows2.push([l.label, usd(l.usd), usd(exampleList.lines[i]!.usd)]));
    rows2.push(['total', usd(example.totalUsd), usd(exampleList.totalUsd)]);
    console.log(
      `\nExample: ${fixed(month.recordedHours, 0)} recorded hours, ${int(month.viewerHours)} viewer-hours, ${fixed(month.storedBytes / 1e9, 0)} GB stored (90 days kept)`,
    );
    console.log(table(rows2));

    console.log('\nCompared with the profile the Storage page prices with:');
    printProfileDrift(measured);
  } finally {
    await server.close();
    await livekit.close();
  }
}

reportWithin('cost-model', OVERALL_TIMEOUT_MS, main);
