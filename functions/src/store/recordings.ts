// recordings/{id} and locks/{meetingId}. The lock doc exists only while a meeting has an active
// recording: create() makes "one active recording per meeting" race-proof without contention.
// Every state change goes through applyTransition, one transaction that re-reads the recording,
// asks the pure state machine, and writes status, lock release, audit and alert together.
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import {
  ACTIVE_STATUSES,
  isActive,
  type RecordingStatus,
  type Transition,
} from '../domain/recording-state';
import { alertInTransaction, type AlertFields } from './alerts';
import { auditInTransaction, type Actor, type AuditFields } from './audit';
import { db } from './firebase';
import { createKeyInBatch, deleteKeyInBatch } from './keys';

export interface Recording {
  id: string;
  meetingId: string;
  roomName: string;
  status: RecordingStatus;
  createdAtMs: number;
  startedBy: string;
  egressId?: string;
  startedAtMs?: number;
  stopRequestedAtMs?: number;
  endedAtMs?: number;
  durationSeconds?: number;
  reason?: string;
  detail?: string;
  hidden?: boolean;
  adopted?: boolean;
  egressSegmentCount?: number;
  egressBytes?: number;
  /** Encrypted segments confirmed in storage, their bytes and (nominal, then measured) seconds. */
  confirmedSegments?: number;
  storedBytes?: number;
  storedSeconds?: number;
  missingSegments?: number[];
  playlistCompiledAtMs?: number;
  /** False until the playlist is compiled (queryable, unlike a missing field). */
  finalized?: boolean;
  expiresAtMs?: number | null;
  /** Set when deletion began: the recording no longer plays; a cut-short deletion resumes. */
  deletingAtMs?: number;
}

const ALREADY_EXISTS = 6;
const recordings = () => db().collection('recordings');
const locks = () => db().collection('locks');
const webhookEvents = () => db().collection('webhookEvents');

const toRecording = (id: string, data: FirebaseFirestore.DocumentData): Recording => ({ id, ...data }) as Recording;

export async function getRecording(recordingId: string): Promise<Recording | null> {
  const snap = await recordings().doc(recordingId).get();
  return snap.exists ? toRecording(snap.id, snap.data()!) : null;
}

export async function findRecordingByEgress(egressId: string): Promise<Recording | null> {
  const snap = await recordings().where('egressId', '==', egressId).limit(1).get();
  return snap.empty ? null : toRecording(snap.docs[0].id, snap.docs[0].data());
}

export async function latestRecordingOfMeeting(meetingId: string): Promise<Recording | null> {
  const snap = await recordings().where('meetingId', '==', meetingId).orderBy('createdAtMs', 'desc').limit(1).get();
  return snap.empty ? null : toRecording(snap.docs[0].id, snap.docs[0].data());
}

export async function activeRecordings(): Promise<Recording[]> {
  const snap = await recordings().where('status', 'in', [...ACTIVE_STATUSES]).get();
  return snap.docs.map((d) => toRecording(d.id, d.data()));
}

export async function unfinalizedRecordings(): Promise<Recording[]> {
  const snap = await recordings().where('finalized', '==', false).get();
  return snap.docs.map((d) => toRecording(d.id, d.data()));
}

export async function activeRecordingIdOf(meetingId: string): Promise<string | null> {
  const snap = await locks().doc(meetingId).get();
  return snap.exists ? (snap.get('recordingId') as string) : null;
}

/** Creates the meeting lock and the recording together; false when the meeting already has one. */
export async function claimAndCreate(recording: Recording): Promise<boolean> {
  const { id, ...data } = recording;
  const batch = db().batch();
  batch.create(locks().doc(recording.meetingId), { recordingId: id, createdAtMs: recording.createdAtMs });
  batch.create(recordings().doc(id), data);
  createKeyInBatch(batch, id, recording.createdAtMs);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
    throw error;
  }
}

/** Frees a lock whose recording is gone or finished (a crash between steps); true if freed. */
export async function releaseStaleLock(meetingId: string): Promise<boolean> {
  return db().runTransaction(async (tx) => {
    const lock = await tx.get(locks().doc(meetingId));
    if (!lock.exists) return true;
    const rec = await tx.get(recordings().doc(lock.get('recordingId') as string));
    if (rec.exists && isActive(rec.get('status') as RecordingStatus)) return false;
    tx.delete(lock.ref);
    return true;
  });
}

/** Undo of a start LiveKit refused: nothing half-created stays behind. */
export async function discardStart(recording: Recording): Promise<void> {
  const batch = db().batch();
  batch.delete(recordings().doc(recording.id));
  batch.delete(locks().doc(recording.meetingId));
  deleteKeyInBatch(batch, recording.id);
  await batch.commit();
}

