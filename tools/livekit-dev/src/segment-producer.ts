// One ffmpeg run producing real MPEG-TS HLS (H.264 Main + AAC-LC test pattern and tone, or a spoken
// lecture: lecture-speech.ts) into a temp
// dir. ffmpeg lists a segment in its playlist only once it is closed, so polling that playlist tells
// us which segments are ready to upload. ffmpeg runs in its own process group, always killed by us.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ProducedSegment {
  localIndex: number;
  file: string;
  duration: number; // seconds
}

export interface ProducerHandlers {
  onSegment(seg: ProducedSegment): void;
  /** expected = we asked it to stop (finish/kill); otherwise it crashed. */
  onExit(info: { code: number | null; signal: string | null; expected: boolean; stderr: string }): void;
}

export interface ProducerOptions {
  ffmpegPath: string;
  dir: string;
  segmentDuration: number;
  speed: number;
  videoSize: string; // WxH
  fps: number;
  label: string; // burnt into the picture when a font is available
  /** A WAV spoken over the recording from its first moment (then silence) instead of the tone. */
  speechFile?: string;
}

const POLL_MS = 150;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

// Every live ffmpeg process group, so nothing survives our own exit (tests, Ctrl-C).
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
}
function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
export const liveFfmpegGroups = (): number[] => [...liveGroups];

export function ffmpegArgs(o: ProducerOptions): string[] {
  const d = o.segmentDuration;
  const rate = String(o.speed);
  const [width, height] = o.videoSize.split('x').map(Number) as [number, number];
  // LiveKit's default preset's 3,000 kbit/s at 1280×720 30 fps, in proportion to the pixels per
  // second at other sizes (320×180 at 25 fps, the test kit's: ~160 kbit/s).
  const kbps = Math.max(100, Math.round((3000 * width * height * o.fps) / (1280 * 720 * 30)));
  let video = `testsrc2=size=${o.videoSize}:rate=${o.fps}`;
  if (fs.existsSync(FONT)) {
    // Wall clock + egress id so a viewer can tell recordings and moments apart.
    const clock = String.raw`%{localtime\:%H\\\:%M\\\:%S}`;
    video += `,drawtext=fontfile=${FONT}:fontsize=20:fontcolor=white:box=1:boxcolor=black@0.6:x=10:y=h-30:text='${o.label} ${clock}'`;
  }
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-readrate',
    rate,
    '-f',
    'lavfi',
    '-i',
    video,
    '-readrate',
    rate,
    ...(o.speechFile
      ? // The speech, then silence for as long as the recording goes on (apad), at egress's rate.
        ['-i', o.speechFile, '-af', 'apad']
      : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']),
    '-map',
    '0:v',
    '-map',
    '1:a',
    // ultrafast turns CABAC off (= Constrained Baseline); cabac=1 keeps it Main as real egress.
    '-c:v',
    'libx264',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-b:v',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${2 * kbps}k`,
    '-x264-params',
    'cabac=1',
    '-g',
    String(o.fps * d),
    '-keyint_min',
    String(o.fps * d),
    '-sc_threshold',
    '0',
    '-force_key_frames',
    `expr:gte(t,n_forced*${d})`,
    '-c:a',
    'aac',
    '-profile:a',
    'aac_low',
    '-b:a',
    '128k',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-f',
    'hls',
    '-hls_time',
    String(d),
    '-hls_list_size',
    '0',
    '-hls_playlist_type',
    'event',
    '-hls_segment_filename',
    path.join(o.dir, 'seg_%05d.ts'),
    path.join(o.dir, 'index.m3u8'),
  ];
}

/** Closed segments listed in an ffmpeg playlist (only complete "EXTINF + name + newline" entries). */
export function parseFfmpegPlaylist(text: string): { name: string; duration: number }[] {
  const out: { name: string; duration: number }[] = [];
  const lines = text.split('\n');
  lines.pop(); // the last piece has no newline yet: maybe half-written
  for (let i = 0; i < lines.length; i++) {
    const m = /^#EXTINF:([\d.]+),/.exec(lines[i]!);
    const name = lines[i + 1]?.trim();
    if (m && name && !name.startsWith('#')) {
      out.push({ name, duration: Number(m[1]) });
      i++;
    }
  }
  return out;
}

export class SegmentProducer {
  private child?: ChildProcess;
  private timer?: NodeJS.Timeout;
  private seen = 0;
  private expected = false;
  private silenced = false;
  private stderr = '';
  private exited?: Promise<void>;

  constructor(private readonly o: ProducerOptions) {}

  start(h: ProducerHandlers): void {
    fs.mkdirSync(this.o.dir, { recursive: true });
    const child = spawn(this.o.ffmpegPath, ffmpegArgs(this.o), {
      detached: true, // own process group: we kill the whole group
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    if (child.pid) trackGroup(child.pid);
    child.stderr?.on('data', (b: Buffer) => {
      this.stderr = (this.stderr + b.toString()).slice(-2000);
    });
    this.timer = setInterval(() => this.poll(h), POLL_MS);
    this.exited = new Promise((resolve) => {
      let done = false;
      const finish = (code: number | null, signal: string | null): void => {
        if (done) return;
        done = true;
        if (child.pid) liveGroups.delete(child.pid);
        if (this.child?.pid) killGroup(this.child.pid, 'SIGKILL'); // any stragglers in the group
        clearInterval(this.timer);
        this.poll(h); // segments closed by the final flush
        if (!this.silenced) h.onExit({ code, signal, expected: this.expected, stderr: this.stderr });
        resolve();
      };
      child.on('exit', finish);
      child.on('error', (err) => {
        this.stderr += String(err.message);
        finish(null, null);
      });
    });
  }

  /** Graceful stop: SIGINT lets ffmpeg close the current segment; SIGKILL if it hangs. */
  async finish(timeoutMs = 10000): Promise<void> {
    if (!this.child?.pid || !this.exited) return;
    this.expected = true;
    killGroup(this.child.pid, 'SIGINT');
    const t = setTimeout(() => this.child?.pid && killGroup(this.child.pid, 'SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(t);
  }

  /** Hard stop with no further callbacks (crash, freeze, limit, shutdown). */
  async kill(): Promise<void> {
    this.expected = true;
    this.silenced = true;
    clearInterval(this.timer);
    if (this.child?.pid) killGroup(this.child.pid, 'SIGKILL');
    await this.exited;
  }

  cleanup(): void {
    fs.rmSync(this.o.dir, { recursive: true, force: true });
  }

  private poll(h: ProducerHandlers): void {
    if (this.silenced) return;
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.o.dir, 'index.m3u8'), 'utf8');
    } catch {
      return; // not written yet
    }
    const entries = parseFfmpegPlaylist(text);
    for (; this.seen < entries.length; this.seen++) {
      const e = entries[this.seen]!;
      h.onSegment({ localIndex: this.seen, file: path.join(this.o.dir, e.name), duration: e.duration });
    }
  }
}
