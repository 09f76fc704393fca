// What a raw segment holds, for planning its ladder (domain/playback/ladder.ts): ffprobe reads the
// head of the stream (picture size, frame rate, whether there is audio, the codecs' profiles) and
// the read stops there. The binary sits beside ffmpeg (media/ffmpeg.ts), run the same way: scrubbed
// environment, bounded output, a wall budget.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { avcCodecString, AAC_LC_CODEC, type SourceFacts } from '../domain/playback/ladder';
import { FFMPEG_ENV, FfmpegFailed, ffmpegPath } from './ffmpeg';

/** Enough of a 7 s segment to find its first keyframe's parameters and its audio. */
const PROBE_BYTES = 1_000_000;
const PROBE_WALL_MS = 20_000;
const MAX_REPORT_BYTES = 64 * 1024;

interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
}

/** ffprobe's JSON report as SourceFacts; null when it has no video with a size. */
export function sourceFactsOf(report: { streams?: ProbedStream[] }): SourceFacts | null {
  const video = report.streams?.find((s) => s.codec_type === 'video' && s.width && s.height);
  if (!video) return null;
  const audio = report.streams?.find((s) => s.codec_type === 'audio');
  const [num, den] = (video.avg_frame_rate ?? '').split('/').map(Number);
  const fps = num && den ? num / den : 30;
  const videoCodec = video.codec_name === 'h264' ? avcCodecString(video.profile, video.level) : undefined;
  const aac = audio?.codec_name === 'aac' && audio.profile === 'LC';
  // Stored in Firestore as it is: no undefined fields.
  return {
    width: video.width!,
    height: video.height!,
    fps: Math.round(fps * 1000) / 1000,
    hasAudio: !!audio,
    ...(videoCodec ? { videoCodec } : {}),
    ...(aac ? { audioCodec: AAC_LC_CODEC } : {}),
  };
}

function parseReport(text: string): SourceFacts | null {
  try {
    return sourceFactsOf(JSON.parse(text) as { streams?: ProbedStream[] });
  } catch {
    return null;
  }
}

/** Probes the head of `raw` (which it then stops reading). Rejects with FfmpegFailed when it cannot tell. */
export function probeSegment(raw: Readable): Promise<SourceFacts> {
  const ffprobe = path.join(path.dirname(ffmpegPath()), 'ffprobe');
  const child = spawn(
    ffprobe,
    [
      '-hide_banner',
      '-v',
      'error',
      '-probesize',
      String(PROBE_BYTES),
      '-f',
      'mpegts',
      '-i',
      'pipe:0',
      '-show_entries',
      'stream=codec_type,codec_name,profile,level,width,height,avg_frame_rate',
      '-of',
      'json',
    ],
    { stdio: ['pipe', 'pipe', 'ignore'], env: { ...FFMPEG_ENV } },
  );
  // ffprobe stops reading once it knows: the writer then meets a closed pipe, which is expected.
  child.stdin.on('error', () => undefined);
  raw.on('error', () => child.kill('SIGKILL'));
  raw.pipe(child.stdin);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (out.length < MAX_REPORT_BYTES) out += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_WALL_MS);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new FfmpegFailed(`ffprobe could not start: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      raw.unpipe(child.stdin);
      raw.destroy();
      const facts = code === 0 ? parseReport(out) : null;
      if (facts) resolve(facts);
      else reject(new FfmpegFailed(`ffprobe found no video in the segment (exit ${signal ?? code})`));
    });
  });
}
