// When a recording has ended and every segment LiveKit produced is accounted for (confirmed or
// missing), compile its playlist once, take the real durations from LiveKit's playlist, and mark
// an upload gap. Idempotent: the first caller wins, later callers find it compiled.
import { compilePlaylist, durationsFromRawPlaylist, missingSegments, SEGMENT_SECONDS } from '../../domain/playlist';
import { MAX_RAW_PLAYLIST_BYTES } from '../../domain/ingest-limits';
import { isActive } from '../../domain/recording-state';
import * as logs from '../../logs';
import { raiseAlert } from '../../store/alerts';
import { deleteRawPlaylists, readRawPlaylist } from '../../store/ingest';
import { commitCompiledPlaylist, type CompiledPlaylist } from '../../store/playlists';
import { getMeeting } from '../../store/meetings';
import { getRecording, patchRecording } from '../../store/recordings';
import { tokensFor } from '../recording-details';
import { segmentDocs } from '../../store/segments';

/** Compiles when settled; with `force` (the sweep, after a grace period) also when segments never came. */
export async function maybeFinalize(recordingId: string, nowMs = Date.now(), force = false): Promise<boolean> {
  const recording = await getRecording(recordingId);
  if (!recording || isActive(recording.status) || recording.playlistCompiledAtMs) return false;
  const docs = await segmentDocs(recordingId);
  const expected = recording.egressSegmentCount ?? 0;
  if (docs.length < expected && !force) return false; // segments are still arriving

  const raw = await readRawPlaylist(recordingId, MAX_RAW_PLAYLIST_BYTES); // an oversized one: nominal durations
  const durations = raw === null ? new Map<number, number>() : durationsFromRawPlaylist(raw);
  const confirmed = docs
    .filter((d) => d.status === 'confirmed')
    .map((d) => ({ seq: d.seq, durationSeconds: durations.get(d.seq) ?? d.durationSeconds ?? SEGMENT_SECONDS }));
  const missing = missingSegments(confirmed, expected);
  const seconds = confirmed.reduce((sum, s) => sum + s.durationSeconds, 0);
  const compiled: CompiledPlaylist = {
    template: compilePlaylist({
      segments: confirmed,
      expectedCount: expected,
      ended: true,
      nominalSegmentSeconds: SEGMENT_SECONDS,
    }),
    segmentCount: confirmed.length,
    missing,
    compiledAtMs: nowMs,
  };
  const won = await commitCompiledPlaylist(recordingId, recording.meetingId, compiled, seconds);
  if (!won) return false;
  await deleteRawPlaylists(recordingId);
  // The library finds it by its tokens: one written at the start is kept; one never written
  // (a recording adopted or made before the library had search) is written now.
  if (!recording.searchTokens?.length) {
    const meeting = await getMeeting(recording.meetingId);
    if (meeting) await patchRecording(recordingId, { searchTokens: await tokensFor(meeting, recording.title) });
  }
  if (missing.length) {
    await raiseAlert(
      {
        kind: 'upload-gap',
        message: `Recording ${recordingId} is missing segment(s) ${missing.join(', ')}; it plays with gaps.`,
        recordingId,
        meetingId: recording.meetingId,
      },
      nowMs,
    );
  }
  logs.recordingFinalized(recordingId, confirmed.length, missing.length);
  return true;
}
