// The forensic watermark's ingest cost and its visibility (issue 16): per 7 s segment, the CPU of
// today's ingest (the sealing stage: count, AES-128-CBC, CRC32C) against the marked one (one ffmpeg
// run making variants A and B and the reference, then three sealing stages), in the same run, on a
// 640×360 stand-in segment (the LiveKit stand-in's own encoder settings) and on a 1280×720 30 fps
// one. ffmpeg's CPU is the child's: cutime + cstime of /proc/self/stat, which count every child this
// process has waited for (Node reaps ffmpeg as it exits). No Storage I/O: in-memory source and sink.
// Then PSNR and SSIM of each variant against the original (ffmpeg's psnr and ssim filters), and of
// an unmarked re-encode at the same rate, so the mark's own share of the loss shows.
//   npx tsx bench/forensic-ingest.ts
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { segmentCipher } from '../functions/src/domain/keys/segment-crypto';
import { ffmpegPath } from '../functions/src/media/ffmpeg';
import { forensicVariants, variantBitrate, variantEncoderArgs } from '../functions/src/media/forensic-variants';
import { lumaQuality } from './forensic-media';
import { sealingStream } from '../functions/src/store/object-checksum';

const SECONDS = 7;
const SEALING_BUFFER_BYTES = 2 * 1024 * 1024; // as store/segments.ts
const dir = mkdtempSync(path.join(tmpdir(), 'forensic-bench-'));
const key = randomBytes(16);

interface Source {
  name: string;
  runs: number;
  args: string[];
}

const SOURCES: Source[] = [
  {
    // tools/livekit-dev/src/segment-producer.ts: testsrc2 640×360 25 fps, ultrafast Main, 600 kbit/s, AAC 96k.
    name: '640×360 25 fps (stand-in)',
    runs: 6,
    args: [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-c:v',
      'libx264',
      '-profile:v',
      'main',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-x264-params',
      'cabac=1',
      '-b:v',
      '600k',
      '-maxrate',
      '600k',
      '-bufsize',
      '1200k',
      '-g',
      '175',
    ],
  },
  {
    name: '1280×720 30 fps',
    runs: 3,
    args: [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-c:v',
      'libx264',
      '-profile:v',
      'main',
      '-preset',
      'veryfast',
      '-b:v',
      '2500k',
      '-maxrate',
      '2500k',
      '-bufsize',
      '5000k',
      '-g',
      '210',
    ],
  },
];

function makeSegment(source: Source): Buffer {
  const file = path.join(dir, `${source.name.replace(/\W+/g, '-')}.ts`);
  execFileSync(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    ...source.args,
    '-t',
    String(SECONDS),
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-f',
    'mpegts',
    file,
  ]);
  return readFileSync(file);
}

/** CPU ms of the children this process has waited for (cutime + cstime, clock ticks of 10 ms). */
function childCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
const selfCpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Today's ingest minus Storage: the raw bytes through one sealing stage into a sink. */
async function sealInto(source: Readable, seq: number, keep?: Buffer[]): Promise<number> {
  const sealed = sealingStream(segmentCipher(key, seq), undefined, SEALING_BUFFER_BYTES);
  await pipeline(
    source,
    sealed.stream,
    new Writable({
      highWaterMark: SEALING_BUFFER_BYTES,
      write(chunk: Buffer, _enc, done) {
        keep?.push(chunk);
        done();
      },
    }),
  );
  return sealed.bytes();
}

async function plainRun(raw: Buffer): Promise<{ cpuMs: number; wallMs: number }> {
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  await sealInto(Readable.from([raw]), 1);
  return { cpuMs: selfCpuMs(cpu), wallMs: performance.now() - t0 };
}

