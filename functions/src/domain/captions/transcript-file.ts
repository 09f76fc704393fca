// A caption track as a file to keep: plain text (one line a cue, its time first, under the lecture's
// title) or WebVTT (the same escaping as the subtitle rendition's). The file name is the title's,
// cut to characters every file system and Content-Disposition take.
import type { CaptionCue } from '@lecturevault/contract';
import { toWebVtt } from './caption-file';

export type TranscriptFormat = 'txt' | 'vtt';

/** "m:ss" under an hour, "h:mm:ss" from there, as the player's transcript panel shows times. */
export function transcriptClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function transcriptFile(
  title: string,
  cues: readonly CaptionCue[],
  format: TranscriptFormat,
): { fileName: string; contentType: string; text: string } {
  const base =
    title
      .replace(/[^\w .-]+/g, '_')
      .trim()
      .slice(0, 100) || 'transcript';
  if (format === 'vtt') return { fileName: `${base}.vtt`, contentType: 'text/vtt', text: toWebVtt(cues) };
  const lines = cues.map((cue) => `[${transcriptClock(cue.startMs)}] ${cue.text.replace(/\s*\n\s*/g, ' ')}`);
  return { fileName: `${base}.txt`, contentType: 'text/plain', text: `${title}\n\n${lines.join('\n')}\n` };
}
