// The meeting room at lecture size: N participants (Firestore client-SDK listeners in this Node
// process, each a distinct enrolled student of the meeting's batch, so the rules run for every one)
// follow recordingStates/{meetingId} while an admin presses Start and Stop through the real API.
//   Latency: from the start (stop) call's answer to each participant's listener seeing the change
//   (a participant who saw it before the admin's answer counts 0), p50/p95/p99; also to "recording",
//   which comes with LiveKit's egress webhook.
//   Cost per participant-hour, before (the page polled GET …/recording every 2 s) and after (one
//   GET on opening, then the listener), measured in the same run: function invocations, Firestore
//   reads and bytes on the wire. Poll reads are counted by bench/cost-meter.ts; the listener's reads
//   are the snapshots it received plus the documents the rules read for each evaluation; bytes are
//   counted by a TCP proxy in front of the API and of the Firestore emulator.
// Run: node bench/run.mjs push (the API, the webhook endpoint and the LiveKit stand-in in this
// process; Auth, Firestore and Storage the emulators). PARTICIPANTS=100,250,500 picks the sizes.
// "Signed in" here means the emulator's unsigned tokens naming each user (mockUserToken): the rules
// see request.auth.uid as in production; the Auth emulator's sign-in of 500 users is not timed.
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectFirestoreEmulator, doc, getFirestore, onSnapshot, setLogLevel } from 'firebase/firestore';
import { getFunctions } from 'firebase-admin/functions';
import { adminApp, bucket, db, resetWorld } from '../functions/test/kit/emulators';
import { tokensFor } from '../functions/test/kit/api';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from '../functions/test/kit/livekit-webhooks';
import { useServerParams } from '../functions/test/kit/server-params';
import { startLiveKitDev } from '../tools/livekit-dev/src/server';
import { installMeter } from './cost-meter';
import { fixed, percentile, sleep, table, verdict } from './stats';
import { serveApi } from './serve-api';

setLogLevel('silent');
const MEETING = 'meeting-cardio-101';
const ROOM = 'cardio-101';
const BATCH = 'batch-cardio-2026';
const GOAL_P95_MS = 1_500;
const GOAL_READS = 20;
const POLL_S = 2;
const HOUR_S = 3600;
/** Documents firestore.rules read for a batch member's evaluation: users/, meetings/, the membership. */
const RULE_READS_PER_EVALUATION = 3;
const LIVE = new Set(['starting', 'recording']);
/** People in the LiveKit room while the meeting state is read (each costs a read of their name). */
const ROOM_PEOPLE = 1;
const SIZES = (process.env.PARTICIPANTS ?? '100,250,500').split(',').map(Number);
const [fsHost, fsPort] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':') as [string, string];

const meter = installMeter({ db: db(), bucket: bucket(), functions: getFunctions(adminApp()) });

/** A TCP proxy that counts the bytes both ways (what a participant's connection carries). */
async function countingProxy(host: string, port: number) {
  let bytes = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    client.on('data', (d) => (bytes += d.length));
    upstream.on('data', (d) => (bytes += d.length));
    client.pipe(upstream).pipe(client);
    const close = () => (client.destroy(), upstream.destroy());
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    take() {
      const taken = bytes;
      bytes = 0;
      return taken;
    },
    close: () => server.close(),
  };
}

async function call(base: string, token: string, urlPath: string, method = 'GET', body?: unknown): Promise<number> {
  const res = await fetch(`${base}/api${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status}`);
  return performance.now();
}

interface Participant {
  app: FirebaseApp;
  /** When each status was first seen, and how many snapshots arrived. */
  seen: Map<string, number>;
  snapshots: number;
  stop: () => void;
}

async function seedStudents(count: number): Promise<string[]> {
  const uids = Array.from({ length: count }, (_, i) => `u-bench-${i}`);
  for (let i = 0; i < uids.length; i += 400) {
    const batch = db().batch();
    for (const uid of uids.slice(i, i + 400)) {
      batch.set(db().doc(`users/${uid}`), { role: 'student', name: uid, email: `${uid}@bench.test` });
      batch.set(db().doc(`batches/${BATCH}/members/${uid}`), { joinedAtMs: Date.now() });
    }
    await batch.commit();
  }
  return uids;
}

