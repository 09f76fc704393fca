// The audit log's verification: one day's hash chains checked entry by entry by id (no query, so a
// gap is a missing document), with bounded reads per call and a cursor to resume from. The store
// reads (store/audit-readers.ts); the pure chain rules judge (domain/audit/audit-chain.ts).
import { AUDIT_SHARDS, GENESIS, verifyChain, type ChainFinding } from '../../domain/audit/audit-chain';
import { chainEntries, chainHeadsOf, entryHashOf } from '../../store/audit-readers';

/** Where a verification stopped (its read budget ran out): the next entry to check. */
export interface VerifyCursor {
  shard: number;
  seq: number;
}

export interface AuditVerification {
  day: string;
  /** Entries checked by this call. */
  checked: number;
  /** Documents read by this call: the day's chain heads, the entries, one more per resumed chain. */
  reads: number;
  findings: ChainFinding[];
  /** null: the day is verified to its end; else call again from here. */
  next: VerifyCursor | null;
}

/** Entries per getAll: a bounded request, well inside Firestore's limits. */
const READ_PAGE = 300;

/**
 * Verifies one day's chains, entry by entry by id (no query: a gap is a missing document), in
 * chain order, reading at most about `budget` entries; `from` resumes where a previous call stopped.
 */
export async function verifyAuditDay(
  day: string,
  from: VerifyCursor | null,
  budget: number,
): Promise<AuditVerification> {
  const heads = await chainHeadsOf(day);
  const result: AuditVerification = { day, checked: 0, reads: heads.length, findings: [], next: null };
  for (let shard = from?.shard ?? 0; shard < AUDIT_SHARDS; shard++) {
    const head = heads[shard];
    if (!head) continue;
    const last = head.seq;
    let seq = from && shard === from.shard ? from.seq : 1;
    let prevHash: string | null = GENESIS;
    if (seq > 1) {
      prevHash = await entryHashOf(day, shard, seq - 1);
      result.reads++;
    }
    while (seq <= last) {
      if (result.checked >= budget) {
        result.next = { shard, seq };
        return result;
      }
      const to = Math.min(last, seq + Math.min(READ_PAGE, budget - result.checked) - 1);
      const stored = await chainEntries(day, shard, seq, to);
      result.reads += stored.length;
      result.checked += stored.length;
      result.findings.push(
        ...verifyChain({
          day,
          shard,
          from: seq,
          stored,
          prevHash,
          head: to === last ? head : undefined,
        }),
      );
      prevHash = (stored[stored.length - 1]?.hash as string | undefined) ?? null;
      seq = to + 1;
    }
  }
  return result;
}
