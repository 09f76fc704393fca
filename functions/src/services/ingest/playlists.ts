// Every playlist of a recording is assembled here from its segment docs, and nowhere else: while
// it records, an EVENT playlist of the confirmed segments so far (built per request); once it has
// ended, the VOD template compiled once (LiveKit's measured durations, gaps for what never came)
// and stored by finalize, so a view costs one read. The text itself is domain/playback/playlist.ts'; a view
// only fills in the URLs. The ladder's rungs (domain/playback/ladder.ts) are measured from the same
// docs, per request while it records and once at finalize.
import {
  compilePlaylist,
  confirmedSegments,
  durationsFromRawPlaylist,
  missingSegments,
  SEGMENT_SECONDS,
} from '../../domain/playback/playlist';
import { summariseLadder, type LadderSegment, type RungSummary } from '../../domain/playback/ladder';
import { MAX_RAW_PLAYLIST_BYTES } from '../../domain/ingest/ingest-limits';
import { isActive } from '../../domain/recording/recording-state';
import { readRawPlaylist } from '../../store/ingest';
import { compiledPlaylist, type CompiledPlaylist } from '../../store/playlists';
import type { Recording } from '../../store/recordings';
import { segmentDocs, type SegmentDoc } from '../../store/segments';

/** What playback serves of a recording: the template every rung plays from and the rungs. */
export interface PlaybackLadder {
  template: string;
  /** Source first. */
  rungs: RungSummary[];
}

/** The playlist a viewer gets and its rungs, before URLs are filled in; null for a finished one not compiled yet. */
export async function playbackLadder(recording: Recording): Promise<PlaybackLadder | null> {
  if (!isActive(recording.status)) {
    const compiled = await compiledPlaylist(recording.id);
    if (!compiled) return null;
    return { template: compiled.template, rungs: compiled.rungs ?? [sourceOnly(recording)] };
  }
  const docs = await segmentDocs(recording.id);
  const confirmed = confirmedSegments(docs);
  return {
    template: compilePlaylist({ segments: confirmed, ended: false, nominalSegmentSeconds: SEGMENT_SECONDS }),
    rungs: summariseLadder(ladderSegments(docs, confirmed)),
  };
}

/** The playlist a viewer gets, before URLs are filled in; null for a finished one not compiled yet. */
export async function playlistTemplate(recording: Recording): Promise<string | null> {
  return (await playbackLadder(recording))?.template ?? null;
}

/** A playlist compiled before the ladder: its one rung, measured from the recording's totals. */
function sourceOnly(recording: Recording): RungSummary {
  const seconds = recording.storedSeconds || 1;
  const copyBytes = (recording.storedBytes ?? 0) - (recording.markBytes ?? 0) - (recording.ladderBytes ?? 0);
  const bps = Math.max(1, Math.ceil((copyBytes * 8) / seconds));
  return { name: 'source', peakBps: bps, averageBps: bps, absent: [] };
}

/** The confirmed segments as the ladder's measure reads them (durations as the playlist has them). */
function ladderSegments(docs: readonly SegmentDoc[], confirmed: readonly { seq: number; durationSeconds: number }[]) {
  const bySeq = new Map(docs.map((d) => [d.seq, d]));
  return confirmed.map(({ seq, durationSeconds }): LadderSegment => {
    const doc = bySeq.get(seq)!;
    const sourceCopyBytes = doc.variants
      ? (doc.variants.a.bytes + doc.variants.b.bytes) / 2
      : (doc.plainBytes ?? doc.bytes ?? 0);
    return {
      seq,
      durationSeconds,
      sourceCopyBytes,
      ...(doc.ladder ? { source: doc.ladder.source, rungs: doc.ladder.rungs } : {}),
    };
  });
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
    rungs: summariseLadder(ladderSegments(docs, confirmed)),
  };
  return { compiled, seconds: confirmed.reduce((sum, s) => sum + s.durationSeconds, 0) };
}
