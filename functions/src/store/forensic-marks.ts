// forensicMarks/{markId}: who was given which codeword of a marked recording (docs/forensic-watermark.md).
// One per playback session (markId = the session id) and per download (markId = dl_<random>). Kept
// until the recording is deleted: sessions are TTL-deleted a week after they end, and a leaked copy
// may surface months later. Server-only (firestore.rules): the seed is what tells variants apart.
import { randomBytes } from 'node:crypto';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

export type MarkKind = 'playback' | 'download';

export interface ForensicMark {
  markId: string;
  recordingId: string;
  kind: MarkKind;
  uid: string;
  email: string;
  name: string;
  createdAtMs: number;
  ip?: string;
  codewordSeed: string;
}

const marks = () => db().collection('forensicMarks');

/** A download's mark id: the prefix keeps it apart from session ids (which are playback marks). */
export const newDownloadMarkId = (): string => `dl_${randomBytes(16).toString('base64url')}`;

/** Records a codeword before any segment of it is served: a copy can only be traced to a recorded mark. */
export async function createMark(mark: ForensicMark): Promise<void> {
  const { markId, ip, ...fields } = mark;
  // create(): a mark id is issued once; a second write for it would be a bug, not an update.
  await marks()
    .doc(markId)
    .create({ ...fields, ...(ip ? { ip } : {}) });
}

/** Every codeword issued for a recording (the tracer decodes a copy against all of them). */
export async function marksOf(recordingId: string): Promise<ForensicMark[]> {
  const snap = await indexedQuery(marks(), { equals: { recordingId } }).get();
  return snap.docs.map((d) => ({ markId: d.id, ...d.data() }) as ForensicMark);
}

/** Deletes a recording's marks a page at a time (a batch holds at most 500 writes). */
export async function deleteMarks(recordingId: string): Promise<void> {
  for (;;) {
    const page = await indexedQuery(marks(), { equals: { recordingId }, limit: 400 }).get();
    if (page.empty) break;
    const batch = db().batch();
    page.docs.forEach((d) => batch.delete(d.ref));
    await batch.commit();
  }
}
