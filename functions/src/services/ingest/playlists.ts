// The playlist a viewer gets, before URLs are filled in: the compiled template of a finished
// recording (one read), or, while it records, an EVENT playlist of the confirmed segments so far.
import { compilePlaylist, SEGMENT_SECONDS } from '../../domain/playlist';
import { isActive } from '../../domain/recording-state';
import { compiledPlaylist } from '../../store/playlists';
import type { Recording } from '../../store/recordings';
import { segmentDocs } from '../../store/segments';

export async function playlistTemplate(recording: Recording): Promise<string | null> {
  if (!isActive(recording.status)) return (await compiledPlaylist(recording.id))?.template ?? null;
  const confirmed = (await segmentDocs(recording.id))
    .filter((d) => d.status === 'confirmed')
    .map((d) => ({ seq: d.seq, durationSeconds: d.durationSeconds ?? SEGMENT_SECONDS }));
  return compilePlaylist({ segments: confirmed, ended: false, nominalSegmentSeconds: SEGMENT_SECONDS });
}
