// playlists/{recordingId}: the compiled playlist template of a finished recording, so a view
// costs one read however long the lecture was.
import { db } from './firebase';

export interface CompiledPlaylist {
  template: string;
  segmentCount: number;
  missing: number[];
  compiledAtMs: number;
}

export const playlistRef = (recordingId: string) => db().collection('playlists').doc(recordingId);

export async function compiledPlaylist(recordingId: string): Promise<CompiledPlaylist | null> {
  const snap = await playlistRef(recordingId).get();
  return snap.exists ? (snap.data() as CompiledPlaylist) : null;
}