export async function patchRecording(recordingId: string, patch: Partial<Omit<Recording, 'id'>>): Promise<void> {
  await recordings().doc(recordingId).update(withoutUndefined(patch));
}

export interface TransitionRequest {
  nowMs: number;
  actor: Actor;
  /** The audit action for a terminal transition ('recording-ended', 'force-stop', ...). */
  action?: string;
  /** A webhook event: the transition and the event's "seen" mark commit together. */
  event?: SeenEvent;
  /** Extra fields from LiveKit to keep (egress id, counts), computed from the fresh document. */
  patch?: (current: Recording) => Partial<Omit<Recording, 'id'>>;
  alert?: (recording: Recording, transition: Transition) => AlertFields;
}

export type TransitionOutcome =
  | { kind: 'duplicate' }
  | { kind: 'missing' }
  | { kind: 'unchanged'; recording: Recording }
  | { kind: 'moved'; recording: Recording; transition: Transition };

/** The one write path for recording state. `decide` is a pure function of the fresh document. */
export async function applyTransition(
  recordingId: string,
  decide: (current: Recording) => Transition | null,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  return concurrentDuplicate(request.event, { kind: 'duplicate' } as const, () =>
    db().runTransaction((tx) => transitionInTransaction(tx, recordingId, decide, request)),
  );
}

async function transitionInTransaction(
  tx: Transaction,
  recordingId: string,
  decide: (current: Recording) => Transition | null,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  if (request.event && (await tx.get(webhookEvents().doc(request.event.id))).exists) return { kind: 'duplicate' };
  const snap = await tx.get(recordings().doc(recordingId));
  if (!snap.exists) {
    markEventSeen(tx, request.event, request.nowMs);
    return { kind: 'missing' };
  }
  const current = toRecording(snap.id, snap.data()!);
  const lock = await tx.get(locks().doc(current.meetingId));
  const transition = decide(current);
  markEventSeen(tx, request.event, request.nowMs);
  const patch = withoutUndefined({ ...request.patch?.(current) });
  if (!transition) {
    if (Object.keys(patch).length) tx.update(snap.ref, patch);
    return { kind: 'unchanged', recording: { ...current, ...patch } };
  }
  const { alert: _alert, ...fields } = transition;
  tx.update(snap.ref, withoutUndefined({ ...patch, ...fields, updatedAtMs: request.nowMs }));
  const after = { ...current, ...patch, ...fields } as Recording;
  if (!isActive(transition.status)) {
    if (lock.exists && lock.get('recordingId') === recordingId) tx.delete(lock.ref);
    const audit: AuditFields = {
      action: request.action ?? 'recording-ended',
      outcome: 'ok',
      meetingId: current.meetingId,
      recordingId,
      reason: transition.reason ?? transition.status,
    };
    auditInTransaction(tx, request.actor, audit, request.nowMs);
  }
  if (transition.alert && request.alert) alertInTransaction(tx, request.alert(after, transition), request.nowMs);
  return { kind: 'moved', recording: after, transition };
}

/**
 * Two deliveries of the same event racing: both transactions see the event unseen, one commits,
 * the other's create() of the event doc fails with ALREADY_EXISTS (not retried by the runner).
 * That loser is a duplicate, not an error.
 */
async function concurrentDuplicate<T, D>(event: SeenEvent | undefined, duplicate: D, run: () => Promise<T>): Promise<T | D> {
  try {
    return await run();
  } catch (error) {
    if (event && (error as { code?: number }).code === ALREADY_EXISTS) return duplicate;
    throw error;
  }
}

/** webhookEvents/{id}: a LiveKit event id applied once (LiveKit retries with the same id). */
export interface SeenEvent {
  id: string;
  /** The LiveKit event name, e.g. egress_ended. */
  event: string;
  roomName?: string;
  egressId?: string;
}

export function markEventSeen(tx: Transaction, event: SeenEvent | undefined, nowMs: number): void {
  if (event) tx.create(webhookEvents().doc(event.id), { ...withoutUndefined(event), seenAtMs: nowMs, at: FieldValue.serverTimestamp() });
}

/** True when the event was not seen before; `apply` runs in the same transaction (reads first). */
export async function applyOnce(event: SeenEvent, nowMs: number, apply: (tx: Transaction) => Promise<void>): Promise<boolean> {
  return concurrentDuplicate(event, false, () =>
    db().runTransaction(async (tx) => {
      if ((await tx.get(webhookEvents().doc(event.id))).exists) return false;
      await apply(tx);
      markEventSeen(tx, event, nowMs);
      return true;
    }),
  );
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
