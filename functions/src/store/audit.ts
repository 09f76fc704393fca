// auditLog: who (uid, masked email), when, where (IP, user agent), what, outcome; and the
// admin's query over it. Never tokens, keys or full emails: the email is masked before it is stored.
import type { Transaction } from 'firebase-admin/firestore';
import { maskEmail } from '../domain/mask';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';
import { AUDIT_FILTERS } from './index-catalogue';

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
  await db()
    .collection('auditLog')
    .add(entry(actor, fields, nowMs));
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

/** An entry as the admin reads it (fields a writer left out are null). */
export interface AuditEntry {
  id: string;
  atMs: number;
  action: string;
  outcome: string;
  uid: string | null;
  email: string | null;
  recordingId: string | null;
  meetingId: string | null;
  reason: string | null;
  ip: string | null;
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
  const query = indexedQuery(db().collection('auditLog'), {
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
