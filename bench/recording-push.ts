// Banner latency at lecture size: N participants (Firestore client SDK listeners in this Node
// process, each signed in to the emulator as a distinct student of the meeting's batch, so the
// rules run for every one) follow recordingStates/{meetingId}; the recording is started and stopped
// through the store's own write path (claimAndCreate, then applyTransition, as the start call and
// LiveKit's webhooks do). Per participant: from the write's commit to its listener seeing the new
// status; p50/p95/p99 for Start and Stop. The function invocation in front of the write (the start
// call itself) is not in the figure. Also prints the polling it replaces, per participant-hour.
// Run: npx firebase --project demo-lecturevault emulators:exec --only firestore 'npx tsx bench/recording-push.ts'
// (PARTICIPANTS=100,250,500 to choose the sizes).
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectFirestoreEmulator, doc, getFirestore, onSnapshot, setLogLevel } from 'firebase/firestore';
import { SYSTEM } from '../functions/src/domain/access/caller';
import { applyTransition, claimAndCreate } from '../functions/src/store/recordings';
import { db, resetWorld } from '../functions/test/kit/emulators';
import { fixed, percentile, table, verdict } from './stats';

setLogLevel('silent');
const MEETING = 'meeting-cardio-101';
const BATCH = 'batch-cardio-2026';
const GOAL_P95_MS = 1_500;
const SIZES = (process.env.PARTICIPANTS ?? '100,250,500').split(',').map(Number);
const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':') as [string, string];

interface Participant {
  app: FirebaseApp;
  seen: Map<string, number>;
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

function join(uid: string, i: number): Promise<Participant> {
  const app = initializeApp({ projectId: 'demo-lecturevault', apiKey: 'bench' }, `p${i}`);
  const firestore = getFirestore(app);
  // The emulator takes an unsigned token naming the user: the rules see request.auth.uid = uid.
  connectFirestoreEmulator(firestore, host, Number(port), { mockUserToken: { user_id: uid } });
  const seen = new Map<string, number>();
  return new Promise((resolve, reject) => {
    const stop = onSnapshot(
      doc(firestore, 'recordingStates', MEETING),
      (snap) => {
        const status = snap.exists() ? String(snap.get('status')) : 'none';
        if (!seen.has(status)) seen.set(status, performance.now());
        resolve({ app, seen, stop });
      },
      (error) => reject(new Error(`${uid}: ${error.code}`)),
    );
  });
}

const latencies = (participants: Participant[], status: string, committedAt: number) =>
  participants
    .map((p) => p.seen.get(status))
    .filter((t): t is number => t !== undefined)
    .map((t) => t - committedAt);

async function waitAll(participants: Participant[], status: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (participants.some((p) => !p.seen.has(status)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
}

async function run(count: number): Promise<string[][]> {
  await resetWorld();
  const uids = await seedStudents(count);
  const joinedAt = performance.now();
  const participants = await Promise.all(uids.map(join));
  const joinMs = performance.now() - joinedAt;

  const id = `rec-bench-${count}`;
  const created = await claimAndCreate(
    {
      id,
      meetingId: MEETING,
      roomName: 'cardio-101',
      status: 'starting',
      createdAtMs: Date.now(),
      startedBy: 'u-admin',
      finalized: false,
    },
    'Bench Admin',
  );
  if (!created) throw new Error('the meeting is locked');
  const startAt = performance.now();
  await waitAll(participants, 'starting');
  const start = latencies(participants, 'starting', startAt);

  await applyTransition(id, () => ({ status: 'recording', startedAtMs: Date.now() }), {
    nowMs: Date.now(),
    actor: SYSTEM,
  });
  await applyTransition(id, () => ({ status: 'stopping' }), { nowMs: Date.now(), actor: SYSTEM });
  const stopAt = performance.now();
  await waitAll(participants, 'stopping');
  const stop = latencies(participants, 'stopping', stopAt);

  for (const p of participants) p.stop();
  await Promise.all(participants.map((p) => deleteApp(p.app)));
  const row = (what: string, values: number[]) => [
    `${count}`,
    what,
    `${values.length}/${count}`,
    fixed(percentile(values, 50)),
    fixed(percentile(values, 95)),
    fixed(percentile(values, 99)),
    verdict(values.length === count && percentile(values, 95) <= GOAL_P95_MS),
  ];
  console.log(`  ${count} listeners attached in ${fixed(joinMs / 1000)} s`);
  return [row('Start', start), row('Stop', stop)];
}

async function main(): Promise<void> {
  console.log('Banner latency: the write commits → each participant’s listener sees the status (ms)');
  const rows: string[][] = [['participants', 'change', 'seen', 'p50', 'p95', 'p99', `p95 ≤ ${GOAL_P95_MS} ms`]];
  for (const size of SIZES) {
    try {
      rows.push(...(await run(size)));
    } catch (error) {
      rows.push([`${size}`, 'failed', (error as Error).message, '', '', '', '']);
    }
  }
  console.log(table(rows));
  // What polling cost (recordingState: one invocation; user, meeting, membership, room and the latest
  // recording read on every 2 s poll) against following (one read when the listener attaches, three
  // the rules read then, one per state change; the page's one load on opening).
  const pollsPerHour = 3600 / 2;
  console.log(
    table([
      ['per participant-hour', 'invocations', 'Firestore reads'],
      ['polling every 2 s (before)', `${pollsPerHour}`, `${pollsPerHour * 5}`],
      ['following, one recording (4 changes)', '1', `${5 + 1 + 3 + 4}`],
    ]),
  );
  process.exit(0);
}

void main();
