// The audit log an attacker can neither flood nor forge, end to end through the API: the client IP
// taken from the proxy chain (not from what the client wrote), anonymous and repeated refusals
// counted instead of stored one by one, and the hash chains' verification finding an entry
// edited and another deleted with the Admin SDK.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { dayOf } from '../../src/domain/audit/audit-chain';
import { verifyAuditDay } from '../../src/services/audit/audit-verification';

// What Google's front end appends to whatever the client sent: `<client-ip>,<load-balancer-ip>`.
const chain = (spoofed: string, client: string) => `${spoofed}, ${client}, 35.191.0.1`;

async function anonymousKey(i: number) {
  const res = await fetch(`${HOSTING_URL}/api/play/sess${String(i).padStart(4, '0')}xyz/key`, {
    headers: { 'x-forwarded-for': chain(`6.6.6.${i}`, `203.0.113.${(i % 5) + 1}`), 'user-agent': 'scanner/1.0' },
  });
  await res.arrayBuffer();
  return res.status;
}

const docs = async (collection: string, field: string, value: string) =>
  (await db().collection(collection).where(field, '==', value).get()).docs;

describe('the audit log', function () {
  this.timeout(120_000);
  let tokens: Record<'admin' | 'student1', string>;
  const verify = (body: unknown, token = tokens.admin) =>
    callApi<Record<string, unknown>>('/audit/verify', { token, method: 'POST', body });

  before(async () => {
    await resetWorld();
    tokens = await tokensFor('admin', 'student1');
  });

  it('counts 20 anonymous key requests from one network in one tally, with the address the proxy saw', async () => {
    for (let i = 0; i < 20; i++) assert.equal(await anonymousKey(i), 401);
    const entries = await docs('auditLog', 'action', 'key');
    const tallies = await docs('auditCounters', 'action', 'key');
    // One entry and one tally (two of each if the 20 straddled a 10-minute window).
    assert.ok(entries.length >= 1 && entries.length <= 2, `${entries.length} entries`);
    assert.ok(tallies.length >= 1 && tallies.length <= 2, `${tallies.length} tallies`);
    assert.equal(
      tallies.reduce((sum, t) => sum + Number(t.get('count')), 0),
      20,
    );
    for (const t of tallies) {
      assert.equal(t.get('uid'), 'anonymous');
      assert.equal(t.get('network'), '203.0.113.x');
    }
    for (const e of entries) {
      assert.match(String(e.get('ip')), /^203\.0\.113\.\d$/, 'the address left of the proxy’s own');
      assert.ok(!JSON.stringify(e.data()).includes('6.6.6.'), 'never the address the client wrote');
      assert.equal(e.get('userAgent'), 'scanner/1.0');
    }

    const seen = await callApi<{ counters: { action: string; network: string | null; count: number }[] }>(
      '/audit/counters',
      { token: tokens.admin },
    );
    assert.equal(seen.status, 200);
    const keyTallies = seen.body.counters.filter((c) => c.action === 'key');
    assert.equal(
      keyTallies.reduce((sum, c) => sum + c.count, 0),
      20,
    );
    assert.ok(keyTallies.every((c) => c.network === '203.0.113.x'));
  });

  it("collapses a signed-in viewer's exact repeats, and keeps each different refusal as an entry", async () => {
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await callApi('/recordings/rec-gone/sessions', { token: tokens.student1, method: 'POST', body: {} })).status,
        403,
      );
    for (const id of ['rec-a', 'rec-b', 'rec-c'])
      assert.equal(
        (await callApi(`/recordings/${id}/sessions`, { token: tokens.student1, method: 'POST', body: {} })).status,
        403,
      );
    const entries = (await docs('auditLog', 'uid', 'u-student1')).map((d) => d.get('recordingId') as string).sort();
    assert.deepEqual(entries, ['rec-a', 'rec-b', 'rec-c', 'rec-gone']);
    const tally = (await docs('auditCounters', 'uid', 'u-student1')).find((d) => d.get('recordingId') === 'rec-gone');
    assert.equal(tally?.get('count'), 5);
    assert.equal(tally?.get('email'), 's******1@lecturevault.dev');
  });

  it('verifies a clean day, then names an entry edited and an entry deleted with the Admin SDK', async () => {
    const clean = await verify({});
    assert.equal(clean.status, 200);
    assert.equal(clean.body.ok, true, JSON.stringify(clean.body.findings));
    assert.equal(clean.body.day, dayOf(Date.now()));
    assert.equal(clean.body.next, null);
    const checked = Number(clean.body.checked);
    assert.ok(checked >= 5, `${checked} entries checked`);
    // Reads: the 8 chain heads and each entry once.
    assert.equal(clean.body.reads, 8 + checked);

    const all = (await db().collection('auditLog').get()).docs.filter((d) => d.get('day') === dayOf(Date.now()));
    const edited = all.find((d) => d.get('recordingId') === 'rec-b')!;
    const deleted = all.find((d) => d.get('recordingId') === 'rec-a')!;
    await edited.ref.update({ reason: 'nothing to see here' });
    await deleted.ref.delete();

    const broken = await verify({});
    assert.equal(broken.status, 200);
    assert.equal(broken.body.ok, false);
    const findings = broken.body.findings as { entryId: string; problem: string; shard: number; day: string }[];
    assert.ok(
      findings.some((f) => f.entryId === edited.id && f.problem === 'edited'),
      JSON.stringify(findings),
    );
    assert.ok(
      findings.some((f) => f.entryId === deleted.id && f.problem === 'missing'),
      JSON.stringify(findings),
    );
    assert.ok(findings.every((f) => f.day === dayOf(Date.now()) && f.shard >= 0 && f.shard < 8));

    // The verification is audited, its outcome in words.
    const audited = (await docs('auditLog', 'action', 'verify-audit')).map((d) => String(d.get('reason')));
    assert.ok(
      audited.some((r) => /intact/.test(r)) && audited.some((r) => /broken, first/.test(r)),
      audited.join(' | '),
    );
  });

  it('resumes a verification from where its read budget ran out, finding the same', async () => {
    const day = dayOf(Date.now());
    const whole = await verifyAuditDay(day, null, 10_000);
    let from = null;
    let checked = 0;
    const found: string[] = [];
    let calls = 0;
    do {
      const page = await verifyAuditDay(day, from, 3);
      assert.ok(page.checked <= 3);
      checked += page.checked;
      found.push(...page.findings.map((f) => `${f.entryId}:${f.problem}`));
      from = page.next;
      calls++;
    } while (from && calls < 100);
    assert.equal(from, null);
    assert.equal(checked, whole.checked);
    assert.deepEqual(
      found,
      whole.findings.map((f) => `${f.entryId}:${f.problem}`),
    );
    assert.ok(calls > 1);
  });

  it('refuses a student (403, audited) and bad input (400), changing nothing', async () => {
    const before = (await db().collection('auditLog').get()).size;
    const student = await verify({}, tokens.student1);
    assert.equal(student.status, 403);
    assert.equal(student.body.error?.code, 'permission-denied');
    assert.equal((await callApi('/audit/counters', { token: tokens.student1 })).status, 403);
    assert.equal((await verify({})).status, 200);
    const denied = await docs('auditLog', 'action', 'verify-audit');
    assert.ok(denied.some((d) => d.get('uid') === 'u-student1' && d.get('outcome') === 'denied'));
    for (const body of [
      { day: 'yesterday' },
      { day: '2026-02-30' },
      { from: { shard: -1, seq: 1 } },
      { from: { shard: 0, seq: 0 } },
      { day: '2026-01-01', extra: true },
    ]) {
      const bad = await verify(body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.error?.code, 'invalid-argument', JSON.stringify(bad.body));
    }
    assert.equal((await verify({})).status, 200);
    // The student's two refusals (verify, and reading the tallies: every admin gate audits its
    // refusals, role-gates.ts) and the admin's two verifications: nothing from the bad requests.
    assert.equal((await db().collection('auditLog').get()).size, before + 4);
    assert.equal((await callApi('/audit/verify', { method: 'POST', body: {} })).status, 401);
  });
});
