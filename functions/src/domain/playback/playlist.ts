// HLS media playlists (RFC 8216) built from confirmed segments only. While recording: EVENT
// without ENDLIST; when finished: VOD with ENDLIST. A missing segment becomes an EXT-X-GAP entry
// so the player skips it and every later segment keeps its sequence number (and so its IV).
// A finished recording's playlist is compiled once into a template; a view only fills in URLs.
// EXT-X-VERSION no higher than the tags need: 3 for decimal EXTINF durations (RFC 8216 §7), 8 once
// an EXT-X-GAP appears (draft-pantos-hls-rfc8216bis, as hls-parser checks it); the implicit IV (the
// media sequence number) and EXT-X-INDEPENDENT-SEGMENTS need none. Every rung of the ladder plays
// from the same template (rungTemplate adds the gaps a rung has of its own).

export interface ConfirmedSegment {
  seq: number;
  durationSeconds: number;
}

export interface PlaylistInput {
  segments: ConfirmedSegment[];
  /** Segments LiveKit says it produced; those after the last confirmed one are gaps too once ended. */
  expectedCount?: number;
  ended: boolean;
  nominalSegmentSeconds: number;
}

/** The segment length Egress is asked for: a segment's duration until LiveKit's playlist measures it. */
export const SEGMENT_SECONDS = 7;

/**
 * The most segments a recording may have: 24 h of 7 s segments (sequence numbers 0 … 12,342).
 * Ingest refuses a higher sequence number, and a playlist never lists more, whatever count a
 * (signed) egress report claims: a higher one would make a template over Firestore's 1 MiB document
 * limit, so one crafted object could block a recording for good (docs/ingest-and-retention.md).
 */
export const MAX_SEGMENTS = Math.ceil((24 * 3600) / SEGMENT_SECONDS);

const VERSION_LINE = (version: number) => `#EXT-X-VERSION:${version}`;
/** The version a playlist with EXT-X-GAP declares. */
const GAP_VERSION = 8;

/** Marks where a view puts a segment URL and the key URI. */
export const SEGMENT_URI = (seq: number) => `{{seg:${seq}}}`;
export const KEY_URI = '{{key}}';

