// LiveKit webhook events → our state. Each event id is applied once (LiveKit retries with the
// same id); egress events go through the monotonic state machine, room events keep the live
// participant list, and a finished room auto-stops its recording.
import { SYSTEM } from '../../domain/access/caller';
import type { VerifiedWebhook } from '../../livekit/webhook-verify';
import { meetingsForRoom } from '../../store/meetings';
import { activeRecordingIdOf, findRecordingByEgress, getRecording } from '../../store/recordings';
import { applyRoomChange, type RoomChange } from '../../store/rooms';
import { recordEventOnce, type SeenEvent } from '../../store/webhook-events';
import { noteRoomPresence } from '../recording/consent-ledger';
import { applyEgressSnapshot } from './egress-sync';
import { stopRecording } from '../recording/recording-lifecycle';
import { Conflict } from '../../errors';
import { isUsableDocumentId } from '../../domain/http/document-id';

export type EventOutcome = 'applied' | 'duplicate' | 'unmatched';

/** Firestore's limit for a field name: a participant identity is a key of the room's map. */
const MAX_FIELD_NAME_BYTES = 1500;

/**
 * Why a signed event cannot be applied whatever we retry (its id or room name cannot key a
 * document, its participant identity cannot be a field name), or null. Such an event is refused
 * with a 4xx: a 5xx would have LiveKit redeliver it for ever.
 */
export function unusableEvent(event: VerifiedWebhook): string | null {
  if (!isUsableDocumentId(event.id)) return 'event id';
  if (event.roomName !== undefined && !isUsableDocumentId(event.roomName)) return 'room name';
  const identity = event.participantIdentity;
  if (identity !== undefined && new TextEncoder().encode(identity).length > MAX_FIELD_NAME_BYTES)
    return 'participant identity';
  return null;
}

export async function handleLivekitEvent(event: VerifiedWebhook, nowMs = Date.now()): Promise<EventOutcome> {
  const seen: SeenEvent = {
    id: event.id,
    event: event.event,
    roomName: event.roomName,
    egressId: event.egress?.egressId,
  };
  if (event.egress) {
    const recordingId = event.egress.recordingId ?? (await findRecordingByEgress(event.egress.egressId))?.id;
    if (!recordingId) return (await recordEventOnce(seen, nowMs)) ? 'unmatched' : 'duplicate';
    const outcome = await applyEgressSnapshot(recordingId, event.egress, nowMs, seen);
    return outcome.kind === 'duplicate' ? 'duplicate' : outcome.kind === 'missing' ? 'unmatched' : 'applied';
  }
  const roomName = event.roomName;
  if (!roomName) return (await recordEventOnce(seen, nowMs)) ? 'unmatched' : 'duplicate';
  const change = roomChangeOf(event);
  const eventTime = Number.isFinite(event.createdAtMs) && event.createdAtMs > 0 ? event.createdAtMs : nowMs;
  // Before the room change commits its "seen" mark: a failure here is retried by LiveKit, and the
  // ledger's merge (first join, last leave) makes a redelivery change nothing.
  if (change?.kind === 'joined' || change?.kind === 'left')
    await noteRoomPresence(roomName, change.identity, change.kind === 'joined' ? 'present' : 'left', eventTime);
  if (!(await applyRoomChange(seen, roomName, change, nowMs))) return 'duplicate';
  if (event.event === 'room_finished') await autoStop(roomName, event.createdAtMs, nowMs);
  return 'applied';
}

/** What a room event changes in the room's live state; null for events that change nothing. */
function roomChangeOf(event: VerifiedWebhook): RoomChange | null {
  const identity = event.participantIdentity;
  switch (event.event) {
    case 'room_started':
      return { kind: 'started' };
    case 'room_finished':
      return { kind: 'finished' };
    case 'participant_joined':
      return identity ? { kind: 'joined', identity } : null;
    case 'participant_left':
    case 'participant_connection_aborted':
      return identity ? { kind: 'left', identity } : null;
    default:
      return null;
  }
}

/** The meeting ended: stop whatever recording its room still has. */
async function autoStop(roomName: string, finishedAtMs: number, nowMs: number): Promise<void> {
  for (const meeting of await meetingsForRoom(roomName)) {
    const recordingId = await activeRecordingIdOf(meeting.id);
    const recording = recordingId ? await getRecording(recordingId) : null;
    // A recording started after the room finished belongs to a new session of the room
    // (createdAt has 1 s resolution, hence the margin).
    const startedBefore = recording && recording.createdAtMs < finishedAtMs + 1000;
    if (recording && startedBefore && recording.status !== 'stopping') {
      // The egress may end by itself meanwhile ("Source closed"): a Conflict here is fine.
      await stopRecording(SYSTEM, meeting.id, nowMs, 'auto-stop').catch((error) => {
        if (!(error instanceof Conflict)) throw error;
      });
    }
  }
}
