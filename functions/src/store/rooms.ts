// rooms/{roomName}: the live state of a LiveKit room (active, who is in it), kept from webhooks.
// Each change commits with its event's "seen" mark, so a redelivered event changes nothing.
import { FieldPath, FieldValue } from 'firebase-admin/firestore';
import { db } from './firebase';
import { applyOnce, type SeenEvent } from './webhook-events';

const roomRef = (roomName: string) => db().collection('rooms').doc(roomName);

export type RoomChange =
  | { kind: 'started' }
  | { kind: 'finished' }
  | { kind: 'joined'; identity: string }
  | { kind: 'left'; identity: string };

/** Identities in the room, in the order they joined. */
export async function participantIdentities(roomName: string): Promise<string[]> {
  const snap = await roomRef(roomName).get();
  const joined = (snap.get('participants') as Record<string, number> | undefined) ?? {};
  return Object.entries(joined)
    .sort(([, a], [, b]) => a - b)
    .map(([identity]) => identity);
}

/** Applies the change (none: only marks the event seen) once; false for an event seen before. */
export async function applyRoomChange(
  event: SeenEvent,
  roomName: string,
  change: RoomChange | null,
  nowMs: number,
): Promise<boolean> {
  const room = roomRef(roomName);
  return applyOnce(event, nowMs, (tx) => {
    switch (change?.kind) {
      case 'started':
        tx.set(room, { active: true, updatedAtMs: nowMs }, { merge: true });
        break;
      case 'finished':
        tx.set(room, { active: false, participants: {}, updatedAtMs: nowMs });
        break;
      case 'joined':
        tx.set(room, { active: true, participants: { [change.identity]: nowMs }, updatedAtMs: nowMs }, { merge: true });
        break;
      case 'left':
        tx.set(room, { updatedAtMs: nowMs }, { merge: true });
        tx.update(room, new FieldPath('participants', change.identity), FieldValue.delete());
        break;
    }
  });
}
