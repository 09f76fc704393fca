// The audit log as it is read back: the admin's pages of entries and tallies of repeated
// refusals, and the raw documents the chain verification (services/audit/audit-verification.ts)
// checks link by link. Reads only; store/audit-writer.ts writes.
import { entryId, chainId, AUDIT_SHARDS } from '../domain/audit/audit-chain';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';
import { AUDIT_FILTERS } from './index-catalogue';
import type { AuditCounter, AuditEntry } from '@lecturevault/contract';

const log = () => db().collection('auditLog');
const chains = () => db().collection('auditChains');
const counters = () => db().collection('auditCounters');

export interface AuditQuery {
  recordingId?: string;
  uid?: string;
  action?: string;
  outcome?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
  /** The atMs of the last entry of the previous page. */
  after?: number;
}

function entryOf(doc: FirebaseFirestore.QueryDocumentSnapshot): AuditEntry {
  const text = (field: string) => (doc.get(field) as string | undefined) ?? null;
  return {
    id: doc.id,
    atMs: doc.get('atMs') as number,
    action: String(doc.get('action')),
    outcome: String(doc.get('outcome')),
    uid: text('uid'),
    email: text('email'),
    recordingId: text('recordingId'),
    meetingId: text('meetingId'),
    reason: text('reason'),
    ip: text('ip'),
  };
}

/** A page of the log, newest first, and where the next page starts (null on the last page). */
export async function queryAuditLog(q: AuditQuery): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const query = indexedQuery(log(), {
    equals: Object.fromEntries(AUDIT_FILTERS.map((field) => [field, q[field] || undefined])),
    range: [
      ...(q.fromMs !== undefined ? [['atMs', '>=', q.fromMs] as const] : []),
      ...(q.toMs !== undefined ? [['atMs', '<=', q.toMs] as const] : []),
    ],
    orderBy: [['atMs', 'desc']],
    startAfter: q.after,
    limit: q.limit,
  });
  const page = await query.get();
  const entries = page.docs.map(entryOf);
  const last = page.docs[page.docs.length - 1];
  return { entries, next: page.size === q.limit && last ? (last.get('atMs') as number) : null };
}

/** The most recently seen tallies that counted more than one refusal, newest first. */
export async function recentAuditCounters(limit: number): Promise<AuditCounter[]> {
  const page = await indexedQuery(counters(), { orderBy: [['lastSeenMs', 'desc']], limit }).get();
  return page.docs
    .filter((doc) => Number(doc.get('count')) > 1)
    .map((doc) => {
      const text = (field: string) => (doc.get(field) as string | undefined) ?? null;
      return {
        id: doc.id,
        action: String(doc.get('action')),
        outcome: String(doc.get('outcome')),
        uid: String(doc.get('uid')),
        email: text('email'),
        network: text('network'),
        recordingId: text('recordingId'),
        reason: text('reason'),
        count: Number(doc.get('count')),
        firstSeenMs: Number(doc.get('firstSeenMs')),
        lastSeenMs: Number(doc.get('lastSeenMs')),
        windowMs: Number(doc.get('windowMs')),
      };
    });
}

/** The head of one chain (its last entry's seq and hash), or null for a shard the day never used. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The heads of one day's chains, one per shard, in shard order (AUDIT_SHARDS reads). */
export async function chainHeadsOf(day: string): Promise<(ChainHead | null)[]> {
  const heads = await db().getAll(...Array.from({ length: AUDIT_SHARDS }, (_, s) => chains().doc(chainId(day, s))));
  return heads.map((head) => (head.exists ? { seq: Number(head.get('seq')), hash: String(head.get('hash')) } : null));
}

/** The stored hash of one entry, or null when the entry (or its hash) is missing. */
export async function entryHashOf(day: string, shard: number, seq: number): Promise<string | null> {
  return (
    ((
      await log()
        .doc(entryId(day, shard, seq))
        .get()
    ).get('hash') as string | undefined) ?? null
  );
}

/** The stored entries `from`..`to` of one chain, by id in chain order; null where one is missing. */
export async function chainEntries(
  day: string,
  shard: number,
  from: number,
  to: number,
): Promise<(Record<string, unknown> | null)[]> {
  const refs = Array.from({ length: to - from + 1 }, (_, i) => log().doc(entryId(day, shard, from + i)));
  return (await db().getAll(...refs)).map((doc) => (doc.exists ? doc.data()! : null));
}
