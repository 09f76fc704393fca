// ingest/{recordingId}/: what LiveKit Egress uploads (raw segments, its playlists) into our bucket.
// Raw objects are deleted once their encrypted copy is confirmed, or with the recording.
import { ingestPrefix } from '../domain/ingest-path';
import { bucket } from './firebase';

/** The bucket Egress is told to upload into. */
export const ingestBucketName = (): string => bucket().name;

/** LiveKit's own playlist of the recording (its EXTINF durations are the measured ones), if uploaded. */
export async function readRawPlaylist(recordingId: string): Promise<string | null> {
  const file = bucket().file(`${ingestPrefix(recordingId)}playlist.m3u8`);
  const [exists] = await file.exists();
  if (!exists) return null;
  const [text] = await file.download();
  return text.toString('utf8');
}

export async function deleteIngestObject(name: string): Promise<void> {
  await bucket().file(name).delete({ ignoreNotFound: true });
}

/** LiveKit's playlists of a finalized recording: the compiled playlist replaces them. */
export async function deleteRawPlaylists(recordingId: string): Promise<void> {
  await Promise.all(['playlist.m3u8', 'live.m3u8'].map((f) => deleteIngestObject(`${ingestPrefix(recordingId)}${f}`)));
}

export async function deleteIngestObjects(recordingId: string): Promise<void> {
  await bucket().deleteFiles({ prefix: ingestPrefix(recordingId) });
}