/** Builds the playlist with placeholders: the compiled template of a recording. */
export function compilePlaylist(input: PlaylistInput): string {
  const bySeq = new Map(input.segments.filter((s) => s.seq < MAX_SEGMENTS).map((s) => [s.seq, s]));
  const count = input.ended ? segmentCountOf(bySeq.keys(), input.expectedCount ?? 0) : contiguousCount(bySeq);
  const durations = Array.from(
    { length: count },
    (_, seq) => bySeq.get(seq)?.durationSeconds ?? input.nominalSegmentSeconds,
  );
  // A loop, not Math.max(...durations): spreading 100k+ arguments overflows the stack.
  const target = Math.ceil(durations.reduce((max, d) => Math.max(max, d), input.nominalSegmentSeconds));
  const lines = [
    '#EXTM3U',
    VERSION_LINE(3),
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${input.ended ? 'VOD' : 'EVENT'}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-KEY:METHOD=AES-128,URI="${KEY_URI}"`,
  ];
  let gaps = false;
  for (let seq = 0; seq < count; seq++) {
    if (!bySeq.has(seq)) {
      lines.push('#EXT-X-GAP');
      gaps = true;
    }
    lines.push(`#EXTINF:${durations[seq].toFixed(3)},`, SEGMENT_URI(seq));
  }
  if (gaps) lines[1] = VERSION_LINE(GAP_VERSION);
  if (input.ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** Last sequence number + 1, or the count LiveKit reported if higher; never above MAX_SEGMENTS. */
function segmentCountOf(seqs: Iterable<number>, expectedCount: number): number {
  let count = Math.max(0, expectedCount);
  for (const seq of seqs) count = Math.max(count, seq + 1);
  return Math.min(count, MAX_SEGMENTS);
}

/** While recording, only the unbroken run from 0 is published: a late segment may still arrive. */
function contiguousCount(bySeq: Map<number, ConfirmedSegment>): number {
  let n = 0;
  while (bySeq.has(n)) n++;
  return n;
}

/**
 * The template of a rung that lacks some of the confirmed segments (ingest stored them without
 * their lower rungs): each becomes an EXT-X-GAP, so the rung keeps every sequence number.
 */
export function rungTemplate(template: string, absent: readonly number[]): string {
  if (!absent.length) return template;
  const gaps = new Set(absent);
  return template
    .replace(/^#EXT-X-VERSION:\d+$/m, VERSION_LINE(GAP_VERSION))
    .replace(
      /(#EXT-X-GAP\n)?(#EXTINF:[^\n]*\n\{\{seg:(\d+)\}\})/g,
      (whole, gap: string | undefined, entry: string, seq: string) =>
        !gap && gaps.has(Number(seq)) ? `#EXT-X-GAP\n${entry}` : whole,
    );
}

/**
 * A finished template as an EVENT playlist, for a viewer whose session began while the lecture
 * recorded: RFC 8216 §6.2.1 lets an EVENT playlist only grow, and end with EXT-X-ENDLIST; its
 * type must not turn into VOD under a client that loaded it as EVENT.
 */
export const asEventPlaylist = (template: string): string =>
  template.replace(/^#EXT-X-PLAYLIST-TYPE:VOD$/m, '#EXT-X-PLAYLIST-TYPE:EVENT');

/** Fills a compiled template: one pass over the text, no per-segment I/O. */
export function renderPlaylist(template: string, keyUri: string, segmentUri: (seq: number) => string): string {
  return template.replace(/\{\{(seg:(\d+)|key)\}\}/g, (_m, _all: string, seq: string | undefined) =>
    seq === undefined ? keyUri : segmentUri(Number(seq)),
  );
}

/** A segment's index doc as far as a playlist needs it. */
export interface SegmentFacts {
  seq: number;
  status: 'confirmed' | 'missing';
  durationSeconds?: number;
}

/**
 * The confirmed segments a playlist lists, each with its duration: as LiveKit's playlist measured
 * it (`measured`, once the recording has ended), else as stored, else the nominal length.
 */
export function confirmedSegments(
  docs: readonly SegmentFacts[],
  measured: ReadonlyMap<number, number> = new Map(),
): ConfirmedSegment[] {
  return docs
    .filter((d) => d.status === 'confirmed')
    .map((d) => ({ seq: d.seq, durationSeconds: measured.get(d.seq) ?? d.durationSeconds ?? SEGMENT_SECONDS }));
}

/**
 * What a finished recording's gaps change beyond its playlist: a ready recording with missing
 * segments is incomplete, for an upload gap; any other status stays as it is.
 */
export function uploadGapOutcome(
  status: string,
  missing: readonly number[],
): { status: 'incomplete'; reason: 'upload-gap'; detail: string } | undefined {
  if (!missing.length || status !== 'ready') return undefined;
  return {
    status: 'incomplete',
    reason: 'upload-gap',
    detail: `${missing.length} segment(s) missing: ${missing.join(', ')}.`,
  };
}

/** Missing sequence numbers of a finished recording (for the "upload gap" reason and alerts). */
export function missingSegments(segments: ConfirmedSegment[], expectedCount: number): number[] {
  const have = new Set(segments.map((s) => s.seq));
  const count = segmentCountOf(have, expectedCount);
  return Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
}

/** EXTINF durations from LiveKit's raw playlist: the final segment is usually shorter than nominal. */
export function durationsFromRawPlaylist(text: string): Map<number, number> {
  const durations = new Map<number, number>();
  let pending: number | undefined;
  for (const line of text.split('\n')) {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) pending = Number(extinf[1]);
    const seg = /seg_(\d+)\.ts\s*$/.exec(line);
    if (seg && pending !== undefined) {
      durations.set(Number(seg[1]), pending);
      pending = undefined;
    }
  }
  return durations;
}
