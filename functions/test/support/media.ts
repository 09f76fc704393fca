// Real, decodable test video: MPEG-TS segments (H.264 + AAC test pattern) made by ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Three segments (7 s, 7 s, 3 s) and the playlist text ffmpeg wrote for them, LiveKit-style. */
export function realSegments(): { files: Buffer[]; playlist: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'segments-'));
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=25',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    '17',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-force_key_frames',
    'expr:gte(t,n_forced*7)',
    '-c:a',
    'aac',
    '-f',
    'hls',
    '-hls_time',
    '7',
    '-hls_list_size',
    '0',
    '-hls_segment_filename',
    path.join(dir, 'seg_%05d.ts'),
    path.join(dir, 'playlist.m3u8'),
  ]);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  return {
    files: names.map((n) => readFileSync(path.join(dir, n))),
    playlist: readFileSync(path.join(dir, 'playlist.m3u8'), 'utf8'),
  };
}
