// auditLog: who (uid, masked email), when, where (IP, user agent), what, outcome; and the
// admin's query over it. Never tokens, keys or full emails: the email is masked before it is stored.
import type { Query, Transaction } from 'firebase-admin/firestore';
import { maskEmail } from '../domain/mask';
import { db } from './firebase';

/** Who did something: a signed-in person, or the system (webhooks, watchdog, sweep). */
export interface Actor {
  uid: string;
  email?: string;
  ip?: string;
  userAgent?: string;
}

export const SYSTEM: Actor = { uid: 'system' };

export interface AuditFields {
  action: string;
  outcome: 'ok' | 'denied' | 'refused' | 'error';
  meetingId?: string;
  recordingId?: string;
  reason?: string;
}

function entry(actor: Actor, fields: AuditFields, nowMs: number): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      ...fields,
      uid: actor.uid,
      email: actor.email ? maskEmail(actor.email) : undefined,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 300),
      atMs: nowMs,
    }).filter(([, v]) => v !== undefined),
  );
}

export async function writeAudit(actor: Actor, fields: AuditFields, nowMs = Date.now()): Promise<void> {
  await db().collection('auditLog').add(entry(actor, fields, nowMs));
}

export function auditInTransaction(tx: Transaction, actor: Actor, fields: AuditFields, nowMs: number): void {
  tx.create(db().collection('auditLog').doc(), entry(actor, fields, nowMs));
}

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

export type AuditEntry = { id: string } & Record<string, unknown>;

/** A page of the log, newest first, and where the next page starts (null on the last page). */
export async function queryAuditLog(q: AuditQuery): Promise<{ entries: AuditEntry[]; next: number | null }> {
  let query: Query = db().collection('auditLog');
  for (const field of ['recordingId', 'uid', 'action', 'outcome'] as const) if (q[field]) query = query.where(field, '==', q[field]);
  if (q.fromMs !== undefined) query = query.where('atMs', '>=', q.fromMs);
  if (q.toMs !== undefined) query = query.where('atMs', '<=', q.toMs);
  query = query.orderBy('atMs', 'desc');
  if (q.after !== undefined) query = query.startAfter(q.after);
  const page = await query.limit(q.limit).get();
  const entries = page.docs.map((d) => ({ id: d.id, ...d.data() }));
  const last = page.docs[page.docs.length - 1];
  return { entries, next: page.size === q.limit && last ? (last.get('atMs') as number) : null };
}
