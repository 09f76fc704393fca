// auditLog: who (uid, masked email), when, where (IP, user agent), what, outcome.
// Never tokens, keys or full emails: the email is masked before it is stored.
import type { Transaction } from 'firebase-admin/firestore';
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
