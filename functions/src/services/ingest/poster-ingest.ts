// A captured image from Egress (ingest/{recordingId}/poster_NNNNN.jpeg) becomes the recording's
// poster if it is the first one and a whole JPEG or PNG (domain/ingest/poster-image.ts), sealed under the
// recording key like its segments; every raw image
// is then deleted from the ingest bucket, kept or not. A hostile object under that name is refused
// like any other (deleted, one alert per recording and reason) and the recording goes on unaffected.
import { MAX_POSTER_BYTES, posterType } from '../../domain/ingest/poster-image';
import { sealPoster } from '../../domain/keys/segment-crypto';
import { deleteIngestObject, readSmallRawObject } from '../../store/ingest';
import { recordingKey } from '../../store/keys';
import { savePoster } from '../../store/posters';
import { getRecording } from '../../store/recordings';

export type PosterOutcome = 'poster' | 'duplicate' | 'ignored' | 'not-an-image';

export async function ingestPosterImage(name: string, recordingId: string): Promise<PosterOutcome> {
  const recording = await getRecording(recordingId);
  // No recording (yet, or any more), or one that has its poster: nothing to keep. An image is not
  // worth waiting for the sweep to adopt an egress: the next one a minute later will do.
  if (!recording || recording.deletingAtMs || recording.posterType) {
    await deleteIngestObject(name);
    return recording?.posterType ? 'duplicate' : 'ignored';
  }
  const bytes = await readSmallRawObject(name, MAX_POSTER_BYTES);
  const type = bytes && posterType(bytes);
  if (!type) return 'not-an-image'; // the caller refuses (deletes and alerts)
  const stored = await savePoster(recordingId, sealPoster(await recordingKey(recordingId), bytes), type);
  await deleteIngestObject(name);
  return stored ? 'poster' : 'duplicate';
}