/** The marked ingest minus Storage; the variants' plaintext kept for the quality figures. */
async function markedRun(raw: Buffer) {
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  const child = childCpuMs();
  const run = forensicVariants(Readable.from([raw]), raw.length, SECONDS);
  let peakRssKiB = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${run.pid}/status`, 'utf8');
      peakRssKiB = Math.max(peakRssKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited
    }
  }, 50);
  const plain = { a: [] as Buffer[], b: [] as Buffer[] };
  const tap = (stream: Readable, keep?: Buffer[]) =>
    stream.on('data', (chunk: Buffer) => keep?.push(chunk)) && sealInto(stream, 1);
  const [a, b, ref] = await Promise.all([tap(run.a, plain.a), tap(run.b, plain.b), tap(run.ref), run.done]);
  clearInterval(sample);
  return {
    ffmpegCpuMs: childCpuMs() - child,
    selfCpuMs: selfCpuMs(cpu),
    wallMs: performance.now() - t0,
    bytes: { a, b, ref },
    peakRssKiB,
    a: Buffer.concat(plain.a),
    b: Buffer.concat(plain.b),
  };
}

/** The same encoder settings as a variant, without the mark: the codec's own loss. */
function unmarkedReencode(rawFile: string, bitrate: number): string {
  const out = path.join(dir, 'unmarked.ts');
  // The variants' own options: without their timing ones the copy starts at 0 and the comparison is off by frames.
  execFileSync(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-i',
    rawFile,
    ...variantEncoderArgs(bitrate),
    '-c:a',
    'copy',
    '-f',
    'mpegts',
    out,
  ]);
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fixed = (x: number, d = 0) => x.toFixed(d);

async function main(): Promise<void> {
  console.log(`ffmpeg: ${ffmpegPath()}`);
  for (const source of SOURCES) {
    const raw = makeSegment(source);
    const rawFile = path.join(dir, 'raw.ts');
    writeFileSync(rawFile, raw);
    await plainRun(raw); // warm-up
    const plain: Awaited<ReturnType<typeof plainRun>>[] = [];
    const marked: Awaited<ReturnType<typeof markedRun>>[] = [];
    for (let i = 0; i < source.runs; i++) {
      plain.push(await plainRun(raw));
      marked.push(await markedRun(raw));
    }
    const plainCpu = mean(plain.map((r) => r.cpuMs));
    const ffmpegCpu = mean(marked.map((r) => r.ffmpegCpuMs));
    const markedSelf = mean(marked.map((r) => r.selfCpuMs));
    const last = marked.at(-1)!;
    console.log(`\n${source.name}: raw segment ${fixed(raw.length / 1e6, 2)} MB, ${source.runs} runs each`);
    console.log(
      `  today (seal only):      ${fixed(plainCpu, 1)} ms CPU, ${fixed(mean(plain.map((r) => r.wallMs)), 1)} ms wall`,
    );
    console.log(
      `  with variants:          ${fixed(ffmpegCpu + markedSelf)} ms CPU (ffmpeg ${fixed(ffmpegCpu)} + this process ${fixed(markedSelf)}), ` +
        `${fixed(mean(marked.map((r) => r.wallMs)))} ms wall, ffmpeg peak RSS ~${fixed(Math.max(...marked.map((r) => r.peakRssKiB)) / 1024)} MiB`,
    );
    console.log(
      `  extra CPU per segment:  ${fixed(ffmpegCpu + markedSelf - plainCpu)} ms (${fixed((ffmpegCpu + markedSelf) / plainCpu)}× today); ` +
        `${fixed(((ffmpegCpu + markedSelf) / 1000 / SECONDS) * 100)} % of one core per recording in real time`,
    );
    console.log(
      `  stored: A ${fixed(last.bytes.a / 1e6, 2)} MB, B ${fixed(last.bytes.b / 1e6, 2)} MB, reference ${fixed(last.bytes.ref / 1e3, 1)} kB ` +
        `(${fixed((last.bytes.a + last.bytes.b + last.bytes.ref) / raw.length, 2)}× the raw segment)`,
    );
    const aFile = path.join(dir, 'a.ts');
    const bFile = path.join(dir, 'b.ts');
    writeFileSync(aFile, last.a);
    writeFileSync(bFile, last.b);
    const bitrate = variantBitrate(raw.length, SECONDS);
    for (const [label, file] of [
      ['variant A vs original', aFile],
      ['variant B vs original', bFile],
      ['unmarked re-encode vs original', unmarkedReencode(rawFile, bitrate)],
    ] as const) {
      const q = lumaQuality(file, rawFile);
      console.log(`  ${label.padEnd(32)} PSNR-Y ${fixed(q.psnr, 2)} dB, SSIM-Y ${fixed(q.ssim, 4)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
