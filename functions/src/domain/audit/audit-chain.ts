// The audit log's hash chains: which chain an entry joins, its hash over its content and its
// predecessor's hash, and the verification that names the first broken link. Pure: the store
// reads and writes, this module only computes. Design and costs: docs/audit-log.md.
import type { AuditProblem as ChainProblem } from '@lecturevault/contract';
import { createHash } from 'node:crypto';

/**
 * Chains per day. Every entry rewrites its chain's head document in the same transaction, and one
 * document takes about one sustained write a second, so a single chain would cap the whole log
 * there; N shards take N. Floods never reach the chains (they are counted), so 8 is ample.
 */
export const AUDIT_SHARDS = 8;
/** The predecessor of a chain's first entry. */
export const GENESIS = '0'.repeat(64);

export type AuditValue = string | number | boolean | null;
export type AuditContent = Readonly<Record<string, AuditValue>>;

/** The UTC day of an instant, YYYY-MM-DD: each day's chains start afresh, so a day verifies alone. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const chainId = (day: string, shard: number): string => `${day}_${shard}`;
/** Entry ids sort by chain and position, and name both: a gap is visible in the id alone. */
export const entryId = (day: string, shard: number, seq: number): string =>
  `${chainId(day, shard)}_${String(seq).padStart(7, '0')}`;

/** Keys sorted, so the same content always hashes the same, whatever order Firestore returns. */
function canonical(content: AuditContent): string {
  return JSON.stringify(content, Object.keys(content).sort());
}

/** The hash of an entry: its content (which names its chain, position and predecessor's hash). */
export function entryHash(content: AuditContent): string {
  return createHash('sha256').update(canonical(content)).digest('hex');
}

/** The fields an entry joins its chain with, and the chain's new head. */
export function link(
  content: AuditContent,
  position: { day: string; shard: number; seq: number; prev: string },
): { id: string; stored: AuditContent & { hash: string } } {
  const linked = { ...content, day: position.day, shard: position.shard, seq: position.seq, prev: position.prev };
  return { id: entryId(position.day, position.shard, position.seq), stored: { ...linked, hash: entryHash(linked) } };
}

export type { ChainProblem };

export interface ChainFinding {
  entryId: string;
  day: string;
  shard: number;
  seq: number;
  problem: ChainProblem;
  detail: string;
}

/**
 * Checks entries `from..to` of one chain. `stored[i]` is entry `from + i` as read (null: no such
 * document); `prevHash` is the stored hash of entry `from - 1` (GENESIS for the first); `head` is
 * given when `to` is the chain's last entry. Every finding is reported, in chain order.
 */
export function verifyChain(input: {
  day: string;
  shard: number;
  from: number;
  stored: readonly (Record<string, unknown> | null)[];
  prevHash: string | null;
  head?: { seq: number; hash: string };
}): ChainFinding[] {
  const { day, shard } = input;
  const findings: ChainFinding[] = [];
  const found = (seq: number, problem: ChainProblem, detail: string) =>
    findings.push({ entryId: entryId(day, shard, seq), day, shard, seq, problem, detail });
  let expectedPrev = input.prevHash;
  input.stored.forEach((doc, i) => {
    const seq = input.from + i;
    if (!doc) {
      found(seq, 'missing', `entry ${seq} was deleted: entry ${seq + 1} names it as its predecessor`);
      expectedPrev = null;
      return;
    }
    const { hash, ...content } = doc;
    const edited = hash !== entryHash(content as AuditContent) || content.seq !== seq || content.day !== day;
    if (edited) found(seq, 'edited', `the content of entry ${seq} no longer matches its hash`);
    else if (expectedPrev !== null && content.prev !== expectedPrev)
      found(seq, 'broken-link', `entry ${seq - 1} was changed and re-hashed: entry ${seq} no longer links to it`);
    expectedPrev = typeof hash === 'string' ? hash : null;
  });
  const head = input.head;
  const last = input.stored[input.stored.length - 1];
  if (head && last && last.hash !== head.hash && !findings.some((f) => f.seq === head.seq))
    found(head.seq, 'head-mismatch', `entry ${head.seq} is not the entry the chain's head recorded`);
  return findings;
}
