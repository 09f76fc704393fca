// The Audit section's integrity panel: verification page by page, and the tallies in words.
import assert from 'node:assert/strict';
import type { AuditCounter, AuditVerification } from '../../../src/api/admin-api';
import {
  counterText,
  createAuditIntegrityModel,
  findingText,
  verificationText,
} from '../../../src/features/audit/audit-integrity-model';

const finding = (seq: number, problem: 'edited' | 'missing') => ({
  entryId: `2026-11-24_2_${String(seq).padStart(7, '0')}`,
  day: '2026-11-24',
  shard: 2,
  seq,
  problem,
  detail: '',
});
const tally: AuditCounter = {
  id: 'c1',
  action: 'key',
  outcome: 'denied',
  uid: 'anonymous',
  email: null,
  network: '203.0.113.x',
  recordingId: null,
  reason: 'unauthenticated (session abc)',
  count: 20,
  firstSeenMs: 1,
  lastSeenMs: 2,
  windowMs: 600_000,
};

describe('the audit integrity panel', () => {
  it('says when a day has no entries, rather than "0 entries verified"', () => {
    const base = { day: '2026-11-24', reads: 1, findings: [], more: false };
    assert.equal(
      verificationText({ ...base, checked: 0 }),
      'Audit log of 2026-11-24: no entries that day, so nothing to verify.',
    );
    assert.match(verificationText({ ...base, checked: 3 }), /3 entries verified, no broken link\.$/);
    assert.match(verificationText({ ...base, checked: 0, more: true }), /so far/);
  });

  it('says what each tally counted', () => {
    assert.equal(counterText(tally), 'anonymous key denied from 203.0.113.x: 20 in 10 min');
    assert.equal(
      counterText({
        ...tally,
        uid: 'u-s1',
        email: 's******1@x.dev',
        network: null,
        action: 'watch',
        recordingId: 'r1',
        reason: 'no-access',
        count: 5,
      }),
      's******1@x.dev watch denied (r1, no-access): 5 in 10 min',
    );
  });

  it('names the broken link', () => {
    assert.equal(
      findingText(finding(4, 'missing')),
      'Entry 2026-11-24_2_0000004 (day 2026-11-24, shard 2, #4): entry deleted (its successor names it as predecessor)',
    );
    assert.match(findingText(finding(2, 'edited')), /#2\): content edited$/);
  });

  it('verifies page by page, adding up what each page checked and found', async () => {
    const pages: AuditVerification[] = [
      {
        day: '2026-11-24',
        ok: false,
        checked: 2000,
        reads: 2008,
        findings: [finding(2, 'edited')],
        next: { shard: 3, seq: 10 },
      },
      { day: '2026-11-24', ok: false, checked: 500, reads: 501, findings: [finding(4, 'missing')], next: null },
    ];
    const asked: unknown[] = [];
    const model = createAuditIntegrityModel({
      auditCounters: async () => [tally],
      verifyAudit: async (body) => (asked.push(body), pages.shift()!),
    });
    await model.verify('2026-11-24');
    assert.equal(model.verification.value?.more, true);
    await model.continueVerify();
    assert.deepEqual(asked, [{ day: '2026-11-24' }, { day: '2026-11-24', from: { shard: 3, seq: 10 } }]);
    const done = model.verification.value!;
    assert.equal(done.checked, 2500);
    assert.equal(done.reads, 2509);
    assert.deepEqual(
      done.findings.map((f) => f.problem),
      ['edited', 'missing'],
    );
    assert.equal(done.more, false);
    assert.deepEqual(model.counters.value, [tally]);
  });

  it('shows a failure as an error, not a result', async () => {
    const model = createAuditIntegrityModel({
      auditCounters: async () => [],
      verifyAudit: async () => {
        throw new Error('offline');
      },
    });
    await model.verify('');
    assert.equal(model.verification.value, null);
    assert.ok(model.error.value);
  });
});
