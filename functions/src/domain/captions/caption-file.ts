// Caption files in and out: parses an uploaded WebVTT or SRT file into plain-text cues (every
// timing checked, every tag stripped and every entity decoded, so what is stored is text and only
// text), checks cues an editor sends, and writes a track back out as WebVTT with its text escaped.
// What reaches the page is therefore never markup: the player renders cues as text nodes, and a
// browser's own WebVTT renderer gets `&lt;` for every `<` a cue holds.
import {
  MAX_CAPTION_BYTES,
  MAX_CAPTION_CUES,
  MAX_CUE_CHARS,
  MAX_CUE_END_MS,
  type CaptionCue,
} from '@lecturevault/contract';

/** A track's text in all: with its cues' times it stays well inside a Firestore document's 1 MiB. */
export const MAX_TRACK_BYTES = 400_000;

/** A file or cue list we refuse, with a message that names the line or cue. */
export class CaptionFileError extends Error {}

const TIMING = /^\s*((?:\d{1,3}:)?\d{2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d{1,3}:)?\d{2}:\d{2}[.,]\d{3})(?:\s+.*)?$/;

/** "01:02:03.456", "02:03.456" or SRT's "01:02:03,456" in milliseconds; null when a field is out of range. */
export function timestampMs(text: string): number | null {
  const match = /^(?:(\d{1,3}):)?(\d{2}):(\d{2})[.,](\d{3})$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes, seconds, millis] = [
    Number(match[1] ?? 0),
    Number(match[2]),
    Number(match[3]),
    Number(match[4]),
  ];
  if (minutes > 59 || seconds > 59) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** Milliseconds as WebVTT's "hh:mm:ss.ttt". */
export function vttTimestamp(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}`;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

/**
 * A cue's payload as plain text: tags (`<b>`, `<v Speaker>`, `<c.x>`, `<00:01.000>`, and any HTML a
 * file carries) removed, entities decoded, control characters and bidi overrides (which could make a cue read backwards) dropped, spaces collapsed per line.
 */
export function plainCueText(payload: string): string {
  return payload
    .replace(/<[^>]*>?/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0x1f && code <= 0x10ffff && (code < 0x7f || code > 0x9f) ? String.fromCodePoint(code) : '';
    })
    .replace(/<[^>]*>?/g, '') // what decoding turned into a tag ("&lt;script&gt;") goes too
    .split('\n')
    .map((line) =>
      line
        .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/** Checks one track's cues (from a file or the editor): timings in order and in range, text within bounds. */
export function checkCues(cues: readonly CaptionCue[]): CaptionCue[] {
  if (cues.length > MAX_CAPTION_CUES)
    throw new CaptionFileError(`At most ${MAX_CAPTION_CUES} cues; this has ${cues.length}.`);
  const checked = cues.map((cue, i) => {
    const where = `Cue ${i + 1}`;
    if (!Number.isSafeInteger(cue.startMs) || !Number.isSafeInteger(cue.endMs) || cue.startMs < 0)
      throw new CaptionFileError(`${where}: times must be whole milliseconds from 0.`);
    if (cue.endMs <= cue.startMs) throw new CaptionFileError(`${where}: it must end after it starts.`);
    if (cue.endMs > MAX_CUE_END_MS) throw new CaptionFileError(`${where}: it ends after 24 hours.`);
    const text = plainCueText(cue.text);
    if (text.length > MAX_CUE_CHARS) throw new CaptionFileError(`${where}: longer than ${MAX_CUE_CHARS} characters.`);
    return { startMs: cue.startMs, endMs: cue.endMs, text };
  });
  const total = checked.reduce((sum, cue) => sum + Buffer.byteLength(cue.text, 'utf8'), 0);
  if (total > MAX_TRACK_BYTES) throw new CaptionFileError(`At most ${MAX_TRACK_BYTES / 1000} KB of text in a track.`);
  // Stable: cues that start together keep the file's order.
  return checked.filter((cue) => cue.text).sort((a, b) => a.startMs - b.startMs);
}

/** Parses a WebVTT or SRT file (told apart by the WEBVTT signature) into checked plain-text cues. */
export function parseCaptionFile(text: string): CaptionCue[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_CAPTION_BYTES)
    throw new CaptionFileError('The file is larger than 512 KB.');
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const vtt = /^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '');
  if (!vtt && !lines.some((line) => TIMING.test(line)))
    throw new CaptionFileError('This is neither WebVTT (it would start with WEBVTT) nor SRT: no cue timings found.');
  const cues: CaptionCue[] = [];
  let i = vtt ? 1 : 0;
  while (i < lines.length) {
    // A block runs to the next blank line.
    while (i < lines.length && !lines[i]!.trim()) i++;
    const start = i;
    while (i < lines.length && lines[i]!.trim()) i++;
    const block = lines.slice(start, i);
    if (!block.length) continue;
    if (vtt && /^(NOTE|STYLE|REGION)(\s|$)/.test(block[0]!)) continue;
    const at = block.findIndex((line) => line.includes('-->'));
    if (at < 0 || at > 1) {
      if (vtt && start === 1) continue; // header metadata lines after WEBVTT
      throw new CaptionFileError(`Line ${start + 1}: expected a cue timing such as 00:00:01.000 --> 00:00:04.000.`);
    }
    const timing = TIMING.exec(block[at]!);
    const startMs = timing && timestampMs(timing[1]!);
    const endMs = timing && timestampMs(timing[2]!);
    if (startMs == null || endMs == null)
      throw new CaptionFileError(`Line ${start + at + 1}: "${block[at]!.slice(0, 60)}" is not a valid cue timing.`);
    cues.push({ startMs, endMs, text: block.slice(at + 1).join('\n') });
    if (cues.length > MAX_CAPTION_CUES) throw new CaptionFileError(`At most ${MAX_CAPTION_CUES} cues.`);
  }
  if (!cues.length) throw new CaptionFileError('The file holds no cues.');
  return checkCues(cues);
}

/** Cue text as WebVTT cue payload: `&`, `<` and `>` escaped (so "-->" cannot end a cue early). */
export const escapeCueText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A track as a WebVTT file. With `timestampMap`, the X-TIMESTAMP-MAP header HLS asks of a subtitle
 * segment: cue time 0 (LOCAL) is the first video frame's MPEG-TS timestamp.
 */
export function toWebVtt(cues: readonly CaptionCue[], timestampMap?: { mpegts: number }): string {
  const head = timestampMap
    ? ['WEBVTT', `X-TIMESTAMP-MAP=MPEGTS:${timestampMap.mpegts},LOCAL:00:00:00.000`]
    : ['WEBVTT'];
  const body = cues.map(
    (cue) => `${vttTimestamp(cue.startMs)} --> ${vttTimestamp(cue.endMs)}\n${escapeCueText(cue.text)}`,
  );
  return [head.join('\n'), ...body].join('\n\n') + '\n';
}
