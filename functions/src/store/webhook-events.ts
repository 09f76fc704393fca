// webhookEvents/{id}: the LiveKit event ids already applied. LiveKit retries a delivery with the
// same id, so each event changes our state once: its "seen" mark commits with its effects.
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { db, isAlreadyExists, removeAt, withoutUndefined } from './firebase';

export interface SeenEvent {
  id: string;
  /** The LiveKit event name, e.g. egress_ended. */
  event: string;
  roomName?: string;
  egressId?: string;
}

/** LiveKit retries a delivery for minutes; a week of ids is far more than any retry needs (TTL). */
const KEEP_EVENT_IDS_MS = 7 * 86_400_000;

export const webhookEventRef = (eventId: string) => db().collection('webhookEvents').doc(eventId);

export function markEventSeen(tx: Transaction, event: SeenEvent | undefined, nowMs: number): void {
  if (event)
    tx.create(webhookEventRef(event.id), {
      ...withoutUndefined(event),
      seenAtMs: nowMs,
      at: FieldValue.serverTimestamp(),
      ...removeAt(nowMs + KEEP_EVENT_IDS_MS),
    });
}

/**
 * Two deliveries of the same event racing: both transactions see the event unseen, one commits,
 * the other's create() of the event doc fails with ALREADY_EXISTS (not retried by the runner).
 * That loser is a duplicate, not an error.
 */
export async function concurrentDuplicate<T, D>(
  event: SeenEvent | undefined,
  duplicate: D,
  run: () => Promise<T>,
): Promise<T | D> {
  try {
    return await run();
  } catch (error) {
    if (event && isAlreadyExists(error)) return duplicate;
    throw error;
  }
}

/** True when the event was not seen before; `apply` runs in the same transaction (reads first). */
export async function applyOnce(
  event: SeenEvent,
  nowMs: number,
  apply: (tx: Transaction) => Promise<void> | void,
): Promise<boolean> {
  return concurrentDuplicate(event, false, () =>
    db().runTransaction(async (tx) => {
      if ((await tx.get(webhookEventRef(event.id))).exists) return false;
      await apply(tx);
      markEventSeen(tx, event, nowMs);
      return true;
    }),
  );
}

/** An event that changes nothing of ours (no matching recording or room): only marked seen. */
export const recordEventOnce = (event: SeenEvent, nowMs: number): Promise<boolean> => applyOnce(event, nowMs, () => {});
