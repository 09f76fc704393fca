// The ffmpeg binary and the one way to run it: the only module (with media/ beside it) that spawns
// a process. The binary ships inside the npm package @ffmpeg-installer/linux-x64 (GPLv3, a static
// build with libx264), so the emulator and a deployed function run the same ffmpeg; nothing is
// downloaded at install time (ffmpeg-static does that, and fails on offline machines).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

let resolved: string | undefined;

/** The packaged binary's path (resolved once, lazily: no work at import time). */
export function ffmpegPath(): string {
  // Through its package.json: the package's own entry point probes the platform at require time.
  resolved ??= path.join(path.dirname(require.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
  return resolved;
}

/** How much of ffmpeg's stderr a run keeps: its last lines say why it failed. */
const STDERR_TAIL_BYTES = 2048;

/** ffmpeg itself failed (not the storage around it): the caller may fall back to the unmarked segment. */
export class FfmpegFailed extends Error {
  override name = 'FfmpegFailed';
  constructor(
    message: string,
    /** The tail of what ffmpeg wrote to stderr. */
    readonly stderr = '',
  ) {
    super(message);
  }
}

interface Started {
  child: ChildProcess;
  /** Resolves with the tail of stderr on exit 0; rejects with FfmpegFailed otherwise (or if it cannot start). */
  exited: Promise<string>;
}

/**
 * Spawns the packaged ffmpeg quietly (no banner, no stdin prompts, errors only) and keeps only the
 * tail of its stderr (a bounded buffer: memory stays flat however much it says).
 */
function start(args: readonly string[], stdio: StdioOptions): Started {
  const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio });
  let tail = Buffer.alloc(0);
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > STDERR_TAIL_BYTES) tail = tail.subarray(tail.length - STDERR_TAIL_BYTES);
  });
  const exited = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const stderr = tail.toString('utf8');
      if (code === 0) return resolve(stderr);
      const said = stderr.trim().split('\n').slice(-5).join(' | ');
      reject(new FfmpegFailed(`ffmpeg exited with ${signal ?? code}${said ? `: ${said}` : ''}`, stderr));
    });
  });
  return { child, exited };
}

export interface FfmpegRun {
  child: ChildProcess;
  stdin: Writable;
  /** The extra output pipes, by fd (3, 4, …). */
  outputs: Readable[];
  /** Resolves on exit 0; rejects with the tail of ffmpeg's stderr otherwise (or if it cannot start). */
  done: Promise<void>;
}

/**
 * Runs ffmpeg with `args`, stdin a pipe and `extraOutputs` more pipes at fds 3, 4, …; stdout is
 * ignored: a streaming run, whose caller pipes in and reads out.
 */
export function runFfmpeg(args: readonly string[], extraOutputs: number): FfmpegRun {
  const { child, exited } = start(args, [
    'pipe',
    'ignore',
    'pipe',
    ...Array.from({ length: extraOutputs }, () => 'pipe' as const),
  ]);
  const outputs = Array.from({ length: extraOutputs }, (_, i) => child.stdio[3 + i] as Readable);
  return { child, stdin: child.stdin!, outputs, done: exited.then(() => undefined) };
}

/**
 * Runs ffmpeg with `args` (which name their input: stdin is closed) and collects what it writes to
 * stdout, for an output small enough to hold in memory. Rejects like runFfmpeg.
 */
export async function ffmpegOutput(args: readonly string[]): Promise<{ stdout: Buffer; stderr: string }> {
  const { child, exited } = start(args, ['ignore', 'pipe', 'pipe']);
  const out: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  const stderr = await exited;
  return { stdout: Buffer.concat(out), stderr };
}
