import assert from 'node:assert/strict';
import { dayOf, entryHash, entryId, GENESIS, link, verifyChain } from '../../../../src/domain/audit/audit-chain';

const DAY = dayOf(Date.UTC(2026, 10, 24, 12));

/** A chain of `n` entries as the store writes them. */
function chain(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const { stored } = link(
      { action: 'watch', outcome: 'ok', uid: `u-${seq}`, atMs: seq },
      { day: DAY, shard: 3, seq, prev },
    );
    out.push(stored);
    prev = stored.hash;
  }
  return out;
}
const verify = (stored: (Record<string, unknown> | null)[], head = stored[stored.length - 1]) =>
  verifyChain({
    day: DAY,
    shard: 3,
    from: 1,
    stored,
    prevHash: GENESIS,
    head: { seq: stored.length, hash: String(head?.hash) },
  }).map((f) => `${f.seq}:${f.problem}`);

describe('the audit hash chain', () => {
  it('names entries by day, shard and position', () => {
    assert.equal(DAY, '2026-11-24');
    assert.equal(entryId(DAY, 3, 12), '2026-11-24_3_0000012');
  });

  it('hashes the same content the same, whatever the order of its fields', () => {
    assert.equal(entryHash({ a: 1, b: 'x' }), entryHash({ b: 'x', a: 1 }));
    assert.notEqual(entryHash({ a: 1, b: 'x' }), entryHash({ a: 1, b: 'y' }));
  });

  it('verifies a clean chain', () => {
    assert.deepEqual(verify(chain(5)), []);
  });

  it('finds an edited entry and a deleted one', () => {
    const entries: (Record<string, unknown> | null)[] = chain(6);
    entries[1] = { ...entries[1], uid: 'u-someone-else' };
    entries[3] = null;
    assert.deepEqual(verify(entries), ['2:edited', '4:missing']);
  });

  it('finds an edit that was re-hashed: the next entry no longer links to it', () => {
    const entries = chain(4);
    const { hash: _hash, ...content } = entries[1]!;
    const forged = { ...content, reason: 'nothing to see' };
    entries[1] = { ...forged, hash: entryHash(forged as never) };
    assert.deepEqual(verify(entries), ['3:broken-link']);
  });

  it('finds a re-hashed last entry through the head, and a deleted last entry', () => {
    const entries = chain(3);
    const head = entries[2];
    const { hash: _hash, ...content } = entries[2]!;
    const forged = { ...content, outcome: 'denied' };
    entries[2] = { ...forged, hash: entryHash(forged as never) };
    assert.deepEqual(verify(entries, head), ['3:head-mismatch']);
    assert.deepEqual(verify([...chain(3).slice(0, 2), null], head), ['3:missing']);
  });

  it('finds an entry moved to another position', () => {
    const entries = chain(3);
    assert.deepEqual(verify([entries[0]!, entries[2]!, entries[2]!]), ['2:edited', '3:broken-link']);
  });

  it('continues a page from the stored hash of the entry before it', () => {
    const entries = chain(5);
    const page = verifyChain({
      day: DAY,
      shard: 3,
      from: 3,
      stored: entries.slice(2),
      prevHash: String(entries[1]!.hash),
    });
    assert.deepEqual(page, []);
    const wrong = verifyChain({ day: DAY, shard: 3, from: 3, stored: entries.slice(2), prevHash: GENESIS });
    assert.deepEqual(
      wrong.map((f) => f.problem),
      ['broken-link'],
    );
  });
});
