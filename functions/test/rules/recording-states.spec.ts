// firestore.rules for recordingStates/{meetingId}, the one document clients may read: exactly those
// who may see the meeting (the directory's rule, canSeeMeeting) read it, nobody lists or writes it.
// Each denial is an attack by a client SDK that must fail; each grant is a participant who must
// see the banner.
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import assert from 'node:assert/strict';
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  onSnapshot,
  setDoc,
  setLogLevel,
  updateDoc,
} from 'firebase/firestore';
import { clientAs, rulesEnvironment, seedWorld, type RulesTestEnvironment } from '../kit/rules';

setLogLevel('silent');

const CARDIO = 'meeting-cardio-101';
const GUEST = 'meeting-ethics-guest';
const BATCH = 'batch-cardio-2026';

const WORLD: Record<string, Record<string, unknown>> = {
  'users/u-admin': { role: 'admin', name: 'Ada Admin', email: 'admin@lecturevault.dev' },
  'users/u-teacher1': { role: 'teacher', name: 'Meredith Grey', email: 'teacher1@lecturevault.dev' },
  'users/u-teacher2': { role: 'teacher', name: 'Derek Shepherd', email: 'teacher2@lecturevault.dev' },
  'users/u-student1': { role: 'student', name: 'Sam Patel', email: 'student1@lecturevault.dev' },
  'users/u-student4': { role: 'student', name: 'Other Batch', email: 'student4@lecturevault.dev' },
  // The profile's email in mixed case: the guest list is keyed by the lowercased one.
  'users/u-student6': { role: 'student', name: 'Granted Guest', email: 'Student6@LectureVault.dev' },
  [`meetings/${CARDIO}`]: { title: 'Cardio 101', batchId: BATCH, teacherUid: 'u-teacher1' },
  [`meetings/${GUEST}`]: { title: 'Guest lecture', batchId: null, teacherUid: 'u-teacher1' },
  [`batches/${BATCH}/members/u-student1`]: { joinedAtMs: 1 },
  // Student 4 belongs to another batch; student 6 holds a grant to one recording of the guest
  // lecture, which makes them its guest (written with the grant, store/access.ts).
  'batches/batch-neuro-2026/members/u-student4': { joinedAtMs: 1 },
  'grants/rec-guest:student6@lecturevault.dev': { recordingId: 'rec-guest', email: 'student6@lecturevault.dev' },
  [`meetings/${GUEST}/guests/student6@lecturevault.dev`]: {
    email: 'student6@lecturevault.dev',
    recordingIds: ['rec-guest'],
  },
  [`recordingStates/${CARDIO}`]: { meetingId: CARDIO, recordingId: 'rec-1', status: 'recording' },
  [`recordingStates/${GUEST}`]: { meetingId: GUEST, recordingId: 'rec-guest', status: 'recording' },
};

type Who =
  'signed out' | 'u-admin' | 'u-teacher1' | 'u-teacher2' | 'u-student1' | 'u-student4' | 'u-student6' | 'u-nobody';
const READERS: Record<string, Who[]> = {
  [CARDIO]: ['u-admin', 'u-teacher1', 'u-student1'],
  [GUEST]: ['u-admin', 'u-teacher1', 'u-student6'],
};
const EVERYONE: Who[] = [
  'signed out',
  'u-admin',
  'u-teacher1',
  'u-teacher2',
  'u-student1',
  'u-student4',
  'u-student6',
  'u-nobody',
];

