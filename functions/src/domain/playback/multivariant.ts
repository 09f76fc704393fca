// The multivariant playlist of a playback session (RFC 8216 §4.3.4): its video variants and, when
// the recording has caption tracks, a SUBTITLES group every variant names. URIs are relative to
// the playlist's own URL (/api/play/{session}/), so they stay behind the session and its cookie.

export interface VideoVariant {
  uri: string;
  /** Peak bits per second (required by RFC 8216). */
  bandwidth: number;
  resolution?: { width: number; height: number };
  codecs?: string;
}

export interface SubtitleRendition {
  uri: string;
  /** BCP 47 language tag. */
  lang: string;
  /** What a player's menu shows. */
  name: string;
  /** A description track (WebVTT kind=descriptions) rather than captions. */
  descriptions?: boolean;
  default?: boolean;
}

export const SUBTITLE_GROUP = 'subs';

/** Quoted-string attribute values (RFC 8216 §4.2) cannot hold a double quote or a line break. */
const quoted = (text: string): string => `"${text.replace(/["\r\n]/g, "'")}"`;

function mediaLine(track: SubtitleRendition): string {
  const attributes = [
    'TYPE=SUBTITLES',
    `GROUP-ID=${quoted(SUBTITLE_GROUP)}`,
    `NAME=${quoted(track.name)}`,
    `LANGUAGE=${quoted(track.lang)}`,
    `DEFAULT=${track.default ? 'YES' : 'NO'}`,
    `AUTOSELECT=${track.descriptions ? 'NO' : 'YES'}`,
    ...(track.descriptions ? [`CHARACTERISTICS=${quoted('public.accessibility.describes-video')}`] : []),
    `URI=${quoted(track.uri)}`,
  ];
  return `#EXT-X-MEDIA:${attributes.join(',')}`;
}

export function multivariantPlaylist(input: {
  variants: readonly VideoVariant[];
  subtitles?: readonly SubtitleRendition[];
}): string {
  const subtitles = input.subtitles ?? [];
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS', ...subtitles.map(mediaLine)];
  for (const variant of input.variants) {
    const attributes = [
      `BANDWIDTH=${Math.max(1, Math.round(variant.bandwidth))}`,
      ...(variant.resolution ? [`RESOLUTION=${variant.resolution.width}x${variant.resolution.height}`] : []),
      ...(variant.codecs ? [`CODECS=${quoted(variant.codecs)}`] : []),
      ...(subtitles.length ? [`SUBTITLES=${quoted(SUBTITLE_GROUP)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, variant.uri);
  }
  return lines.join('\n') + '\n';
}

/**
 * A subtitle media playlist of one WebVTT segment holding the whole track: the cues are small
 * (a 3 h lecture's are about 250 KB), so one request fetches them and no cue is cut at a boundary.
 */
export function subtitleMediaPlaylist(durationSeconds: number, uri: string): string {
  const seconds = Math.max(1, durationSeconds);
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(seconds)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${seconds.toFixed(3)},`,
    uri,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}
