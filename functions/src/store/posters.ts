// A recording's poster frame: recordings/{id}/poster in the main bucket (private, like the segments:
// only our functions read it, storage.rules allow no client; sealed under the recording key by the
// caller, domain/keys/segment-crypto.ts) and its image type on the recording document
// (posterType), which the library reads to know there is one. Written once: the first captured image
// wins, a later one (or a redelivery) changes nothing. Deleted with the recording's objects (the
// recordings/{id}/ prefix, store/segments.ts).
import type { PosterType } from '../domain/ingest/poster-image';
import { bucket } from './firebase';
import { recordingRef } from './recordings';

const posterPath = (recordingId: string) => `recordings/${recordingId}/poster`;
const typeOf = (custom: unknown): PosterType =>
  (custom as { posterType?: string } | undefined)?.posterType === 'image/png' ? 'image/png' : 'image/jpeg';

/** Stores the sealed poster unless the recording has one; whether this call stored it. */
export async function savePoster(recordingId: string, sealed: Buffer, type: PosterType): Promise<boolean> {
  const file = bucket().file(posterPath(recordingId));
  let stored = true;
  try {
    // ifGenerationMatch 0: only if no object exists, so two concurrent first images cannot both win.
    await file.save(sealed, {
      resumable: false,
      contentType: 'application/octet-stream',
      metadata: { cacheControl: 'private, max-age=0', metadata: { encryption: 'aes-128-cbc', posterType: type } },
      preconditionOpts: { ifGenerationMatch: 0 },
    });
  } catch (error) {
    if ((error as { code?: number }).code !== 412) throw error;
    stored = false;
  }
  // Also after a lost race or a run that died between the two writes: the document names the stored type.
  const storedType = stored ? type : typeOf((await file.getMetadata())[0].metadata);
  await recordingRef(recordingId).update({ posterType: storedType });
  return stored;
}

/** The sealed poster, or null when the recording has none (or it was deleted). */
export async function readPoster(recordingId: string): Promise<Buffer | null> {
  try {
    const [sealed] = await bucket().file(posterPath(recordingId)).download();
    return sealed;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return null;
    throw error;
  }
}
