// recordings/{id} and locks/{meetingId}. The lock doc exists only while a meeting has an active
// recording: create() makes "one active recording per meeting" race-proof without contention.
// Every state change goes through applyTransition, one transaction that re-reads the recording,
// asks the pure state machine, and writes status, lock release, audit and alert together.
// recordingOf is the one converter from a recording document to a Recording. Every write that
// changes a recording's status also writes the meeting's pushed state (store/recording-states.ts)
// in the same batch or transaction.
import { compareFor, isAfter, type LibrarySort, type PageCursor } from '../domain/library/library-search';
import { randomBytes } from 'node:crypto';
import { AggregateField, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { ACTIVE_STATUSES, isActive, type RecordingStatus, type Transition } from '../domain/recording/recording-state';
import { alertInTransaction, type AlertFields } from './alerts';
import type { Caller } from '../domain/access/caller';
import { reserveAudit, type AuditFields } from './audit-writer';
import type { LadderSetting } from '../domain/playback/ladder';
import { db, isAlreadyExists, withoutUndefined } from './firebase';
import { createKeyInBatch, deleteKeyInBatch } from './keys';
import { concurrentDuplicate, markEventSeen, webhookEventRef, type SeenEvent } from './webhook-events';
import { indexedQuery } from './indexed-query';
import { pushDiscarded, pushNewRecording, pushTransition, readRecordingState } from './recording-states';

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
  /** Of storedBytes, what the forensic watermark adds (variant B and the references). */
  markBytes?: number;
  /** Of storedBytes, what the adaptive ladder's lower rungs and audio-only rung take. */
  ladderBytes?: number;
  missingSegments?: number[];
  playlistCompiledAtMs?: number;
  /** False until the playlist is compiled (queryable, unlike a missing field). */
  finalized?: boolean;
  expiresAtMs?: number | null;
  /** Set when deletion began: the recording no longer plays; a cut-short deletion resumes. */
  deletingAtMs?: number;
  /** The recording's own title and description (admin or the meeting's teacher); the meeting's title otherwise. */
  title?: string;
  description?: string;
  /** Its number among its meeting's recordings, fixed at the start (domain/recording/lecture-identity.ts). */
  lectureNumber?: number;
  /** Set once the poster frame is stored (store/posters.ts). */
  posterType?: 'image/jpeg' | 'image/png';
  /** The library's search tokens (domain/library/library-search.ts). */
  searchTokens?: string[];
  /** Started with the forensic watermark on: every segment is stored as variants A and B. */
  forensicMark?: boolean;
  /** The ladder it was started with (docs/adaptive-ladder.md); none = source-only, as before the ladder. */
  ladder?: LadderSetting;
}

const recordings = () => db().collection('recordings');
const locks = () => db().collection('locks');

/** For store modules that write a recording in their own transaction or batch. */
export const recordingRef = (recordingId: string) => recordings().doc(recordingId);

/** The one document → Recording converter (for an existing document). */
export const recordingOf = (snap: DocumentSnapshot): Recording => ({ id: snap.id, ...snap.data() }) as Recording;

export const newRecordingId = (): string => `rec-${randomBytes(8).toString('hex')}`;

export async function getRecording(recordingId: string): Promise<Recording | null> {
  const snap = await recordingRef(recordingId).get();
  return snap.exists ? recordingOf(snap) : null;
}

/** The recordings among `ids` that exist, in one batched read. */
export async function recordingsByIds(ids: Iterable<string>): Promise<Recording[]> {
  const unique = [...new Set(ids)];
  const snaps = unique.length ? await db().getAll(...unique.map(recordingRef)) : [];
  return snaps.filter((s) => s.exists).map(recordingOf);
}

export async function findRecordingByEgress(egressId: string): Promise<Recording | null> {
  const snap = await indexedQuery(recordings(), { equals: { egressId }, limit: 1 }).get();
  return snap.empty ? null : recordingOf(snap.docs[0]);
}

/** How many recordings a meeting has (one aggregate read): the next one's lecture number is one more. */
export async function countRecordingsOfMeeting(meetingId: string): Promise<number> {
  return (await indexedQuery(recordings(), { equals: { meetingId } }).count().get()).data().count;
}

