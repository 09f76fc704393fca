// The ffmpeg binary and the one way to run it: the only module (with media/ beside it) that spawns
// a process. The binary is the system's: in Cloud Functions the runtime image's (Ubuntu 22.04,
// ffmpeg 4.4.2 with Canonical's ESM security fixes, kept current by Google's base-image updates),
// on a developer's machine and in CI Debian's; both at /usr/bin/ffmpeg, found on PATH. No binary is
// shipped in node_modules (the 2018 static build that was would never get a fix).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

let resolved: string | undefined;

/**
 * The absolute path of the system's ffmpeg (FFMPEG_PATH if set, else the first on PATH), resolved
 * once, lazily. Absolute because every child runs with a scrubbed environment that has no PATH.
 */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env === process.env && resolved) return resolved;
  const found = findFfmpeg(env);
  if (env === process.env) resolved = found;
  return found;
}

function findFfmpeg(env: NodeJS.ProcessEnv): string {
  const candidates = env['FFMPEG_PATH']
    ? [env['FFMPEG_PATH']]
    : (env['PATH'] ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, 'ffmpeg'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return path.resolve(file);
    } catch {
      /* not here */
    }
  }
  throw new Error(
    env['FFMPEG_PATH']
      ? `FFMPEG_PATH (${env['FFMPEG_PATH']}) is not an executable file`
      : 'no ffmpeg on PATH: install it (Debian: apt-get install ffmpeg; the Cloud Functions image has /usr/bin/ffmpeg)',
  );
}

/** How much of ffmpeg's stderr a run keeps unless told: its last lines say why it failed. */
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

/** ffmpeg was stopped for running past its budget (wall clock or CPU time): the input is too costly. */
export class FfmpegOverBudget extends FfmpegFailed {
  override name = 'FfmpegOverBudget';
}

/** Limits on one run: its wall-clock time (then it is killed) and its CPU seconds (the kernel stops it). */
export interface FfmpegBudget {
  wallMs?: number;
  cpuSeconds?: number;
}

/**
 * The child's whole environment. Never the function's own: it holds RECORDING_KEK and the other
 * secrets, which a child (or a file it is tricked into reading, /proc/self/environ) must not see.
 * ffmpeg is a static binary that reads no variable it needs.
 */
export const FFMPEG_ENV: Readonly<Record<string, string>> = Object.freeze({ LC_ALL: 'C' });

interface RunOptions {
  budget?: FfmpegBudget;
  /** `error` unless a caller reads what ffmpeg says it found (`info`). */
  loglevel?: string;
  /** How much of the end of stderr is kept. */
  stderrTailBytes?: number;
}

interface Started {
  child: ChildProcess;
  /** Resolves with the tail of stderr on exit 0; rejects with FfmpegFailed otherwise (or if it cannot start). */
  exited: Promise<string>;
}

/**
 * Spawns the system's ffmpeg quietly (no banner, no stdin prompts, errors only unless `loglevel`
 * says otherwise), with a scrubbed environment, and keeps only the tail of its stderr (a bounded
 * buffer: memory stays flat however much it says). A CPU budget is set by the shell's `ulimit -t`
 * before it execs ffmpeg (the same process: killing it kills ffmpeg); a wall budget by SIGKILL.
 */
function start(
  args: readonly string[],
  stdio: StdioOptions,
  { budget = {}, loglevel = 'error', stderrTailBytes = STDERR_TAIL_BYTES }: RunOptions = {},
): Started {
  const ffmpegArgs = ['-hide_banner', '-nostdin', '-loglevel', loglevel, ...args];
  const cpu = budget.cpuSeconds;
  const child =
    cpu === undefined
      ? spawn(ffmpegPath(), ffmpegArgs, { stdio, env: { ...FFMPEG_ENV } })
      : // The limit and the command are arguments ("$1", "$@"), never text the shell parses.
        spawn(
          '/bin/sh',
          [
            '-c',
            'ulimit -t "$1" && shift && exec "$@"',
            'sh',
            String(Math.max(1, Math.ceil(cpu))),
            ffmpegPath(),
            ...ffmpegArgs,
          ],
          {
            stdio,
            env: { ...FFMPEG_ENV },
          },
        );
  let tail = Buffer.alloc(0);
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > stderrTailBytes) tail = tail.subarray(tail.length - stderrTailBytes);
  });
  let overWall = false;
  const timer =
    budget.wallMs === undefined
      ? undefined
      : setTimeout(() => {
          overWall = true;
          child.kill('SIGKILL');
        }, budget.wallMs);
  const exited = new Promise<string>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = tail.toString('utf8');
      if (code === 0 && !overWall) return resolve(stderr);
      // With soft and hard limits equal (the shell's ulimit), the kernel sends SIGKILL, not SIGXCPU.
      const overCpu = cpu !== undefined && (signal === 'SIGXCPU' || signal === 'SIGKILL');
      if (overWall || overCpu)
        return reject(
          new FfmpegOverBudget(`ffmpeg stopped: over its ${overWall ? 'wall-clock' : 'CPU'} budget`, stderr),
        );
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
 * stdout, for an output small enough to hold in memory, within `budget`. Rejects like runFfmpeg,
 * or with FfmpegOverBudget. `onStart` sees the child (a test reads its environment).
 */
export async function ffmpegOutput(
  args: readonly string[],
  options: RunOptions & { onStart?: (child: ChildProcess) => void } = {},
): Promise<{ stdout: Buffer; stderr: string }> {
  const { child, exited } = start(args, ['ignore', 'pipe', 'pipe'], options);
  options.onStart?.(child);
  const out: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  const stderr = await exited;
  return { stdout: Buffer.concat(out), stderr };
}
