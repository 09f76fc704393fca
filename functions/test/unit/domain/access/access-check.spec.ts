import assert from 'node:assert/strict';
import { checkAccess, checkDownload, type AccessFacts } from '../../../../src/domain/access/access-check';

const NOW = Date.UTC(2026, 10, 24);
const DAY = 86_400_000;
const base: AccessFacts = {
  user: { uid: 'u-student1', role: 'student' },
  recording: { meetingId: 'm1', status: 'ready', createdAtMs: NOW - 2 * DAY, endedAtMs: NOW - DAY },
  meeting: { teacherUid: 'u-teacher1', batchId: 'b1', teacherCanDownload: false },
  granted: false,
  revoked: false,
  batchMember: true,
  retentionDays: 90,
  nowMs: NOW,
};
const facts = (patch: Partial<AccessFacts>): AccessFacts => ({ ...base, ...patch });
const decide = (patch: Partial<AccessFacts>) => {
  const d = checkAccess(facts(patch));
  return d.allow ? `allow:${d.via}` : `deny:${d.why}`;
};

describe('the access check', () => {
  it('follows the eight steps in order', () => {
    assert.equal(decide({ user: null }), 'deny:signed-out');
    assert.equal(decide({ user: { uid: 'u-admin', role: 'admin' }, batchMember: false, revoked: true }), 'allow:admin');
    assert.equal(decide({ user: { uid: 'u-teacher1', role: 'teacher' }, batchMember: false }), 'allow:teacher');
    assert.equal(decide({ user: { uid: 'u-teacher2', role: 'teacher' }, batchMember: false }), 'deny:no-access');
    assert.equal(decide({ recording: { ...base.recording!, expiresAtMs: NOW - 1 } }), 'deny:expired');
    assert.equal(decide({ recording: { ...base.recording!, endedAtMs: NOW - 91 * DAY } }), 'deny:expired');
    assert.equal(decide({ revoked: true, granted: true }), 'deny:revoked');
    assert.equal(decide({ granted: true, batchMember: false }), 'allow:grant');
    assert.equal(decide({}), 'allow:batch');
    assert.equal(decide({ batchMember: false }), 'deny:no-access');
  });

  it('a meeting without a batch: admins, its teacher and explicit grants only', () => {
    const noBatch = { ...base.meeting!, batchId: null };
    assert.equal(decide({ meeting: noBatch, batchMember: true }), 'deny:no-access');
    assert.equal(decide({ meeting: noBatch, granted: true }), 'allow:grant');
  });

  it('hides short, failed, running and deleted recordings from students', () => {
    assert.equal(
      decide({ recording: { ...base.recording!, status: 'incomplete', hidden: true } }),
      'deny:not-playable',
    );
    assert.equal(
      decide({
        recording: { ...base.recording!, status: 'incomplete', hidden: true },
        user: { uid: 'u-admin', role: 'admin' },
      }),
      'deny:not-playable',
    );
    assert.equal(
      decide({ recording: { ...base.recording!, status: 'failed' }, user: { uid: 'u-admin', role: 'admin' } }),
      'deny:not-playable',
    );
    assert.equal(decide({ recording: { ...base.recording!, status: 'incomplete', hidden: false } }), 'allow:batch');
    assert.equal(decide({ recording: { ...base.recording!, status: 'recording' } }), 'deny:not-playable');
    assert.equal(
      decide({ recording: { ...base.recording!, status: 'recording' }, user: { uid: 'u-teacher1', role: 'teacher' } }),
      'allow:teacher',
    );
    assert.equal(decide({ recording: { ...base.recording!, deletingAtMs: NOW } }), 'deny:not-found');
    assert.equal(decide({ recording: null }), 'deny:not-found');
  });

  it('download: admin always, teacher when allowed, students never', () => {
    const dl = (patch: Partial<AccessFacts>) => checkDownload(facts(patch)).allow;
    assert.equal(dl({ user: { uid: 'u-admin', role: 'admin' } }), true);
    assert.equal(dl({ user: { uid: 'u-teacher1', role: 'teacher' } }), false);
    assert.equal(
      dl({ user: { uid: 'u-teacher1', role: 'teacher' }, meeting: { ...base.meeting!, teacherCanDownload: true } }),
      true,
    );
    assert.equal(dl({ granted: true }), false);
  });
});