export async function latestRecordingOfMeeting(meetingId: string): Promise<Recording | null> {
  const snap = await indexedQuery(recordings(), {
    equals: { meetingId },
    orderBy: [['createdAtMs', 'desc']],
    limit: 1,
  }).get();
  return snap.empty ? null : recordingOf(snap.docs[0]);
}

/** The newest recordings, newest first (the admin's library). */
export async function latestRecordings(limit: number): Promise<Recording[]> {
  return (await indexedQuery(recordings(), { orderBy: [['createdAtMs', 'desc']], limit }).get()).docs.map(recordingOf);
}

/** Seconds stored by recordings started since `fromMs`: one aggregation (a read per 1,000 recordings), for the cost estimate. */
export async function recordedSecondsSince(fromMs: number): Promise<number> {
  const snap = await indexedQuery(recordings(), { range: [['createdAtMs', '>=', fromMs]], sums: ['storedSeconds'] })
    .aggregate({ seconds: AggregateField.sum('storedSeconds') })
    .get();
  return snap.data().seconds ?? 0;
}

/** Recordings of the given meetings; only the first 30 meetings are asked for (Firestore's `in` limit). */
export async function recordingsOfMeetings(meetingIds: string[]): Promise<Recording[]> {
  if (!meetingIds.length) return [];
  return (await indexedQuery(recordings(), { anyOf: { meetingId: meetingIds.slice(0, 30) } }).get()).docs.map(
    recordingOf,
  );
}

export interface PageQuery {
  meetingIds: readonly string[];
  /** One search token Firestore matches (array-contains), or none. */
  token?: string;
  sort: LibrarySort;
  after?: PageCursor | null;
  /** Documents to read per meeting chunk. */
  limit: number;
}

/**
 * Up to `limit` recordings of these meetings after the cursor, in the library's order: one query per
 * 30 meetings (Firestore's `in` limit), each reading at most `limit` documents plus the ties at the
 * cursor's instant, merged. Reads grow with the page, not with the library.
 */
export async function recordingsPage(q: PageQuery): Promise<{ recordings: Recording[]; exhausted: boolean }> {
  const chunks: string[][] = [];
  for (let i = 0; i < q.meetingIds.length; i += 30) chunks.push(q.meetingIds.slice(i, i + 30));
  const direction = q.sort === 'newest' ? 'desc' : 'asc';
  const pages = await Promise.all(
    chunks.map(async (meetingIds) => {
      const query = indexedQuery(recordings(), {
        anyOf: { meetingId: meetingIds },
        contains: q.token ? ['searchTokens', q.token] : undefined,
        range: q.after ? [['createdAtMs', direction === 'desc' ? '<=' : '>=', q.after.createdAtMs]] : [],
        orderBy: [['createdAtMs', direction]],
        limit: q.limit,
      });
      return (await query.get()).docs.map(recordingOf);
    }),
  );
  const after = q.after;
  return {
    recordings: pages
      .flat()
      .filter((r) => !after || isAfter(r, after, q.sort))
      .sort(compareFor(q.sort))
      .slice(0, q.limit),
    // A chunk that filled its limit may hold more; one that did not has nothing further.
    exhausted: pages.every((page) => page.length < q.limit),
  };
}

export async function activeRecordings(): Promise<Recording[]> {
  const snap = await indexedQuery(recordings(), { anyOf: { status: [...ACTIVE_STATUSES] } }).get();
  return snap.docs.map(recordingOf);
}

export async function unfinalizedRecordings(): Promise<Recording[]> {
  const snap = await indexedQuery(recordings(), { equals: { finalized: false } }).get();
  return snap.docs.map(recordingOf);
}

/**
 * Up to `limit` of each: deletions cut short, recordings ended before `endedBeforeMs`, and
 * per-recording expiries due by `nowMs`; each once, in that order (resuming comes first).
 */
export async function deletionCandidates(endedBeforeMs: number, nowMs: number, limit: number): Promise<Recording[]> {
  const [byPolicy, byExpiry, interrupted] = await Promise.all([
    indexedQuery(recordings(), { range: [['endedAtMs', '<', endedBeforeMs]], limit }).get(),
    indexedQuery(recordings(), { range: [['expiresAtMs', '<=', nowMs]], limit }).get(),
    indexedQuery(recordings(), { range: [['deletingAtMs', '>', 0]], limit }).get(),
  ]);
  const due = new Map<string, Recording>();
  for (const d of [...interrupted.docs, ...byPolicy.docs, ...byExpiry.docs]) due.set(d.id, recordingOf(d));
  return [...due.values()];
}

