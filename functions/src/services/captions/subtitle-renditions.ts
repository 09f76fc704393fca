// The subtitle renditions a session's multivariant playlist names (services/playback builds it):
// one per caption or description track of the recording, captions first, each at
// subs/{track}/playlist.m3u8 relative to the playlist (caption-delivery serves them).
import type { SubtitleRendition } from '../../domain/playback/multivariant';
import { captionTracks, trackId } from '../../store/captions';

const trackName = (lang: string, descriptions: boolean): string => {
  let name = lang;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    // an unusual tag keeps its code as its name
  }
  return descriptions ? `${name} (descriptions)` : name;
};

export async function subtitleRenditions(recordingId: string): Promise<SubtitleRendition[]> {
  const tracks = await captionTracks(recordingId);
  return tracks
    .sort((a, b) => (a.kind === b.kind ? a.lang.localeCompare(b.lang) : a.kind === 'captions' ? -1 : 1))
    .map((t) => ({
      uri: `subs/${trackId(t.lang, t.kind)}/playlist.m3u8`,
      language: t.lang,
      name: trackName(t.lang, t.kind === 'descriptions'),
      // Captions are chosen by players that follow the viewer's caption preference; descriptions never.
      autoselect: t.kind === 'captions',
      descriptions: t.kind === 'descriptions',
    }));
}
