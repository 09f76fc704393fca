// Every playlist of a recording is assembled here from its segment docs, and nowhere else: while
// it records, an EVENT playlist of the confirmed segments so far (built per request); once it has
// ended, the VOD template compiled once (LiveKit's measured durations, gaps for what never came)
// and stored by finalize, so a view costs one read. The text itself is domain/playback/playlist.ts'; a view
// only fills in the URLs.
import {
  compilePlaylist,
  confirmedSegments,
  durationsFromRawPlaylist,
  missingSegments,
  SEGMENT_SECONDS,
} from '../../domain/playback/playlist';
import { MAX_RAW_PLAYLIST_BYTES } from '../../domain/ingest/ingest-limits';
import { isActive } from '../../domain/recording/recording-state';
import { readRawPlaylist } from '../../store/ingest';
import { compiledPlaylist, type CompiledPlaylist } from '../../store/playlists';
import type { Recording } from '../../store/recordings';
import { segmentDocs, type SegmentDoc } from '../../store/segments';

/** The playlist a viewer gets, before URLs are filled in; null for a finished one not compiled yet. */
export async function playlistTemplate(recording: Recording): Promise<string | null> {
  if (!isActive(recording.status)) return (await compiledPlaylist(recording.id))?.template ?? null;
  const confirmed = confirmedSegments(await segmentDocs(recording.id));
  return compilePlaylist({ segments: confirmed, ended: false, nominalSegmentSeconds: SEGMENT_SECONDS });
}

/**
 * A finished recording's playlist from its segment docs and the count LiveKit reported, with the
 * durations of LiveKit's own playlist (nominal ones when it is missing or oversized), and the
 * seconds it plays.
 */
export async function compileFinishedPlaylist(
  recordingId: string,
  docs: readonly SegmentDoc[],
  expectedCount: number,
  nowMs: number,
): Promise<{ compiled: CompiledPlaylist; seconds: number }> {
  const raw = await readRawPlaylist(recordingId, MAX_RAW_PLAYLIST_BYTES);
  const confirmed = confirmedSegments(docs, raw === null ? undefined : durationsFromRawPlaylist(raw));
  const compiled: CompiledPlaylist = {
    template: compilePlaylist({
      segments: confirmed,
      expectedCount,
      ended: true,
      nominalSegmentSeconds: SEGMENT_SECONDS,
    }),
    segmentCount: confirmed.length,
    missing: missingSegments(confirmed, expectedCount),
    compiledAtMs: nowMs,
  };
  return { compiled, seconds: confirmed.reduce((sum, s) => sum + s.durationSeconds, 0) };
}