export async function activeRecordingIdOf(meetingId: string): Promise<string | null> {
  const snap = await locks().doc(meetingId).get();
  return snap.exists ? (snap.get('recordingId') as string) : null;
}

/**
 * Creates the meeting lock, the recording and its pushed state together; false when the meeting
 * already has one. `startedByName` is what participants see as "started by" (null: the system).
 */
export async function claimAndCreate(recording: Recording, startedByName: string | null = null): Promise<boolean> {
  const { id, ...data } = recording;
  const batch = db().batch();
  batch.create(locks().doc(recording.meetingId), { recordingId: id, createdAtMs: recording.createdAtMs });
  batch.create(recordingRef(id), data);
  createKeyInBatch(batch, id, recording.createdAtMs);
  pushNewRecording(batch, recording, startedByName);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Frees a lock whose recording is gone or finished (a crash between steps); true if freed. */
export async function releaseStaleLock(meetingId: string): Promise<boolean> {
  return db().runTransaction(async (tx) => {
    const lock = await tx.get(locks().doc(meetingId));
    if (!lock.exists) return true;
    const rec = await tx.get(recordingRef(lock.get('recordingId') as string));
    if (rec.exists && isActive(rec.get('status') as RecordingStatus)) return false;
    tx.delete(lock.ref);
    return true;
  });
}

/** Undo of a start LiveKit refused: nothing half-created stays behind. */
export async function discardStart(recording: Recording, nowMs = Date.now()): Promise<void> {
  const batch = db().batch();
  pushDiscarded(batch, recording.meetingId, nowMs);
  batch.delete(recordingRef(recording.id));
  batch.delete(locks().doc(recording.meetingId));
  deleteKeyInBatch(batch, recording.id);
  await batch.commit();
}

export async function patchRecording(recordingId: string, patch: Partial<Omit<Recording, 'id'>>): Promise<void> {
  await recordingRef(recordingId).update(withoutUndefined(patch));
}

export interface TransitionRequest {
  nowMs: number;
  actor: Caller;
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
  if (request.event && (await tx.get(webhookEventRef(request.event.id))).exists) return { kind: 'duplicate' };
  const snap = await tx.get(recordingRef(recordingId));
  if (!snap.exists) {
    markEventSeen(tx, request.event, request.nowMs);
    return { kind: 'missing' };
  }
  const current = recordingOf(snap);
  const lock = await tx.get(locks().doc(current.meetingId));
  const transition = decide(current);
  const pushed = transition ? await readRecordingState(tx, current.meetingId) : null;
  // The audit entry's chain head is a read: it must come before the transaction's first write.
  const auditSlot = transition && !isActive(transition.status) ? await reserveAudit(tx, request.nowMs) : null;
  markEventSeen(tx, request.event, request.nowMs);
  const patch = withoutUndefined({ ...request.patch?.(current) });
  if (!transition) {
    if (Object.keys(patch).length) tx.update(snap.ref, patch);
    return { kind: 'unchanged', recording: { ...current, ...patch } };
  }
  const { alert: _alert, ...fields } = transition;
  tx.update(snap.ref, withoutUndefined({ ...patch, ...fields, updatedAtMs: request.nowMs }));
  const after = { ...current, ...patch, ...fields } as Recording;
  if (pushed) pushTransition(tx, pushed, after, request.nowMs);
  if (auditSlot) {
    if (lock.exists && lock.get('recordingId') === recordingId) tx.delete(lock.ref);
    const audit: AuditFields = {
      action: request.action ?? 'recording-ended',
      outcome: 'ok',
      meetingId: current.meetingId,
      recordingId,
      reason: transition.reason ?? transition.status,
    };
    auditSlot.write(request.actor, audit);
  }
  if (transition.alert && request.alert) alertInTransaction(tx, request.alert(after, transition), request.nowMs);
  return { kind: 'moved', recording: after, transition };
}
