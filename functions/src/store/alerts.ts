// alerts: things an admin should know (crashes, limits, heals, storage): raised here, listed and
// marked read in the admin inbox. Also the one writer of adminBadges/alerts, the unread count the
// navigation badge follows (onSnapshot) instead of polling: it moves in the same batch or
// transaction as every alert raised (+1) and every unread alert marked read (-1), so it cannot drift
// from the alerts. Nothing deletes alerts. firestore.rules let admins (and only them) read it.
import { FieldValue, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { db, isAlreadyExists } from './firebase';
import { indexedQuery } from './indexed-query';

export interface AlertFields {
  kind: string;
  message: string;
  recordingId?: string;
  meetingId?: string;
  /** The person the alert is about (a student asking for access), for the console to act on. */
  personUid?: string;
}

const alerts = () => db().collection('alerts');
const unreadAlerts = () => indexedQuery(alerts(), { equals: { read: false } });
/** One document for every admin: an alert's read state is shared by all admins (docs/api-contract.md). */
export const alertsBadgeRef = () => db().doc('adminBadges/alerts');

/**
 * The badge's share of a write that raises (+1) or reads (-1) an alert. A merge with an increment:
 * it never reads the badge, so concurrent raises do not contend for it, and it cannot fail when the
 * document does not exist yet (it is then created without `countedAtMs`: see countAlertsIfNeverCounted).
 */
function badgeMove(by: 1 | -1, nowMs: number): Record<string, unknown> {
  return { unread: FieldValue.increment(by), updatedAtMs: nowMs };
}
const countRaised = (writer: WriteBatch, nowMs: number) =>
  writer.set(alertsBadgeRef(), badgeMove(1, nowMs), { merge: true });

function alertDoc(fields: AlertFields, nowMs: number): Record<string, unknown> {
  return { ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), atMs: nowMs, read: false };
}

export async function raiseAlert(fields: AlertFields, nowMs = Date.now()): Promise<void> {
  const batch = db().batch();
  batch.create(alerts().doc(), alertDoc(fields, nowMs));
  countRaised(batch, nowMs);
  await batch.commit();
}

/**
 * One alert per `key` until an admin has read it: a condition that repeats every 30 s (a broken
 * task queue) must not bury the inbox. False when the alert already stood.
 */
export async function raiseAlertOnce(key: string, fields: AlertFields, nowMs = Date.now()): Promise<boolean> {
  // One batch: when the alert already stands, its create fails and the count is not moved either.
  const batch = db().batch();
  batch.create(alerts().doc(key), alertDoc(fields, nowMs));
  countRaised(batch, nowMs);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/**
 * One alert per `key` while it stands unread: a request that repeats (a student asking again for
 * the same recording) adds nothing until an admin has read the alert it raised; after that, a new
 * one may be raised. openAlerts/{key} names the alert the key last raised. One transaction, so two
 * requests at the same moment raise one alert. False when the key's alert still stood unread.
 */
export async function raiseAlertUntilRead(key: string, fields: AlertFields, nowMs = Date.now()): Promise<boolean> {
  const keyRef = db().collection('openAlerts').doc(key);
  return db().runTransaction(async (tx) => {
    const lastId = (await tx.get(keyRef)).get('alertId') as string | undefined;
    if (lastId && (await tx.get(alerts().doc(lastId))).get('read') === false) return false;
    const alert = alerts().doc();
    tx.create(alert, alertDoc(fields, nowMs));
    tx.set(alertsBadgeRef(), badgeMove(1, nowMs), { merge: true });
    tx.set(keyRef, { alertId: alert.id, atMs: nowMs });
    return true;
  });
}

export function alertInTransaction(tx: Transaction, fields: AlertFields, nowMs: number): void {
  tx.create(alerts().doc(), alertDoc(fields, nowMs));
  tx.set(alertsBadgeRef(), badgeMove(1, nowMs), { merge: true });
}

export interface AlertView {
  id: string;
  kind: string;
  message: string;
  recordingId: string | null;
  meetingId: string | null;
  personUid: string | null;
  atMs: number;
  read: boolean;
}

/**
 * Sets the badge from the alerts themselves, once: the first time the inbox is read after the badge
 * came to be (alerts raised before it existed are counted then). One transaction that reads the
 * badge, so a raise or read at the same moment (each writes the badge) is serialised with it.
 * `countedAtMs` marks a badge whose count is exact; the web app asks the API until it is set.
 */
export async function countAlertsIfNeverCounted(nowMs = Date.now()): Promise<void> {
  await db().runTransaction(async (tx) => {
    const badge = await tx.get(alertsBadgeRef());
    if (typeof badge.get('countedAtMs') === 'number') return;
    const unread = (await tx.get(unreadAlerts().count())).data().count;
    tx.set(alertsBadgeRef(), { unread, countedAtMs: nowMs, updatedAtMs: nowMs });
  });
}

/** The newest `limit` alerts and the count of unread ones. */
export async function alertPage(limit: number): Promise<{ alerts: AlertView[]; unread: number }> {
  await countAlertsIfNeverCounted();
  const [page, unread] = await Promise.all([
    indexedQuery(alerts(), { orderBy: [['atMs', 'desc']], limit }).get(),
    unreadAlerts().count().get(),
  ]);
  return {
    alerts: page.docs.map((d) => ({
      id: d.id,
      kind: String(d.get('kind') ?? 'unknown'),
      message: String(d.get('message') ?? ''),
      recordingId: (d.get('recordingId') as string | undefined) ?? null,
      meetingId: (d.get('meetingId') as string | undefined) ?? null,
      personUid: (d.get('personUid') as string | undefined) ?? null,
      atMs: Number(d.get('atMs') ?? 0),
      read: d.get('read') === true,
    })),
    unread: unread.data().count,
  };
}

/**
 * Marks the alert read by `uid`; false when there is no such alert. Only an unread alert moves the
 * badge (and records its reader): a second mark, even at the same moment, finds it read and changes
 * nothing, so two admins clearing the same alert take one off the count.
 */
export async function setAlertRead(alertId: string, uid: string, nowMs: number): Promise<boolean> {
  return db().runTransaction(async (tx) => {
    const alert = await tx.get(alerts().doc(alertId));
    if (!alert.exists) return false;
    if (alert.get('read') === true) return true;
    tx.update(alert.ref, { read: true, readAtMs: nowMs, readBy: uid });
    // The badge counts what the inbox counts: alerts whose `read` is false.
    if (alert.get('read') === false) tx.set(alertsBadgeRef(), badgeMove(-1, nowMs), { merge: true });
    return true;
  });
}
