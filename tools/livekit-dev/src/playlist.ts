// HLS playlists as real egress writes them (pure functions): the EVENT main playlist and the
// 5-segment live window. Entries are only segments whose upload already finished.
import type { SegmentRecord, SegmentTarget } from './rooms.js';
import { playlistDir } from './wire.js';

const LIVE_WINDOW = 5;

function header(target: SegmentTarget, segs: SegmentRecord[], event: boolean, mediaSequence: number): string[] {
  const maxDur = Math.max(target.segmentDuration, ...segs.map((s) => Math.ceil(s.duration)));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:4',
    ...(event ? ['#EXT-X-PLAYLIST-TYPE:EVENT'] : []),
    '#EXT-X-ALLOW-CACHE:NO',
    `#EXT-X-TARGETDURATION:${maxDur}`,
    `#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`,
  ];
}

function entries(target: SegmentTarget, segs: SegmentRecord[]): string[] {
  const dir = playlistDir(target.filenamePrefix);
  return segs.flatMap((s) => [
    `#EXT-X-PROGRAM-DATE-TIME:${new Date(s.startedAtMs).toISOString()}`,
    `#EXTINF:${s.duration.toFixed(3)},`,
    s.name.startsWith(dir) ? s.name.slice(dir.length) : s.name, // relative to the playlist
  ]);
}

const sorted = (segs: SegmentRecord[]): SegmentRecord[] => [...segs].sort((a, b) => a.index - b.index);

export function renderPlaylist(target: SegmentTarget, segments: SegmentRecord[], ended: boolean): string {
  const segs = sorted(segments);
  return [...header(target, segs, true, 0), ...entries(target, segs), ...(ended ? ['#EXT-X-ENDLIST'] : []), ''].join(
    '\n',
  );
}

export function renderLivePlaylist(target: SegmentTarget, segments: SegmentRecord[], ended: boolean): string {
  const segs = sorted(segments).slice(-LIVE_WINDOW);
  const seq = segs[0]?.index ?? 0;
  return [...header(target, segs, false, seq), ...entries(target, segs), ...(ended ? ['#EXT-X-ENDLIST'] : []), ''].join(
    '\n',
  );
}

/** Object name of segment `index`: `<prefix>_00000.ts`, or `<prefix>_YYYYMMDDhhmmssmmm.ts` for TIMESTAMP. */
export function segmentObjectName(target: SegmentTarget, index: number, startedAtMs: number): string {
  if (target.suffix === 'TIMESTAMP') {
    const d = new Date(startedAtMs).toISOString(); // 2024-05-01T12:34:56.789Z
    return `${target.filenamePrefix}_${d.replace(/[-:TZ.]/g, '')}.ts`;
  }
  return `${target.filenamePrefix}_${String(index).padStart(5, '0')}.ts`;
}

export const playlistObjectName = (target: SegmentTarget, name: string): string =>
  playlistDir(target.filenamePrefix) + name;
