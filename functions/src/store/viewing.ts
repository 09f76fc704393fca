// viewing/{recordingId}_{uid}: what one viewer was delivered of one recording (the delivered set,
// seconds, completion, sessions, first and last watched). One document per viewer, written at most
// once per heartbeat, so 300 viewers of one lecture are 300 documents at a write a minute each,
// far under Firestore's sustained rate of about one write a second per document. Kept after the
// recording is deleted, like its audit entries (docs/attendance-and-consent.md).
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import {
  completionOf,
  creditSeqs,
  decodeSeqs,
  encodeSeqs,
  viewerAllowanceSeconds,
  watchedSecondsOf,
  type CreditBank,
} from '../domain/playback/delivery-receipts';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

export interface Viewing {
  recordingId: string;
  meetingId: string;
  uid: string;
  watchedSeconds: number;
  completion: number;
  segments: number;
  sessions: number;
  firstWatchedAtMs: number;
  lastWatchedAtMs: number;
  /** Where the player last was (the client's claim: for "resume at" only, never for attendance). */
  positionSeconds: number;
}

const viewing = () => db().collection('viewing');
const viewingRef = (recordingId: string, uid: string) => viewing().doc(`${recordingId}_${uid}`);
/** The last few sessions that delivered, so a session is counted once however many beats it sends. */
const RECENT_SESSIONS = 20;

const viewingOf = (snap: DocumentSnapshot): Viewing => {
  const { seqs: _seqs, recentSessions: _recent, creditBank: _bank, ...rest } = snap.data()!;
  return rest as Viewing;
};

export interface CreditRequest {
  recordingId: string;
  meetingId: string;
  uid: string;
  sessionId: string;
  delivered: number[];
  /** When the crediting session opened: a viewer who is starting gets no more than it could play. */
  sessionCreatedAtMs: number;
  positionSeconds: number;
  segmentSeconds: number;
  durationSeconds: number;
  nowMs: number;
}

/**
 * Credits delivered segments (each once per viewer, whichever session delivered it) in one
 * transaction, within the viewer's allowance for the recording, read and spent in that same
 * transaction: concurrent heartbeats, of one session or of many, cannot spend it twice. The
 * segments newly credited.
 */
export async function creditViewing(req: CreditRequest): Promise<number> {
  const ref = viewingRef(req.recordingId, req.uid);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const data = snap.data() ?? {};
    const allowance = viewerAllowanceSeconds(
      data.creditBank as CreditBank | undefined,
      req.sessionCreatedAtMs,
      req.nowMs,
    );
    const maxNew = Math.max(0, Math.floor(allowance / req.segmentSeconds));
    const { seqs, added } = creditSeqs(decodeSeqs(data.seqs as string | undefined), req.delivered, maxNew);
    const recent = (data.recentSessions as string[] | undefined) ?? [];
    const newSession = !recent.includes(req.sessionId);
    if (!added.length && !newSession) return 0;
    const watchedSeconds = watchedSecondsOf(seqs.size, req.segmentSeconds, req.durationSeconds);
    const creditBank: CreditBank = { seconds: allowance - added.length * req.segmentSeconds, atMs: req.nowMs };
    tx.set(ref, {
      recordingId: req.recordingId,
      meetingId: req.meetingId,
      uid: req.uid,
      seqs: encodeSeqs(seqs),
      segments: seqs.size,
      watchedSeconds,
      completion: completionOf(watchedSeconds, req.durationSeconds),
      sessions: ((data.sessions as number | undefined) ?? 0) + (newSession ? 1 : 0),
      recentSessions: newSession ? [...recent, req.sessionId].slice(-RECENT_SESSIONS) : recent,
      firstWatchedAtMs: (data.firstWatchedAtMs as number | undefined) ?? req.nowMs,
      lastWatchedAtMs: req.nowMs,
      positionSeconds: req.positionSeconds,
      creditBank,
    });
    return added.length;
  });
}

/** Every viewer of a recording (one query on a single field: no composite index). */
export async function viewersOfRecording(recordingId: string): Promise<Viewing[]> {
  return (await indexedQuery(viewing(), { equals: { recordingId } }).get()).docs.map(viewingOf);
}

/** One viewer's progress on these recordings, in one batched read (reads grow with the list). */
export async function viewingsOf(uid: string, recordingIds: readonly string[]): Promise<Map<string, Viewing>> {
  if (!recordingIds.length) return new Map();
  const snaps = await db().getAll(...recordingIds.map((id) => viewingRef(id, uid)));
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.get('recordingId') as string, viewingOf(s)]));
}
