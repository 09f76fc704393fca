// firestore.rules: every collection is server-only (recordingStates/, which those who may see
// the meeting read, and adminBadges/alerts, which admins read, have their own specs). Each case is an attack by a client SDK
// (signed out, a student, even a user whose token claims admin) that must fail.
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, setLogLevel } from 'firebase/firestore';
import { rulesEnvironment, type RulesTestEnvironment } from '../kit/rules';

setLogLevel('silent');

const COLLECTION_DOCS = [
  'users/u-student1',
  'batches/batch-cardio-2026',
  'batches/batch-cardio-2026/members/u-student1',
  'meetings/meeting-cardio-101',
  'recordings/rec-1',
  'recordings/rec-1/segments/00000',
  'grants/rec-1_student6@lecturevault.dev',
  'revocations/rec-1_u-student1',
  'playbackSessions/s-1',
  'auditLog/a-1',
  'auditLog/2026-11-24_0_0000001',
  'auditChains/2026-11-24_0',
  'auditCounters/1764000000000_key_0123456789abcdef0123',
  'alerts/al-1',
  'settings/global',
  'usage/total',
  'usage/total/shards/0',
  'webhookEvents/EV_1',
  'locks/meeting-cardio-101',
  // Readable by those who may see the meeting (recording-states.spec.ts): none of these clients.
  'recordingStates/meeting-cardio-101',
  // Readable by admins with an admin profile (admin-badges.spec.ts): none of these clients.
  'adminBadges/alerts',
  'rateLimits/u-student1_rec-1',
  'downloadTickets/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  // A student forging their own watched time or consent answer, or reading or queuing mail.
  'viewing/rec-1_u-student1',
  'consentLedger/rec-1_0123456789abcdef0123456789abcdef',
  'mail/m-1',
  // A codeword's seed and who holds it: even an admin's client must not read (or forge) a mark.
  'forensicMarks/m-1',
  // Captions are lecture content (read through the API's access check) and versioned: a student
  // reading a transcript they may not watch, or rewriting a reviewed caption, must fail.
  'recordings/rec-1/captions/en',
  'recordings/rec-1/captions/en/versions/1',
  'recordings/rec-1/captionTiming/segment0',
  'transcriptIndex/rec-1_en',
];

describe('firestore.rules: clients can neither read nor write anything', () => {
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnvironment('demo-lecturevault-rules');
  });
  after(() => env.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      for (const p of COLLECTION_DOCS) await setDoc(doc(ctx.firestore(), p), { seeded: true });
    });
  });

  it('the seeded documents exist (so a denial below is the rules, not a missing doc)', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      for (const p of COLLECTION_DOCS) await assertSucceeds(getDoc(doc(ctx.firestore(), p)));
      const snap = await getDoc(doc(ctx.firestore(), 'recordings/rec-1'));
      if (!snap.exists()) throw new Error('seed missing');
    });
  });

  const clients = [
    ['signed out', (e: RulesTestEnvironment) => e.unauthenticatedContext()],
    [
      'a student',
      (e: RulesTestEnvironment) => e.authenticatedContext('u-student1', { email: 'student1@lecturevault.dev' }),
    ],
    [
      'a token claiming admin',
      (e: RulesTestEnvironment) => e.authenticatedContext('u-admin', { role: 'admin', admin: true }),
    ],
  ] as const;

  for (const [who, context] of clients) {
    for (const p of COLLECTION_DOCS) {
      it(`${who}: read, list, create, update and delete of ${p} are denied`, async () => {
        const db = context(env).firestore();
        await assertFails(getDoc(doc(db, p)));
        await assertFails(getDocs(collection(db, p.split('/').slice(0, -1).join('/'))));
        await assertFails(setDoc(doc(db, p), { role: 'admin' }));
        await assertFails(setDoc(doc(db, `${p}-new`), { role: 'admin' }));
        await assertFails(deleteDoc(doc(db, p)));
      });
    }
  }
});
