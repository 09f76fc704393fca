// playlists/{recordingId}: the compiled playlist template of a finished recording, so a view
// costs one read however long the lecture was. Committing it finalizes the recording. The template
// is compiled by the ingest service (services/ingest/playlists.ts); this module only stores it.
import type { RungSummary } from '../domain/playback/ladder';
import { uploadGapOutcome } from '../domain/playback/playlist';
import { db } from './firebase';
import { recordingRef } from './recordings';
import { addUsageInTransaction } from './usage';

export interface CompiledPlaylist {
  template: string;
  segmentCount: number;
  missing: number[];
  compiledAtMs: number;
  /** The ladder's rungs measured at finalize (source first); absent for a playlist compiled before the ladder. */
  rungs?: RungSummary[];
}

export const playlistRef = (recordingId: string) => db().collection('playlists').doc(recordingId);

export async function compiledPlaylist(recordingId: string): Promise<CompiledPlaylist | null> {
  const snap = await playlistRef(recordingId).get();
  return snap.exists ? (snap.data() as CompiledPlaylist) : null;
}

/**
 * In one transaction: stores the playlist, marks the recording finalized with its measured
 * seconds (incomplete, with an upload-gap reason, when a ready one has missing segments), and
 * corrects the usage seconds by the difference. False when it is gone or was finalized first.
 */
export async function commitCompiledPlaylist(
  recordingId: string,
  meetingId: string,
  compiled: CompiledPlaylist,
  seconds: number,
): Promise<boolean> {
  const ref = recordingRef(recordingId);
  const { missing, compiledAtMs } = compiled;
  return db().runTransaction(async (tx) => {
    const fresh = await tx.get(ref);
    if (!fresh.exists || fresh.get('playlistCompiledAtMs')) return false;
    const secondsDelta = seconds - ((fresh.get('storedSeconds') as number | undefined) ?? 0);
    tx.set(playlistRef(recordingId), compiled);
    tx.update(ref, {
      playlistCompiledAtMs: compiledAtMs,
      finalized: true,
      storedSeconds: seconds,
      missingSegments: missing,
      ...uploadGapOutcome(fresh.get('status') as string, missing),
    });
    addUsageInTransaction(tx, meetingId, { seconds: secondsDelta });
    return true;
  });
}
