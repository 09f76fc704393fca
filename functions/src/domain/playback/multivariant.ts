// The multivariant playlist (RFC 8216 §4.3.4) a playback session starts from: one EXT-X-STREAM-INF
// per rung of the ladder (the audio-only rung a variant of its own) and, when a caller passes them,
// EXT-X-MEDIA subtitle renditions every variant refers to. Pure text: the playback service measures
// the figures and signs the URIs. No EXT-X-VERSION: nothing here needs more than version 1.

/** One variant stream: a rung's media playlist and what a player chooses it by. */
export interface MultivariantVariant {
  /** The rung's media playlist, relative to the multivariant playlist. */
  uri: string;
  /** Peak segment bit rate, bits/s (RFC 8216 §4.3.4.2: BANDWIDTH). */
  bandwidth: number;
  /** Mean bit rate over the stored segments, bits/s. */
  averageBandwidth?: number;
  /** Absent for the audio-only variant. */
  resolution?: { width: number; height: number };
  /** RFC 6381 codec strings, e.g. ['avc1.64001f', 'mp4a.40.2']. */
  codecs?: readonly string[];
  frameRate?: number;
}

/** One subtitle track (EXT-X-MEDIA TYPE=SUBTITLES), in the one group every variant names. */
export interface SubtitleRendition {
  /** Shown in the player's menu. */
  name: string;
  /** BCP 47 language tag. */
  language?: string;
  /** The rendition's media playlist, relative to the multivariant playlist. */
  uri: string;
  default?: boolean;
  autoselect?: boolean;
  /** A description track (WebVTT kind=descriptions) rather than captions: never chosen by itself. */
  descriptions?: boolean;
}

/** The GROUP-ID of the subtitle renditions. */
export const SUBTITLE_GROUP = 'subs';

/** A quoted-string attribute (RFC 8216 §4.2): no double quote, CR or LF may appear in it. */
function quoted(value: string): string {
  if (/["\r\n]/.test(value)) throw new Error(`not allowed in a playlist attribute: ${JSON.stringify(value)}`);
  return `"${value}"`;
}

const positiveInteger = (n: number): string => {
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive figure: ${n}`);
  return String(Math.ceil(n));
};

function streamInf(variant: MultivariantVariant, subtitles: boolean): string {
  const attributes = [`BANDWIDTH=${positiveInteger(variant.bandwidth)}`];
  if (variant.averageBandwidth !== undefined)
    attributes.push(`AVERAGE-BANDWIDTH=${positiveInteger(Math.min(variant.averageBandwidth, variant.bandwidth))}`);
  if (variant.codecs?.length) attributes.push(`CODECS=${quoted(variant.codecs.join(','))}`);
  if (variant.resolution) attributes.push(`RESOLUTION=${variant.resolution.width}x${variant.resolution.height}`);
  if (variant.frameRate !== undefined && variant.resolution)
    attributes.push(`FRAME-RATE=${variant.frameRate.toFixed(3)}`);
  if (subtitles) attributes.push(`SUBTITLES=${quoted(SUBTITLE_GROUP)}`);
  return `#EXT-X-STREAM-INF:${attributes.join(',')}`;
}

function media(rendition: SubtitleRendition): string {
  const attributes = [
    'TYPE=SUBTITLES',
    `GROUP-ID=${quoted(SUBTITLE_GROUP)}`,
    `NAME=${quoted(rendition.name)}`,
    ...(rendition.language ? [`LANGUAGE=${quoted(rendition.language)}`] : []),
    `DEFAULT=${rendition.default ? 'YES' : 'NO'}`,
    // RFC 8216 §4.3.4.1: AUTOSELECT must be YES when DEFAULT is.
    `AUTOSELECT=${rendition.autoselect || rendition.default ? 'YES' : 'NO'}`,
    ...(rendition.descriptions ? [`CHARACTERISTICS=${quoted('public.accessibility.describes-video')}`] : []),
    `URI=${quoted(rendition.uri)}`,
  ];
  return `#EXT-X-MEDIA:${attributes.join(',')}`;
}

/**
 * The multivariant playlist of `variants`, in the order given (a native player starts with the
 * first), and of `subtitles`. Throws on a figure that is not positive or a URI a playlist cannot carry.
 */
export function multivariantPlaylist(
  variants: readonly MultivariantVariant[],
  subtitles: readonly SubtitleRendition[] = [],
): string {
  if (!variants.length) throw new Error('a multivariant playlist needs at least one variant');
  const lines = ['#EXTM3U', '#EXT-X-INDEPENDENT-SEGMENTS', ...subtitles.map(media)];
  for (const variant of variants) {
    if (/[\r\n]/.test(variant.uri)) throw new Error('a variant URI must be one line');
    lines.push(streamInf(variant, subtitles.length > 0), variant.uri);
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
