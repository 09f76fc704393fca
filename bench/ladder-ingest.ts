// The adaptive ladder's ingest cost (issue 27): per 7 s segment at LiveKit's default preset
// (1280×720, 30 fps, ~3 Mbit/s H.264 Main, AAC), in the same run, today's marked single rung (one
// ffmpeg making variants A and B and the reference) against the marked ladder (one ffmpeg, one
// decode, the mark once, A and B of every rung, the reference, audio only) and the unmarked ladder
// (lower rungs and audio only; the source rung is the raw segment). ffmpeg's CPU is the child's:
// cutime + cstime of /proc/self/stat. Peak RSS sampled from /proc/<pid>/status. No Storage I/O:
// the outputs are drained into memory counters. Reports, never fails.
//   npx tsx bench/ladder-ingest.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { planLadder } from '../functions/src/domain/playback/ladder';
import { ffmpegPath } from '../functions/src/media/ffmpeg';
import { forensicVariants } from '../functions/src/media/forensic-variants';
import { ladderVariants } from '../functions/src/media/ladder-variants';
import { probeSegment } from '../functions/src/media/segment-probe';

const SECONDS = 7;
const RUNS = Number(process.env['LADDER_RUNS'] ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), 'ladder-bench-'));

function makeSegment(): Buffer {
  const file = path.join(dir, 'raw-720p.ts');
  execFileSync(ffmpegPath(), [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(SECONDS),
    '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-b:v', '2800k', '-maxrate', '3000k', '-bufsize', '6000k', '-g', '210',
    '-c:a', 'aac', '-b:a', '128k',
    '-f', 'mpegts', file,
  ]); // prettier-ignore
  return readFileSync(file);
}

function childCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function samplePeakRss(pid: number | undefined): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited
    }
  }, 50);
  return () => {
    clearInterval(timer);
    return peak / 1024;
  };
}

const drain = (stream: Readable) =>
  new Promise<number>((resolve, reject) => {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => resolve(bytes));
    stream.on('error', reject);
  });

interface Run {
  cpuMs: number;
  wallMs: number;
  peakMiB: number;
  bytes: Record<string, number>;
}

async function measure(
  start: () => { outputs: [string, Readable][]; done: Promise<void>; pid?: number },
): Promise<Run> {
  const t0 = performance.now();
  const cpu0 = childCpuMs();
  const run = start();
  const peak = samplePeakRss(run.pid);
  const sizes = await Promise.all(run.outputs.map(([, stream]) => drain(stream)));
  await run.done;
  const peakMiB = peak();
  return {
    cpuMs: childCpuMs() - cpu0,
    wallMs: performance.now() - t0,
    peakMiB,
    bytes: Object.fromEntries(run.outputs.map(([name], i) => [name, sizes[i]!])),
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f = (x: number, d = 0) => x.toFixed(d);

async function main(): Promise<void> {
  const raw = makeSegment();
  const source = await probeSegment(Readable.from([raw]));
  const plan = planLadder(source, (raw.length * 8) / SECONDS);
  console.log(
    `ffmpeg ${ffmpegPath()}; raw 720p segment ${f(raw.length / 1e6, 2)} MB (${f((raw.length * 8) / SECONDS / 1e3)} kbit/s)`,
  );
  console.log(
    `ladder: source + ${plan.rungs.map((r) => `${r.height}p@${r.videoBitrate / 1000}k`).join(', ')}${plan.audio ? ' + audio 64k' : ''}`,
  );
  const single = () => {
    const run = forensicVariants(Readable.from([raw]), raw.length, SECONDS);
    return {
      outputs: [
        ['a', run.a],
        ['b', run.b],
        ['ref', run.ref],
      ] as [string, Readable][],
      done: run.done,
      pid: run.pid,
    };
  };
  const ladder = (marked: boolean) => () => {
    const run = ladderVariants(Readable.from([raw]), plan, marked, raw.length, SECONDS);
    const outputs = run.outputs.map(({ part, stream }): [string, Readable] => [
      `${part.rung ?? 'source'}${part.part ? `.${part.part}` : ''}`,
      stream,
    ]);
    return { outputs, done: run.done, pid: run.pid };
  };
  const kinds: [string, () => ReturnType<typeof single>][] = [
    ['marked single rung (today)', single],
    ['marked ladder', ladder(true)],
    ['unmarked ladder', ladder(false)],
  ];
  const results = new Map<string, Run[]>(kinds.map(([name]) => [name, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, start] of kinds) results.get(name)!.push(await measure(start));
  const base = mean(results.get(kinds[0]![0])!.map((r) => r.cpuMs));
  for (const [name, runs] of results) {
    const cpu = mean(runs.map((r) => r.cpuMs));
    const bytes = runs.at(-1)!.bytes;
    const total = Object.values(bytes).reduce((s, b) => s + b, 0);
    console.log(
      `\n${name}: ${f(cpu)} ms CPU per 7 s segment (${f(cpu / base, 2)}× today), ${f(mean(runs.map((r) => r.wallMs)))} ms wall, ` +
        `peak RSS ${f(Math.max(...runs.map((r) => r.peakMiB)))} MiB; one core sustains ${f((SECONDS * 1000) / cpu, 1)} live recordings`,
    );
    console.log(
      `  stored ${f(total / 1e6, 2)} MB (${f(total / raw.length, 2)}× the raw segment): ` +
        Object.entries(bytes)
          .map(([k, b]) => `${k} ${f(b / 1e3)} kB`)
          .join(', '),
    );
  }
}

void main();
