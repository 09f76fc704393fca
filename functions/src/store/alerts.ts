// alerts: things an admin should know (crashes, limits, heals, storage): raised here, listed and
// marked read in the admin inbox.
import type { Transaction } from 'firebase-admin/firestore';
import { db, isAlreadyExists, isNotFound } from './firebase';
import { indexedQuery } from './indexed-query';

export interface AlertFields {
  kind: string;
  message: string;
  recordingId?: string;
  meetingId?: string;
}

const alerts = () => db().collection('alerts');

function alertDoc(fields: AlertFields, nowMs: number): Record<string, unknown> {
  return { ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), atMs: nowMs, read: false };
}

export async function raiseAlert(fields: AlertFields, nowMs = Date.now()): Promise<void> {
  await alerts().add(alertDoc(fields, nowMs));
}

/**
 * One alert per `key` until an admin has read it: a condition that repeats every 30 s (a broken
 * task queue) must not bury the inbox. False when the alert already stood.
 */
export async function raiseAlertOnce(key: string, fields: AlertFields, nowMs = Date.now()): Promise<boolean> {
  try {
    await alerts().doc(key).create(alertDoc(fields, nowMs));
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

export function alertInTransaction(tx: Transaction, fields: AlertFields, nowMs: number): void {
  tx.create(alerts().doc(), alertDoc(fields, nowMs));
}

export interface AlertView {
  id: string;
  kind: string;
  message: string;
  recordingId: string | null;
  meetingId: string | null;
  atMs: number;
  read: boolean;
}

/** The newest `limit` alerts and the count of unread ones. */
export async function alertPage(limit: number): Promise<{ alerts: AlertView[]; unread: number }> {
  const [page, unread] = await Promise.all([
    indexedQuery(alerts(), { orderBy: [['atMs', 'desc']], limit }).get(),
    indexedQuery(alerts(), { equals: { read: false } })
      .count()
      .get(),
  ]);
  return {
    alerts: page.docs.map((d) => ({
      id: d.id,
      kind: String(d.get('kind') ?? 'unknown'),
      message: String(d.get('message') ?? ''),
      recordingId: (d.get('recordingId') as string | undefined) ?? null,
      meetingId: (d.get('meetingId') as string | undefined) ?? null,
      atMs: Number(d.get('atMs') ?? 0),
      read: d.get('read') === true,
    })),
    unread: unread.data().count,
  };
}

/** Marks the alert read by `uid`; false when there is no such alert. */
export async function setAlertRead(alertId: string, uid: string, nowMs: number): Promise<boolean> {
  try {
    await alerts().doc(alertId).update({ read: true, readAtMs: nowMs, readBy: uid });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
