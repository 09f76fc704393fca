// When a recording has ended and every segment LiveKit produced is accounted for (confirmed or
// missing), compile its playlist once, take the real durations from LiveKit's playlist, and mark
// an upload gap. Idempotent: the first caller wins, later callers find it compiled.
import { compilePlaylist, durationsFromRawPlaylist, missingSegments, SEGMENT_SECONDS } from '../domain/playlist';
import { isActive } from '../domain/recording-state';
import * as logs from '../logs';
import { raiseAlert } from '../store/alerts';
import { bucket, db } from '../store/firebase';
import { playlistRef, type CompiledPlaylist } from '../store/playlists';
import { getRecording } from '../store/recordings';
import { deleteObjectIfPresent, segmentDocs } from '../store/segments';
import { addUsageInTransaction } from '../store/usage';

/** Compiles when settled; with `force` (the sweep, after a grace period) also when segments never came. */
export async function maybeFinalize(recordingId: string, nowMs = Date.now(), force = false): Promise<boolean> {
  const recording = await getRecording(recordingId);
  if (!recording || isActive(recording.status) || recording.playlistCompiledAtMs) return false;
  const docs = await segmentDocs(recordingId);
  const expected = recording.egressSegmentCount ?? 0;
  if (docs.length < expected && !force) return false; // segments are still arriving

  const durations = await rawDurations(recordingId);
  const confirmed = docs
    .filter((d) => d.status === 'confirmed')
    .map((d) => ({ seq: d.seq, durationSeconds: durations.get(d.seq) ?? d.durationSeconds ?? SEGMENT_SECONDS }));
  const missing = missingSegments(confirmed, expected);
  const seconds = confirmed.reduce((sum, s) => sum + s.durationSeconds, 0);
  const compiled: CompiledPlaylist = {
    template: compilePlaylist({ segments: confirmed, expectedCount: expected, ended: true, nominalSegmentSeconds: SEGMENT_SECONDS }),
    segmentCount: confirmed.length,
    missing,
    compiledAtMs: nowMs,
  };
  const won = await db().runTransaction(async (tx) => {
    const ref = db().doc(`recordings/${recordingId}`);
    const fresh = await tx.get(ref);
    if (!fresh.exists || fresh.get('playlistCompiledAtMs')) return false;
    const secondsDelta = seconds - ((fresh.get('storedSeconds') as number | undefined) ?? 0);
    tx.set(playlistRef(recordingId), compiled);
    tx.update(ref, {
      playlistCompiledAtMs: nowMs,
      finalized: true,
      storedSeconds: seconds,
      missingSegments: missing,
      ...(missing.length && fresh.get('status') === 'ready'
        ? { status: 'incomplete', reason: 'upload-gap', detail: `${missing.length} segment(s) missing: ${missing.join(', ')}.` }
        : {}),
    });
    addUsageInTransaction(tx, recording.meetingId, { seconds: secondsDelta });
    return true;
  });
  if (!won) return false;
  await Promise.all(['playlist.m3u8', 'live.m3u8'].map((f) => deleteObjectIfPresent(`ingest/${recordingId}/${f}`)));
  if (missing.length) {
    await raiseAlert({ kind: 'upload-gap', message: `Recording ${recordingId} is missing segment(s) ${missing.join(', ')}; it plays with gaps.`, recordingId, meetingId: recording.meetingId }, nowMs);
  }
  logs.recordingFinalized(recordingId, confirmed.length, missing.length);
  return true;
}

async function rawDurations(recordingId: string): Promise<Map<number, number>> {
  const [exists] = await bucket().file(`ingest/${recordingId}/playlist.m3u8`).exists();
  if (!exists) return new Map();
  const [text] = await bucket().file(`ingest/${recordingId}/playlist.m3u8`).download();
  return durationsFromRawPlaylist(text.toString('utf8'));
}