describe('firestore.rules: recordingStates/{meetingId}', function () {
  this.timeout(30_000);
  let env: RulesTestEnvironment;
  const clientOf = (who: Who) => clientAs(env, who);

  before(async () => {
    env = await rulesEnvironment('demo-lecturevault-rules-states');
  });
  after(() => env.cleanup());

  beforeEach(() => seedWorld(env, WORLD));

  for (const [meetingId, readers] of Object.entries(READERS)) {
    for (const who of EVERYONE) {
      const may = readers.includes(who);
      it(`${meetingId}: ${who} ${may ? 'reads' : 'may not read'} the state; nobody writes or lists it`, async () => {
        const db = clientOf(who);
        const state = doc(db, `recordingStates/${meetingId}`);
        if (may) assert.equal((await assertSucceeds(getDoc(state))).get('status'), 'recording');
        else await assertFails(getDoc(state));
        await assertFails(getDocs(collection(db, 'recordingStates')));
        await assertFails(setDoc(state, { status: 'ready' }));
        await assertFails(updateDoc(state, { status: 'ready' }));
        await assertFails(deleteDoc(state));
        await assertFails(setDoc(doc(db, 'recordingStates/meeting-new'), { status: 'recording' }));
      });
    }
  }

  it('a token claiming admin is not an admin: the role is read from users/', async () => {
    const forged = env.authenticatedContext('u-student4', { role: 'admin', admin: true }).firestore();
    await assertFails(getDoc(doc(forged, `recordingStates/${CARDIO}`)));
  });

  it('a meeting that does not exist: even its would-be state is unreadable, to everyone but nobody', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'recordingStates/meeting-gone'), { status: 'recording' });
    });
    for (const who of EVERYONE) await assertFails(getDoc(doc(clientOf(who), 'recordingStates/meeting-gone')));
  });

  it('a student removed from the batch can no longer read, and their open listener is cut', async () => {
    const db = clientOf('u-student1');
    const state = doc(db, `recordingStates/${CARDIO}`);
    await assertSucceeds(getDoc(state));
    const seen: string[] = [];
    let failed: ((code: string) => void) | null = null;
    const cut = new Promise<string>((resolve) => (failed = resolve));
    const stop = onSnapshot(
      state,
      (snap) => seen.push(String(snap.get('status'))),
      (error) => failed?.(error.code),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await env.withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore(), `batches/${BATCH}/members/u-student1`));
      // The next state change re-checks the listener against the rules.
      await updateDoc(doc(ctx.firestore(), `recordingStates/${CARDIO}`), { status: 'stopping' });
    });
    const code = await Promise.race([cut, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
    stop();
    assert.equal(code, 'permission-denied');
    assert.deepEqual(seen, ['recording'], 'the removed student never saw the change');
    await assertFails(getDoc(state));
  });

  it('a guest whose grant is revoked or withdrawn reads no more (an emptied guest entry)', async () => {
    const guest = doc(clientOf('u-student6'), `recordingStates/${GUEST}`);
    await assertSucceeds(getDoc(guest));
    await env.withSecurityRulesDisabled(async (ctx) => {
      await updateDoc(doc(ctx.firestore(), `meetings/${GUEST}/guests/student6@lecturevault.dev`), { recordingIds: [] });
    });
    await assertFails(getDoc(guest));
  });

  it('the guest entry is matched by the profile’s email, not a token’s claim', async () => {
    // Student 4 presents a token claiming student 6's email: the rules read users/u-student4's.
    const claims = env.authenticatedContext('u-student4', { email: 'student6@lecturevault.dev', email_verified: true });
    await assertFails(getDoc(doc(claims.firestore(), `recordingStates/${GUEST}`)));
    // A profile without an email is no guest of anything.
    await env.withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'users/u-student6'), { role: 'student', name: 'No email' });
    });
    await assertFails(getDoc(doc(clientOf('u-student6'), `recordingStates/${GUEST}`)));
  });

  it('nobody writes a guest list or reads one: only functions do', async () => {
    for (const who of EVERYONE) {
      const db = clientOf(who);
      const entry = doc(db, `meetings/${CARDIO}/guests/student4@lecturevault.dev`);
      await assertFails(setDoc(entry, { email: 'student4@lecturevault.dev', recordingIds: ['rec-1'] }));
      await assertFails(getDoc(doc(db, `meetings/${GUEST}/guests/student6@lecturevault.dev`)));
    }
  });
});
