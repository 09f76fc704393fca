// Real, decodable test video: MPEG-TS segments (H.264 + AAC test pattern) made by ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

/** Three segments (7 s, 7 s, 3 s) and the playlist text ffmpeg wrote for them, LiveKit-style. */
export function realSegments(): { files: Buffer[]; playlist: string } {
  return segmentsOf('testsrc2=size=320x180:rate=25', 17);
}

/**
 * A lecture-sized recording for the forensic mark: 640×360 like the stand-in's egress, with the
 * running time written large (testsrc2 alone repeats every 12 s, as a static slide would).
 */
export function lectureSegments(seconds: number): { files: Buffer[]; playlist: string } {
  return segmentsOf(
    `testsrc2=size=640x360:rate=25,drawtext=fontfile=${FONT}:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.7:x=40:y=40:text='%{pts\\:hms}'`,
    seconds,
    ['-b:v', '600k'], // the stand-in's lecture-like bitrate
  );
}

function segmentsOf(video: string, seconds: number, videoArgs: string[] = []): { files: Buffer[]; playlist: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'segments-'));
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    video,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    ...videoArgs,
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
