// recordingStates/{meetingId}: the small document participants follow (onSnapshot) instead of
// polling GET /api/meetings/:id/recording. Written only here, and only inside the batch or
// transaction that changes the recording itself (store/recordings.ts), so the pushed state can
// never disagree with the recording. firestore.rules let those who may see the meeting read it.
import { CONSENT_TEXT_VERSION, type PushedRecordingState } from '@lecturevault/contract';
import type { DocumentSnapshot, Transaction, WriteBatch } from 'firebase-admin/firestore';
import type { RecordingStatus } from '../domain/recording/recording-state';
import { db } from './firebase';

export const recordingStateRef = (meetingId: string) => db().collection('recordingStates').doc(meetingId);

interface RecordingFacts {
  id: string;
  meetingId: string;
  status: RecordingStatus;
  createdAtMs: number;
  startedAtMs?: number;
}

function stateOf(recording: RecordingFacts, startedByName: string | null, nowMs: number): PushedRecordingState {
  return {
    meetingId: recording.meetingId,
    recordingId: recording.id,
    status: recording.status,
    createdAtMs: recording.createdAtMs,
    startedAtMs: recording.startedAtMs ?? null,
    startedByName,
    consentTextVersion: CONSENT_TEXT_VERSION,
    updatedAtMs: nowMs,
  };
}

/** A new recording claimed the meeting: the whole document is replaced. */
export function pushNewRecording(batch: WriteBatch, recording: RecordingFacts, startedByName: string | null): void {
  batch.set(recordingStateRef(recording.meetingId), stateOf(recording, startedByName, recording.createdAtMs));
}

/** A start LiveKit refused was undone: the meeting is not recording (the discarded id is gone). */
export function pushDiscarded(batch: WriteBatch, meetingId: string, nowMs: number): void {
  const idle: PushedRecordingState = {
    meetingId,
    recordingId: null,
    status: null,
    createdAtMs: null,
    startedAtMs: null,
    startedByName: null,
    consentTextVersion: CONSENT_TEXT_VERSION,
    updatedAtMs: nowMs,
  };
  batch.set(recordingStateRef(meetingId), idle);
}

/** Read before the transaction's first write: the document a transition may update. */
export const readRecordingState = (tx: Transaction, meetingId: string): Promise<DocumentSnapshot> =>
  tx.get(recordingStateRef(meetingId));

/**
 * A transition of `recording` (its fields after the move). Only the recording the document is
 * about moves it (or any recording when the meeting has no document yet): a late event of an
 * older recording must not overwrite the newer one's state.
 */
export function pushTransition(
  tx: Transaction,
  held: DocumentSnapshot,
  recording: RecordingFacts,
  nowMs: number,
): void {
  if (held.exists && held.get('recordingId') !== recording.id) return;
  const startedByName = held.exists ? ((held.get('startedByName') as string | null) ?? null) : null;
  tx.set(held.ref, stateOf(recording, startedByName, nowMs));
}
