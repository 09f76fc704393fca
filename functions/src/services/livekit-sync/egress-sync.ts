// Applies what LiveKit reports about an egress (a webhook or a poll) to our recording,
// through the pure state machine, with the alert a human should see.
import { EgressStatus, nextFromEgress, type Transition } from '../../domain/recording/recording-state';
import type { EgressSnapshot } from '../../livekit/egress-snapshot';
import type { AlertFields } from '../../store/alerts';
import { applyTransition, type Recording } from '../../store/recordings';
import type { SeenEvent } from '../../store/webhook-events';

export function alertFor(recording: Recording, transition: Transition): AlertFields {
  const where = `Recording ${recording.id} of meeting ${recording.meetingId}`;
  const messages: Record<string, string> = {
    'egress-failed': `${where} stopped unexpectedly: ${transition.detail}. Uploaded segments were kept.`,
    'egress-lost': `${where}: the recording engine lost it. Uploaded segments were kept.`,
    'limit-reached': `${where} ended at the recording engine's session limit.`,
  };
  return {
    kind: transition.reason ?? 'recording',
    message: messages[transition.reason ?? ''] ?? `${where} ended: ${transition.detail ?? transition.status}.`,
    recordingId: recording.id,
    meetingId: recording.meetingId,
  };
}

/** Applies what LiveKit reports about an egress (webhook or poll) through the state machine. */
export async function applyEgressSnapshot(
  recordingId: string,
  egress: EgressSnapshot,
  nowMs: number,
  event?: SeenEvent,
) {
  return applyTransition(recordingId, (current) => nextFromEgress(current, egress), {
    nowMs,
    actor: { uid: 'system' },
    action: egress.status === EgressStatus.FAILED ? 'crash-detected' : 'recording-ended',
    event,
    alert: alertFor,
    patch: (current) => ({
      egressId: current.egressId ?? egress.egressId,
      egressSegmentCount: Math.max(current.egressSegmentCount ?? 0, egress.segmentCount ?? 0),
      egressBytes: Math.max(current.egressBytes ?? 0, egress.bytes ?? 0),
    }),
  });
}
