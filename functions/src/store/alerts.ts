// alerts: things an admin should know (crashes, limits, heals, storage), shown in the admin inbox.
import type { Transaction } from 'firebase-admin/firestore';
import { db } from './firebase';

export interface AlertFields {
  kind: string;
  message: string;
  recordingId?: string;
  meetingId?: string;
}

function alertDoc(fields: AlertFields, nowMs: number): Record<string, unknown> {
  return { ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), atMs: nowMs, read: false };
}

export async function raiseAlert(fields: AlertFields, nowMs = Date.now()): Promise<void> {
  await db().collection('alerts').add(alertDoc(fields, nowMs));
}

export function alertInTransaction(tx: Transaction, fields: AlertFields, nowMs: number): void {
  tx.create(db().collection('alerts').doc(), alertDoc(fields, nowMs));
}