function join(uid: string, i: number, firestorePort: number): Promise<Participant> {
  const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-lecturevault', apiKey: 'bench' }, `p${i}`);
  const firestore = getFirestore(app);
  connectFirestoreEmulator(firestore, '127.0.0.1', firestorePort, { mockUserToken: { user_id: uid } });
  return new Promise((resolve, reject) => {
    const p: Participant = { app, seen: new Map(), snapshots: 0, stop: () => undefined };
    p.stop = onSnapshot(
      doc(firestore, 'recordingStates', MEETING),
      (snap) => {
        p.snapshots++;
        const status = snap.exists() ? String(snap.get('status')) : 'none';
        if (!p.seen.has(status)) p.seen.set(status, performance.now());
        resolve(p);
      },
      (error) => reject(new Error(`${uid}: ${error.code}`)),
    );
  });
}

const firstSeen = (p: Participant, statuses: ReadonlySet<string>) =>
  Math.min(...[...p.seen].filter(([s]) => statuses.has(s)).map(([, t]) => t));

async function waitAll(participants: Participant[], statuses: ReadonlySet<string>, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (participants.some((p) => ![...p.seen.keys()].some((s) => statuses.has(s))) && performance.now() < deadline)
    await sleep(20);
}

const after = (participants: Participant[], statuses: ReadonlySet<string>, t0: number) =>
  participants
    .map((p) => firstSeen(p, statuses))
    .filter(Number.isFinite)
    .map((t) => Math.max(0, t - t0));

interface SizeResult {
  rows: string[][];
  snapshotsPerParticipant: number;
  changes: number;
  attachBytes: number;
  changeBytes: number;
}

async function run(
  count: number,
  base: string,
  firestoreProxy: Awaited<ReturnType<typeof countingProxy>>,
): Promise<SizeResult> {
  // A world of its own for each size: the last size's recording may still be ending.
  await meter.quietly(resetWorld);
  const { admin: adminToken } = await tokensFor('admin');
  const uids = await meter.quietly(() => seedStudents(count));
  firestoreProxy.take();
  const joinedAt = performance.now();
  const participants = await Promise.all(uids.map((uid, i) => join(uid, i, firestoreProxy.port)));
  const joinMs = performance.now() - joinedAt;
  const attachBytes = firestoreProxy.take() / count;

  const startSent = performance.now();
  const startAnswered = await call(base, adminToken, `/meetings/${MEETING}/recording/start`, 'POST', {
    confirmEmptyRoom: true,
  });
  await waitAll(participants, LIVE);
  const banner = after(participants, LIVE, startAnswered);
  const bannerFromClick = after(participants, LIVE, startSent);
  await waitAll(participants, new Set(['recording']));
  const recording = after(participants, new Set(['recording']), startAnswered);

  const stopAnswered = await call(base, adminToken, `/meetings/${MEETING}/recording/stop`, 'POST');
  const ENDING = new Set(['stopping', 'ready', 'incomplete', 'failed']);
  await waitAll(participants, ENDING);
  const stopped = after(participants, ENDING, stopAnswered);
  await sleep(2_000); // the egress's end and finalize: the last changes reach every listener
  const changeBytes = firestoreProxy.take() / count;
  const snapshots = participants.reduce((n, p) => n + p.snapshots, 0) / count;
  const changes = Math.max(...participants.map((p) => p.seen.size)) - 1;

  for (const p of participants) p.stop();
  await Promise.all(participants.map((p) => deleteApp(p.app)));
  const row = (what: string, values: number[]) => [
    `${count}`,
    what,
    `${values.length}/${count}`,
    fixed(percentile(values, 50), 0),
    fixed(percentile(values, 95), 0),
    fixed(percentile(values, 99), 0),
    verdict(values.length === count && percentile(values, 95) <= GOAL_P95_MS),
  ];
  console.log(`  ${count} listeners attached in ${fixed(joinMs / 1000)} s`);
  return {
    rows: [
      row('Start answered → banner', banner),
      row('Start pressed → banner', bannerFromClick),
      row('Start answered → "recording"', recording),
      row('Stop answered → stopping', stopped),
    ],
    snapshotsPerParticipant: snapshots,
    changes,
    attachBytes,
    changeBytes,
  };
}

