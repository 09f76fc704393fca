// One ffmpeg run per segment for a recording with the adaptive ladder (docs/adaptive-ladder.md):
// the raw segment in on stdin, decoded once; for a marked recording the forensic mark applied once
// (A and B, domain/forensic/forensic-mark.ts), then each of A and B scaled and encoded per rung, plus
// the reference frames; for an unmarked one each lower rung once (the source rung is the raw segment,
// sealed as it came). The audio of the lower rungs and of the audio-only rung is the source's
// re-encoded to AAC at 64 kbit/s (the source rung's is copied). Every
// output is MPEG-TS on its own pipe, every stream flows: memory stays flat.
import type { Readable } from 'node:stream';
import type { Variant } from '../domain/forensic/forensic-mark';
import { variantFilterGraph } from '../domain/forensic/forensic-mark';
import { AUDIO_RUNG, AUDIO_RUNG_BITRATE, type LadderPlan, type RungName } from '../domain/playback/ladder';
import { runFfmpeg } from './ffmpeg';
import { withoutSdt } from './ts-packets';
import { SEGMENT_MUX_ARGS, variantBitrate, variantEncoderArgs } from './forensic-variants';

/** The audio of every rung below the source, and of audio only: AAC-LC at 64 kbit/s. */
const LOW_AUDIO = ['-c:a', 'aac', '-b:a', String(AUDIO_RUNG_BITRATE)];

/** One output of the run: a rung (none = the source rung) and a variant (none = unmarked), or the reference. */
export interface LadderPart {
  rung?: RungName;
  part?: Variant | 'ref';
}

export interface LadderOutputs {
  outputs: { part: LadderPart; stream: Readable }[];
  done: Promise<void>;
  pid: number | undefined;
  abort: () => void;
}

/** The parts a plan makes, in the order of their pipes (fd 3 on). */
export function ladderParts(plan: LadderPlan, marked: boolean): LadderPart[] {
  const variants: (Variant | undefined)[] = marked ? ['a', 'b'] : [undefined];
  const source: LadderPart[] = plan.markedSource === false ? [] : [{ part: 'a' }, { part: 'b' }];
  const parts: LadderPart[] = marked ? [...source, { part: 'ref' }] : [];
  for (const rung of plan.rungs)
    for (const part of variants) parts.push({ rung: rung.name, ...(part ? { part } : {}) });
  if (plan.audio) parts.push({ rung: AUDIO_RUNG });
  return parts;
}

/** The filter graph: the mark (when marked) once, then one scaled copy per rung and variant. */
export function ladderFilterGraph(plan: LadderPlan, marked: boolean): string {
  const scale = (input: string, width: number, height: number, out: string) =>
    `[${input}]scale=${width}:${height}:flags=bicubic,format=yuv420p[${out}]`;
  const fanOut = (input: string, prefix: string, keepTop: boolean): string[] => {
    const labels = [...(keepTop ? [`${prefix}_top`] : []), ...plan.rungs.map((r) => `${prefix}_${r.name}in`)];
    if (!labels.length) return [];
    const split =
      labels.length === 1
        ? [`[${input}]null[${labels[0]}]`]
        : [`[${input}]split=${labels.length}${labels.map((l) => `[${l}]`).join('')}`];
    return [
      ...split,
      ...plan.rungs.map((r) => scale(`${prefix}_${r.name}in`, r.width, r.height, `${prefix}_${r.name}`)),
    ];
  };
  if (!marked) return fanOut('0:v', 'v', false).join(';');
  const keepTop = plan.markedSource !== false;
  return [variantFilterGraph(), ...fanOut('va', 'a', keepTop), ...fanOut('vb', 'b', keepTop)].join(';');
}

/** ffmpeg's arguments for the plan; `sourceBitrate` sets the marked source rung's rate as today. */
export function ladderArgs(plan: LadderPlan, marked: boolean, rawBytes: number, durationSeconds: number): string[] {
  // An unmarked source with no lower video rung (under 293 px tall) makes audio only: no graph, and
  // ffmpeg refuses an empty one.
  const graph = ladderFilterGraph(plan, marked);
  const args = ['-f', 'mpegts', '-i', 'pipe:0', ...(graph ? ['-filter_complex', graph] : [])];
  ladderParts(plan, marked).forEach((part, i) => {
    const pipe = `pipe:${3 + i}`;
    if (part.part === 'ref') {
      args.push('-map', '[ref]', '-f', 'rawvideo', pipe);
    } else if (part.rung === AUDIO_RUNG) {
      args.push('-map', '0:a', '-vn', ...LOW_AUDIO, '-copyts', ...SEGMENT_MUX_ARGS, pipe);
    } else {
      const rung = plan.rungs.find((r) => r.name === part.rung);
      const label = rung ? `${part.part ?? 'v'}_${rung.name}` : `${part.part}_top`;
      const bitrate = rung ? rung.videoBitrate : variantBitrate(rawBytes, durationSeconds);
      const level = ['-profile:v', 'high', '-level:v', rung ? rung.level : plan.sourceLevel];
      args.push('-map', `[${label}]`, '-map', '0:a?', ...variantEncoderArgs(bitrate), ...level);
      // A lower rung's audio at the audio-only rung's rate: LiveKit's 128 kbit/s copied made 234p
      // (145 kbit/s of video) cost 375 kbit/s, and its first segment the first frame's wait.
      args.push(...(rung ? LOW_AUDIO : ['-c:a', 'copy']), ...SEGMENT_MUX_ARGS, pipe);
    }
  });
  return args;
}

/** Starts the run on `raw`; errors of `raw` itself are the caller's, as in forensicVariants. */
export function ladderVariants(
  raw: Readable,
  plan: LadderPlan,
  marked: boolean,
  rawBytes: number,
  durationSeconds: number,
): LadderOutputs {
  const parts = ladderParts(plan, marked);
  const run = runFfmpeg(ladderArgs(plan, marked, rawBytes, durationSeconds), parts.length);
  run.stdin.on('error', () => undefined);
  raw.pipe(run.stdin);
  raw.on('error', () => run.child.kill('SIGKILL'));
  return {
    // MPEG-TS outputs lose ffmpeg's SDT, so each starts with its PAT and PMT (ts-packets.ts).
    outputs: parts.map((part, i) => ({
      part,
      stream: part.part === 'ref' ? run.outputs[i]! : run.outputs[i]!.pipe(withoutSdt()),
    })),
    done: run.done,
    pid: run.child.pid,
    abort: () => run.child.kill('SIGKILL'),
  };
}
