// Deleting a recording's documents: first the mark (it stops playing, and its usage is counted
// out exactly once), at the end its forensic marks, playlist, key and the recording doc itself,
// last, so a run cut short in between finds the mark and resumes.
import { deleteCaptions } from './captions';
import { db } from './firebase';
import { deleteMarks } from './forensic-marks';
import { deleteKeyInBatch } from './keys';
import { playlistRef } from './playlists';
import { recordingOf, recordingRef, type Recording } from './recordings';
import { addUsageInTransaction } from './usage';

/** Marks the recording as being deleted (once); the recording, or null if it is gone already. */
export async function markRecordingDeleting(recordingId: string, nowMs: number): Promise<Recording | null> {
  const ref = recordingRef(recordingId);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return null;
    const recording = recordingOf(snap);
    if (!recording.deletingAtMs) {
      tx.update(ref, { deletingAtMs: nowMs });
      addUsageInTransaction(tx, recording.meetingId, {
        bytes: -(recording.storedBytes ?? 0),
        seconds: -(recording.storedSeconds ?? 0),
        markBytes: recording.markBytes ? -recording.markBytes : undefined,
        ladderBytes: recording.ladderBytes ? -recording.ladderBytes : undefined,
      });
    }
    return recording;
  });
}

/** The forensic marks (pages of them), then the playlist, the key and the recording doc, in one batch. */
export async function deleteRecordingDocs(recordingId: string): Promise<void> {
  // Before the recording doc: a run cut short after this still finds the recording and resumes.
  await deleteMarks(recordingId);
  await deleteCaptions(recordingId);
  const batch = db().batch();
  batch.delete(playlistRef(recordingId));
  deleteKeyInBatch(batch, recordingId);
  batch.delete(recordingRef(recordingId));
  await batch.commit();
}
