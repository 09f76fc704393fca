// When a recording has ended and every segment LiveKit produced is accounted for (confirmed or
// missing), finalize it once: its playlist compiled (playlists.ts) and committed, LiveKit's raw
// playlists removed, its library search tokens ensured, and an upload gap alerted. Idempotent:
// the first caller wins, later callers find it compiled.
import { isActive } from '../../domain/recording/recording-state';
import * as logs from '../../logs';
import { raiseAlert } from '../../store/alerts';
import { deleteRawPlaylists } from '../../store/ingest';
import { commitCompiledPlaylist } from '../../store/playlists';
import { getRecording } from '../../store/recordings';
import { ensureSearchTokens } from '../recording/recording-details';
import { recordSegmentsMissing, segmentDocs } from '../../store/segments';
import { compileFinishedPlaylist } from './playlists';

const NOT_INGESTED = 'not ingested within the grace period after the recording ended: its ingest never reported';

/** Compiles when settled; with `force` (the sweep, after a grace period) also when segments never came. */
export async function maybeFinalize(recordingId: string, nowMs = Date.now(), force = false): Promise<boolean> {
  const recording = await getRecording(recordingId);
  if (!recording || isActive(recording.status) || recording.playlistCompiledAtMs) return false;
  const docs = await segmentDocs(recordingId);
  const expected = recording.egressSegmentCount ?? 0;
  if (docs.length < expected && !force) return false; // segments are still arriving

  const { compiled, seconds } = await compileFinishedPlaylist(recordingId, docs, expected, nowMs);
  const { missing } = compiled;
  // Forced: segments LiveKit reported whose ingest never did (a lost run, or one still waiting on an
  // instance) are listed missing with that reason, so every gap has its cause.
  const recorded = new Set(docs.map((d) => d.seq));
  const unreported = missing.filter((seq) => !recorded.has(seq));
  if (unreported.length) await recordSegmentsMissing(recordingId, unreported, NOT_INGESTED, nowMs);
  const won = await commitCompiledPlaylist(recordingId, recording.meetingId, compiled, seconds);
  if (!won) return false;
  await deleteRawPlaylists(recordingId);
  // The library finds a finished recording by its tokens: written now if it never had any.
  await ensureSearchTokens(recording);
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
  logs.recordingFinalized(recordingId, compiled.segmentCount, missing.length);
  return true;
}