async function main(): Promise<void> {
  useServerParams();
  console.log('Recording state pushed to participants, against the emulators (ms)');
  await meter.quietly(resetWorld);
  const server = await serveApi({ livekitWebhook: true });
  const apiProxy = await countingProxy('127.0.0.1', server.port);
  const firestoreProxy = await countingProxy(fsHost, Number(fsPort));
  const base = `http://127.0.0.1:${apiProxy.port}`;
  const livekit = await startLiveKitDev({
    port: 7880,
    webhookUrl: `${server.origin}/livekitWebhook`,
    apiKey: LIVEKIT_KEY,
    apiSecret: LIVEKIT_SECRET,
    stateFile: path.join(mkdtempSync(path.join(tmpdir(), 'push-livekit-')), 'state.json'),
    speed: 1,
    quiet: true,
    uploader: { upload: async () => undefined }, // no segments: only the state's changes matter here
    // The picture is not measured here, and a 720p30 encode would take a core from the listeners.
    videoSize: '320x180',
    fps: 25,
  });
  try {
    const { student1 } = await meter.quietly(() => tokensFor('student1'));
    await fetch(`http://127.0.0.1:7880/control/rooms/${ROOM}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity: 'student1', name: 'student1' }),
    });

    // Before: one poll of the meeting state as a participant, counted.
    // Settled on both sides: work still finishing from the warm call and the sign-ins is not the
    // poll's, the poll's own trailing work is (unsettled, runs counted 5 to 9 reads per poll).
    await call(base, student1, `/meetings/${MEETING}/recording`); // warm
    await sleep(1_000);
    meter.take();
    apiProxy.take();
    await call(base, student1, `/meetings/${MEETING}/recording`);
    await sleep(1_000);
    const poll = { reads: meter.take().reads, bytes: apiProxy.take() };

    const rows: string[][] = [['participants', 'change', 'seen', 'p50', 'p95', 'p99', `p95 ≤ ${GOAL_P95_MS} ms`]];
    let last: SizeResult | null = null;
    for (const size of SIZES) {
      try {
        last = await run(size, base, firestoreProxy);
        rows.push(...last.rows);
      } catch (error) {
        rows.push([`${size}`, 'failed', (error as Error).message, '', '', '', '']);
      }
    }
    console.log(table(rows));

    // An idle listener for 30 s: what an hour without changes costs on the wire.
    const idle = await join('u-student1', 99_999, firestoreProxy.port);
    await sleep(1_000);
    firestoreProxy.take();
    await sleep(30_000);
    const idleBytesPerHour = (firestoreProxy.take() / 30) * HOUR_S;
    idle.stop();
    await deleteApp(idle.app);

    if (last) {
      const polls = HOUR_S / POLL_S;
      const changes = last.changes;
      // The listener: its snapshots (one on attach, one per change) and the rules' documents, read
      // when it attaches and, at most, again at every change it is sent (the upper bound).
      const ruleReadsAtAttach = RULE_READS_PER_EVALUATION;
      const ruleReadsAtMost = (1 + changes) * RULE_READS_PER_EVALUATION;
      const afterReads = (ruleReads: number) => poll.reads + last.snapshotsPerParticipant + ruleReads;
      const goal = GOAL_READS + changes;
      console.log(
        table([
          ['per participant-hour', 'invocations', 'Firestore reads', 'bytes', `≤ ${goal} reads`],
          [
            `polling every ${POLL_S} s (before)`,
            `${polls}`,
            `${poll.reads * polls}`,
            `${Math.round(poll.bytes * polls)}`,
            verdict(poll.reads * polls <= goal),
          ],
          ...[
            ['rules read on attach', ruleReadsAtAttach],
            ['rules read on every change', ruleReadsAtMost],
          ].map(([what, ruleReads]) => [
            `one GET, then the listener (${changes} changes; ${what})`,
            '1',
            fixed(afterReads(Number(ruleReads)), 0),
            `${Math.round(poll.bytes + last.attachBytes + last.changeBytes + idleBytesPerHour)}`,
            verdict(afterReads(Number(ruleReads)) <= goal),
          ]),
        ]),
      );
      console.log(
        `  one GET of the meeting state: ${poll.reads} reads (the room here has ${ROOM_PEOPLE} participant: each one in ` +
          `the room adds a read of their name), ${poll.bytes} bytes; listener: ${fixed(last.snapshotsPerParticipant, 1)} ` +
          `snapshots, the rules' ${RULE_READS_PER_EVALUATION} documents per evaluation, ${Math.round(last.attachBytes)} ` +
          `bytes to attach, ${Math.round(last.changeBytes)} for the changes, ${Math.round(idleBytesPerHour)} per idle hour ` +
          `(Node's gRPC; a browser's WebChannel differs).`,
      );
    }
  } finally {
    await livekit.close();
    apiProxy.close();
    firestoreProxy.close();
    await server.close();
  }
  process.exit(0);
}

void main();
