// Writing the audit log. auditLog: who (uid, masked email), when, where (IP, user agent), what,
// outcome, each entry a link of a hash chain (auditChains/{day}_{shard} holds each chain's head);
// auditCounters: refusals counted per kind and window instead of stored one by one. Never tokens,
// keys or full emails: the email is masked before it is stored. The admin's reads are in
// store/audit-readers.ts, the chain verification in services/audit/audit-verification.ts.
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { AUDIT_SHARDS, chainId, dayOf, GENESIS, link, type AuditContent } from '../domain/audit/audit-chain';
import { FLOOD_WINDOW_MS, floodKind } from '../domain/audit/audit-floods';
import { USER_AGENT_MAX } from '../domain/http/client-ip';
import { maskEmail, type Caller } from '../domain/access/caller';
import { db, isAlreadyExists } from './firebase';

const log = () => db().collection('auditLog');
const chains = () => db().collection('auditChains');
const counters = () => db().collection('auditCounters');

export interface AuditFields {
  action: string;
  outcome: 'ok' | 'denied' | 'refused' | 'error';
  meetingId?: string;
  recordingId?: string;
  reason?: string;
}

function contentOf(actor: Caller, fields: AuditFields, nowMs: number): AuditContent {
  return Object.fromEntries(
    Object.entries({
      ...fields,
      uid: actor.uid,
      email: actor.email ? maskEmail(actor.email) : undefined,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, USER_AGENT_MAX),
      atMs: nowMs,
    }).filter(([, v]) => v !== undefined),
  ) as AuditContent;
}

/** A place reserved in one of today's chains: read in a transaction's read phase, written in its write phase. */
export interface AuditSlot {
  write(actor: Caller, fields: AuditFields): string;
}

/**
 * Reads a chain's head (a random shard of the day's: see AUDIT_SHARDS) for the entries the
 * transaction will write: each `write` links one more entry after the last, and `close` moves the
 * head past them (once: a document is written at most once per commit).
 */
async function reserveRun(
  tx: Transaction,
  day: string,
): Promise<{ write(actor: Caller, fields: AuditFields, atMs: number): string; close(atMs: number): void }> {
  const shard = Math.floor(Math.random() * AUDIT_SHARDS);
  const headRef = chains().doc(chainId(day, shard));
  const head = await tx.get(headRef);
  let seq = (head.get('seq') as number | undefined) ?? 0;
  let prev = (head.get('hash') as string | undefined) ?? GENESIS;
  return {
    write(actor, fields, atMs) {
      seq++;
      const { id, stored } = link(contentOf(actor, fields, atMs), { day, shard, seq, prev });
      tx.create(log().doc(id), stored);
      prev = stored.hash;
      return id;
    },
    close(atMs) {
      tx.set(headRef, { day, shard, seq, hash: prev, updatedAtMs: atMs });
    },
  };
}

/** Reads a chain's head for one entry the transaction will write. */
export async function reserveAudit(tx: Transaction, nowMs: number): Promise<AuditSlot> {
  const run = await reserveRun(tx, dayOf(nowMs));
  return {
    write(actor, fields) {
      const id = run.write(actor, fields, nowMs);
      run.close(nowMs);
      return id;
    },
  };
}

/**
 * Entries are appended in groups: the writers of one instance that arrive while a transaction is
 * in flight join the next one, which links them all after one read of a head (at most 200: a
 * commit takes 500 writes). A burst of 300 viewers is then a handful of transactions on the
 * chain heads instead of 300 queued behind 8 locks, and every entry is still linked and committed
 * before its request answers.
 */
const GROUP_MAX = 200;
interface Pending {
  actor: Caller;
  fields: AuditFields;
  atMs: number;
  done: (error: unknown, id?: string) => void;
}
const pendingByDay = new Map<string, Pending[]>();

/** Appends one entry (in the next group of this instance); its id once committed. */
function appendAudit(actor: Caller, fields: AuditFields, nowMs: number): Promise<string> {
  const day = dayOf(nowMs);
  return new Promise<string>((resolve, reject) => {
    const queue = pendingByDay.get(day);
    const entry = { actor, fields, atMs: nowMs, done: (e: unknown, id?: string) => (e ? reject(e) : resolve(id!)) };
    if (queue) {
      queue.push(entry); // a flush of this day is running: the next group takes it
      return;
    }
    pendingByDay.set(day, [entry]);
    void flushDay(day);
  });
}

async function flushDay(day: string): Promise<void> {
  const queue = pendingByDay.get(day)!;
  while (queue.length) {
    const group = queue.splice(0, GROUP_MAX);
    try {
      const ids = await db().runTransaction(async (tx) => {
        const run = await reserveRun(tx, day);
        const written = group.map((p) => run.write(p.actor, p.fields, p.atMs));
        run.close(Math.max(...group.map((p) => p.atMs)));
        return written;
      });
      group.forEach((p, i) => p.done(undefined, ids[i]));
    } catch (error) {
      group.forEach((p) => p.done(error));
    }
  }
  pendingByDay.delete(day);
}

/**
 * Appends an entry, or counts it: a refusal (denied, refused, error) is an entry the first time
 * its kind is seen in a window (domain/audit/audit-floods.ts) and only a count after that.
 */
export async function writeAudit(actor: Caller, fields: AuditFields, nowMs = Date.now()): Promise<void> {
  const kind = floodKind({ ...fields, uid: actor.uid, ip: actor.ip }, nowMs);
  if (!kind) {
    await appendAudit(actor, fields, nowMs);
    return;
  }
  const counter = counters().doc(kind.counterId);
  const repeat = { count: FieldValue.increment(1), lastSeenMs: nowMs };
  // A plain increment for repeats: a flood on one counter must not queue behind a transaction's lock.
  if ((await counter.get()).exists) {
    await counter.update(repeat);
    return;
  }
  // The first sighting: create() lets exactly one of a burst (20 starts of one meeting at once, in
  // as many instances) win without a lock; the others count. The winner's counter holds what was
  // refused itself, so the entry appended after it only adds the chain's link (entryId).
  const { atMs: _atMs, userAgent: _userAgent, ...what } = contentOf(actor, fields, nowMs);
  try {
    await counter.create({
      ...what,
      network: kind.network,
      windowStartMs: kind.windowStartMs,
      windowMs: FLOOD_WINDOW_MS,
      count: 1,
      firstSeenMs: nowMs,
      lastSeenMs: nowMs,
    });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    await counter.update(repeat);
    return;
  }
  await counter.update({ entryId: await appendAudit(actor, fields, nowMs) });
}
