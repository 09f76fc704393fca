// When a recording has ended and every segment LiveKit produced is accounted for (confirmed or
// missing), finalize it once: its playlist compiled (playlists.ts) and committed, LiveKit's raw
// playlists removed, its library search tokens ensured, and an upload gap alerted. Idempotent:
// the first caller wins, later callers find it compiled. From then on no segment is confirmed
// (store/segments.ts), so what a run stored of a segment listed missing is deleted.
import { endedUncleanly, isActive } from '../../domain/recording/recording-state';
import * as logs from '../../logs';
import { raiseAlert } from '../../store/alerts';
import { deleteRawPlaylists } from '../../store/ingest';
import { commitCompiledPlaylist } from '../../store/playlists';
import { getRecording } from '../../store/recordings';
import { ensureSearchTokens } from '../recording/recording-details';
import { deleteUnconfirmedObjects, recordSegmentsMissing, segmentDocs } from '../../store/segments';
import { compileFinishedPlaylist } from './playlists';

const NOT_INGESTED = 'not ingested within the grace period after the recording ended: its ingest never reported';

/** Compiles when settled; with `force` (the sweep, after a grace period) also when segments never came. */
export async function maybeFinalize(recordingId: string, nowMs = Date.now(), force = false): Promise<boolean> {
  const recording = await getRecording(recordingId);
  if (!recording || isActive(recording.status) || recording.playlistCompiledAtMs) return false;
  // An egress that did not stop cleanly may have an upload still landing past the count it last
  // reported: only the sweep's forced finalize, after its grace period, closes such a recording.
  if (endedUncleanly(recording.reason) && !force) return false;
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
  if (missing.length) {
    // A run that stored a segment and died before confirming it (or whose confirm failed) left its objects.
    const confirmed = new Set(
      (await segmentDocs(recordingId)).filter((d) => d.status === 'confirmed').map((d) => d.seq),
    );
    await deleteUnconfirmedObjects(
      recordingId,
      missing.filter((seq) => !confirmed.has(seq)),
    );
  }
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
