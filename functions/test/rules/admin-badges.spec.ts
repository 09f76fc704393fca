// firestore.rules for adminBadges/alerts, the unread-alerts count the admins' navigation badge
// follows: admins (the role read from users/, never from token claims) get it, nobody lists or
// writes it. Each denial is an attack by a client SDK that must fail; the grant is the admin's badge.
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

const BADGE = 'adminBadges/alerts';

const WORLD: Record<string, Record<string, unknown>> = {
  'users/u-admin': { role: 'admin', name: 'Ada Admin' },
  'users/u-teacher1': { role: 'teacher', name: 'Meredith Grey' },
  'users/u-student1': { role: 'student', name: 'Sam Patel' },
  [BADGE]: { unread: 3, countedAtMs: 1, updatedAtMs: 1 },
  // Not a badge the app knows: the rule names the one document, not the collection.
  'adminBadges/other': { unread: 9, updatedAtMs: 1 },
};

type Who = 'signed out' | 'u-admin' | 'u-teacher1' | 'u-student1' | 'u-nobody';
const EVERYONE: Who[] = ['signed out', 'u-admin', 'u-teacher1', 'u-student1', 'u-nobody'];

describe('firestore.rules: adminBadges/alerts', function () {
  this.timeout(30_000);
  let env: RulesTestEnvironment;
  const clientOf = (who: Who) => clientAs(env, who);

  before(async () => {
    env = await rulesEnvironment('demo-lecturevault-rules-badges');
  });
  after(() => env.cleanup());

  beforeEach(() => seedWorld(env, WORLD));

  for (const who of EVERYONE) {
    const may = who === 'u-admin';
    it(`${who} ${may ? 'reads' : 'may not read'} the badge; nobody writes or lists it`, async () => {
      const db = clientOf(who);
      const badge = doc(db, BADGE);
      if (may) assert.equal((await assertSucceeds(getDoc(badge))).get('unread'), 3);
      else await assertFails(getDoc(badge));
      await assertFails(getDocs(collection(db, 'adminBadges')));
      await assertFails(getDoc(doc(db, 'adminBadges/other')));
      await assertFails(setDoc(badge, { unread: 0, updatedAtMs: 2 }));
      await assertFails(updateDoc(badge, { unread: 0 }));
      await assertFails(deleteDoc(badge));
      await assertFails(setDoc(doc(db, 'adminBadges/new'), { unread: 0 }));
    });
  }

  it('a token claiming admin is not an admin: the role is read from users/', async () => {
    for (const uid of ['u-student1', 'u-nobody']) {
      const forged = env.authenticatedContext(uid, { role: 'admin', admin: true }).firestore();
      await assertFails(getDoc(doc(forged, BADGE)));
      await assertFails(setDoc(doc(forged, BADGE), { unread: 0, updatedAtMs: 2 }));
    }
  });

  it('an admin demoted to student can no longer read, and their open listener is cut', async () => {
    const db = clientOf('u-admin');
    const badge = doc(db, BADGE);
    await assertSucceeds(getDoc(badge));
    const seen: number[] = [];
    let failed: ((code: string) => void) | null = null;
    const cut = new Promise<string>((resolve) => (failed = resolve));
    let opened: (() => void) | null = null;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const stop = onSnapshot(
      badge,
      (snap) => {
        seen.push(Number(snap.get('unread')));
        opened?.();
      },
      (error) => failed?.(error.code),
    );
    await open; // the listener has its first snapshot: it is open
    await env.withSecurityRulesDisabled(async (ctx) => {
      await updateDoc(doc(ctx.firestore(), 'users/u-admin'), { role: 'student' });
      // The next change of the badge re-checks the listener against the rules.
      await updateDoc(doc(ctx.firestore(), BADGE), { unread: 4, updatedAtMs: 2 });
    });
    const code = await Promise.race([cut, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
    stop();
    assert.equal(code, 'permission-denied');
    assert.deepEqual(seen, [3], 'the demoted admin never saw the new count');
    await assertFails(getDoc(badge));
  });
});
