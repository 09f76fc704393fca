// One raw segment from the ingest bucket to sealed objects in the main bucket: read it (checked
// against the CRC32C Storage holds for it), and for a recording with the forensic mark run it
// through one ffmpeg (media/forensic-variants.ts) into variants A and B and the reference frames;
// seal every output (store/segments.ts). This module decides which error a failed run reports
// (Storage's before ffmpeg's: only a failure of ffmpeg itself may fall back), retries a failed run
// (2, 4, 8 s), and what the fallback is: the plain segment sealed as both variants, marked 'none',
// so nothing is lost and delivery never needs to know. A recording with the adaptive ladder
// (docs/adaptive-ladder.md) is probed first (ffprobe: size, frame rate, audio), its ladder planned
// (domain/playback/ladder.ts), and one ffmpeg run makes every rung (media/ladder-variants.ts); its
// fallback is the same plain segment, without lower rungs (their playlists list it as a gap).
// Two runs of one segment may overlap (an event delivered twice, the sweep's re-drive beside a slow
// trigger run) and ffmpeg's outputs differ from run to run, so every object but the raw segment
// sealed as it came is written only if absent: the first run's object stays, and a later run takes
// it as it is stored, so whichever run confirms describes what the bucket holds (docs/soak.md). An
// ffmpeg output is committed only once ffmpeg exited 0, so a failed run leaves no truncated object
// for the next to take. Its I/O comes in through ports, so these decisions are tested over small fakes.
import { Transform, type Readable } from 'node:stream';
import { VARIANTS } from '../../domain/forensic/forensic-mark';
import { withRetries } from '../../domain/ingest/retry';
import * as logs from '../../logs';
import { FfmpegFailed } from '../../media/ffmpeg';
import { forensicVariants, type VariantOutputs } from '../../media/forensic-variants';
import { ladderVariants, type LadderOutputs } from '../../media/ladder-variants';
import { probeSegment } from '../../media/segment-probe';
import {
  AAC_LC_CODEC,
  AUDIO_RUNG,
  highProfileCodec,
  planLadder,
  type LadderPlan,
  type SegmentRungFacts,
  type SourceFacts,
} from '../../domain/playback/ladder';
import { openRawObject, rawObjectBytes, type RawObject } from '../../store/ingest';
import { recordingKey } from '../../store/keys';
import { verifyingStream } from '../../store/object-checksum';
import {
  describeSegmentObject,
  isSegmentConfirmed,
  sealSegmentObject,
  SEALING_BUFFER_BYTES,
  type SealMode,
  type SegmentObject,
  type StoredObject,
  type StoredRung,
  type StoredSegment,
} from '../../store/segments';

/** What the pipeline reads, runs and writes through. */
export interface SegmentPipelinePorts {
  openRaw(name: string): RawObject;
  /** A raw object's size, when its event did not say. */
  rawBytes(name: string): Promise<number>;
  /** One ffmpeg run: the raw segment in, variants A and B and the reference frames out. */
  mark(raw: Readable, rawBytes: number, durationSeconds: number): VariantOutputs;
  /** What the raw segment holds (reads its head). Rejects with FfmpegFailed when it cannot tell. */
  probe(raw: Readable): Promise<SourceFacts>;
  /** One ffmpeg run: the raw segment in, every rung of `plan` out (and the reference when marked). */
  ladder(raw: Readable, plan: LadderPlan, marked: boolean, rawBytes: number, durationSeconds: number): LadderOutputs;
  /**
   * Encrypts `source` into the object and checks what Storage holds (the raw read too, with
   * `inputCrc32c`); with `if-absent`, an object already there is kept and described instead.
   */
  seal(
    object: SegmentObject,
    source: Readable,
    key: Buffer,
    inputCrc32c?: () => string | undefined,
    mode?: SealMode,
  ): Promise<StoredObject>;
  /** An object as stored, or null when there is none. */
  describe(object: SegmentObject, key: Buffer): Promise<StoredObject | null>;
  isConfirmed(recordingId: string, seq: number): Promise<boolean>;
  key(recordingId: string): Promise<Buffer>;
}

/** One raw segment to store. */
export interface SegmentJob {
  rawName: string;
  recordingId: string;
  seq: number;
  /** The recording has the forensic mark: store variants A and B and the reference. */
  marked: boolean;
  /** The recording has the adaptive ladder: store the lower rungs and the audio-only rung too. */
  laddered?: boolean;
  /** The raw object's size from its event, when known. */
  rawBytes?: number;
  durationSeconds: number;
}

export interface RetryPolicy {
  sleep: (ms: number) => Promise<void>;
  retryDelaysMs: readonly number[];
}

export type StoreVerdict =
  /** Stored; with `markSkipped` (ffmpeg's reason) when a marked segment was stored plain as both variants. */
  | { kind: 'stored'; stored: StoredSegment; markSkipped?: string }
  /** Another delivery of the same event confirmed the segment meanwhile. */
  | { kind: 'duplicate' }
  /** Every retry failed: the caller lists the segment as missing and alerts. */
  | { kind: 'failed'; error: Error; attempts: number };

export interface SegmentPipeline {
  storeSegment(job: SegmentJob, retry: RetryPolicy): Promise<StoreVerdict>;
  /** An unmarked recording's segment: raw → AES-128-CBC → recordings/{id}/segments/{seq}.ts, once. */
  sealPlain(rawName: string, recordingId: string, seq: number, key: Buffer): Promise<StoredObject>;
}

/**
 * Write once, or replace: the raw segment sealed as it came ({seq}.ts) is the same bytes from run
 * to run, so a second run may replace it; every other object (a variant, the reference, a rung) is
 * ffmpeg's, different each run, or shares its name with one (the fallback's plain variants).
 */
export const sealModeOf = (object: SegmentObject): SealMode => (object.part || object.rung ? 'if-absent' : 'replace');

/**
 * Passes an ffmpeg output through, and ends it only once ffmpeg exited 0: when ffmpeg fails, the
 * write fails with ffmpeg's error instead of committing a truncated object.
 */
function committedOnExit(exit: Promise<Error | undefined>): Transform {
  return new Transform({
    highWaterMark: SEALING_BUFFER_BYTES,
    transform: (chunk, _encoding, callback) => callback(null, chunk),
    flush: (callback) => void exit.then((error) => callback(error ?? null)),
  });
}

export function createSegmentPipeline(ports: SegmentPipelinePorts): SegmentPipeline {
  const sealRaw = (rawName: string, object: SegmentObject, key: Buffer): Promise<StoredObject> => {
    const raw = ports.openRaw(rawName);
    return ports.seal(object, raw.stream, key, raw.storedCrc32c, sealModeOf(object));
  };

  const sealPlain = (rawName: string, recordingId: string, seq: number, key: Buffer) =>
    sealRaw(rawName, { recordingId, seq }, key);

  /** One ffmpeg run's outputs, each with the object it is sealed to. */
  interface SealedRun {
    outputs: { part: Pick<SegmentObject, 'part' | 'rung'>; stream: Readable }[];
    done: Promise<void>;
    abort(): void;
  }

  /**
   * Raw (checked against its stored CRC32C) → one ffmpeg run (`start`) → every output sealed and
   * checked like the plain segment, beside the `alongside` writes. All streams (memory stays flat).
   * Fails with the storage error when a read or a write failed, and with ffmpeg's (FfmpegFailed)
   * only when the storage side was fine: only then may the segment fall back to the plain one.
   * Returns the outputs' objects in order, then the `alongside` ones.
   */
  async function runAndSeal(
    job: SegmentJob,
    key: Buffer,
    start: (checked: Readable) => SealedRun,
    alongside: Promise<StoredObject>[] = [],
  ): Promise<StoredObject[]> {
    const { recordingId, seq } = job;
    const raw = ports.openRaw(job.rawName);
    const checked = verifyingStream(raw.storedCrc32c, SEALING_BUFFER_BYTES);
    const ffmpeg = start(checked);
    // Settled now: ffmpeg may fail (bad input) long before the writes finish, and an unhandled
    // rejection would take the whole function instance down.
    const exit = ffmpeg.done.then(
      () => undefined,
      (error: Error) => error,
    );
    let readError: Error | undefined;
    const failRead = (error: Error) => {
      readError ??= error;
      ffmpeg.abort();
    };
    raw.stream.on('error', failRead);
    checked.on('error', failRead);
    raw.stream.pipe(checked);

    // A failed write must stop ffmpeg (it would block on a pipe nobody reads); every write is
    // awaited before anything is decided, so no stale write lands after a retry or the fallback.
    // An object another run wrote is kept: the rest of this run's output for it is drained.
    const writes = ffmpeg.outputs.map(({ part, stream }) => {
      const object = { recordingId, seq, ...part };
      return ports.seal(object, stream.pipe(committedOnExit(exit)), key, undefined, sealModeOf(object)).then(
        (stored) => {
          stream.resume();
          return stored;
        },
        (error: Error) => {
          ffmpeg.abort();
          throw error;
        },
      );
    });
    const written = await Promise.allSettled([...writes, ...alongside]);
    const ffmpegError = await exit;
    if (readError) throw readError;
    // A write that failed because ffmpeg did (committedOnExit) is ffmpeg's failure, not Storage's.
    for (const w of written)
      if (w.status === 'rejected' && !(w.reason instanceof FfmpegFailed)) throw w.reason as Error;
    if (ffmpegError) throw ffmpegError;
    return written.map(settled);
  }

  /** Raw → one ffmpeg run → variants A and B and the reference (runAndSeal decides the errors). */
  async function sealVariants(job: SegmentJob, key: Buffer): Promise<StoredSegment> {
    const rawBytes = job.rawBytes ?? (await ports.rawBytes(job.rawName));
    const [a, b, ref] = await runAndSeal(job, key, (checked) => {
      const ffmpeg = ports.mark(checked, rawBytes, job.durationSeconds);
      const outputs = [
        { part: { part: 'a' as const }, stream: ffmpeg.a },
        { part: { part: 'b' as const }, stream: ffmpeg.b },
        { part: { part: 'ref' as const }, stream: ffmpeg.ref },
      ];
      return { outputs, done: ffmpeg.done, abort: ffmpeg.abort };
    });
    const variants = { a: a!, b: b!, ref: ref! };
    return { mark: 'ab', bytes: variants.a.bytes + variants.b.bytes + variants.ref.bytes, variants };
  }

  /**
   * Raw → ffprobe → plan → one ffmpeg run → every rung (A and B of each video rung and the reference
   * when marked; one copy of each lower rung when not, the source rung then being the raw segment
   * sealed as it came, from a read of its own). Errors are decided by runAndSeal.
   */
  async function sealLadder(job: SegmentJob, key: Buffer): Promise<StoredSegment> {
    const { recordingId, seq, marked } = job;
    const rawBytes = job.rawBytes ?? (await ports.rawBytes(job.rawName));
    const source = await ports.probe(ports.openRaw(job.rawName).stream);
    const plan = planLadder(source, (rawBytes * 8) / Math.max(1, job.durationSeconds));
    let ffmpeg: SealedRun | undefined;
    const objects = await runAndSeal(
      job,
      key,
      (checked) => (ffmpeg = ports.ladder(checked, plan, marked, rawBytes, job.durationSeconds)),
      marked ? [] : [sealRaw(job.rawName, { recordingId, seq }, key)],
    );
    const byPart = ffmpeg!.outputs.map(({ part }, i) => ({ part, object: objects[i]! }));
    const facts: Omit<SegmentRungFacts, 'copyBytes'>[] = [
      ...plan.rungs.map((r) => ({
        name: r.name,
        width: r.width,
        height: r.height,
        codecs: [highProfileCodec(r.level)],
      })),
      ...(plan.audio ? [{ name: AUDIO_RUNG, codecs: [AAC_LC_CODEC] }] : []),
    ];
    const rungs = facts.map(({ name, width, height, codecs }): StoredRung => {
      const mine = byPart.filter((p) => p.part.rung === name);
      const a = mine.find((p) => p.part.part === 'a')?.object;
      const b = mine.find((p) => p.part.part === 'b')?.object;
      const plain = mine.find((p) => !p.part.part)?.object;
      const bytes = mine.reduce((sum, p) => sum + p.object.bytes, 0);
      const copyBytes = a && b ? (a.bytes + b.bytes) / 2 : (plain?.bytes ?? 0);
      const withAudio = name !== AUDIO_RUNG && source.hasAudio && source.audioCodec ? [source.audioCodec] : [];
      return {
        name,
        ...(width && height ? { width, height } : {}),
        codecs: [...codecs, ...withAudio],
        copyBytes,
        bytes,
        objects: { ...(a ? { a } : {}), ...(b ? { b } : {}), ...(plain ? { plain } : {}) },
      };
    });
    // A marked source rung is our own encode, not the raw segment: its codec is ours.
    const ladder = { source: marked ? { ...source, videoCodec: highProfileCodec(plan.sourceLevel) } : source, rungs };
    const ladderBytes = rungs.reduce((sum, r) => sum + r.bytes, 0);
    if (!marked) {
      const top = objects[objects.length - 1]!;
      return { ...top, bytes: top.bytes + ladderBytes, ladder };
    }
    const part = (name: 'a' | 'b' | 'ref') => byPart.find((p) => !p.part.rung && p.part.part === name)!.object;
    const variants = { a: part('a'), b: part('b'), ref: part('ref') };
    const bytes = variants.a.bytes + variants.b.bytes + variants.ref.bytes + ladderBytes;
    return { mark: 'ab', bytes, variants, ladder };
  }

  /**
   * The fallback when ffmpeg cannot make the variants: the plain segment sealed as both {seq}.a.ts
   * and {seq}.b.ts (delivery serves either). This run's failed ffmpeg committed no reference; one
   * another run stored is counted with the segment, so the record still describes the bucket.
   */
  async function sealPlainAsVariants(job: SegmentJob, key: Buffer, markReason: string): Promise<StoredSegment> {
    const { recordingId, seq } = job;
    const [a, b] = await Promise.all(VARIANTS.map((part) => sealRaw(job.rawName, { recordingId, seq, part }, key)));
    const ref = await ports.describe({ recordingId, seq, part: 'ref' }, key);
    const variants = { a: a!, b: b!, ...(ref ? { ref } : {}) };
    return { mark: 'none', bytes: a!.bytes + b!.bytes + (ref?.bytes ?? 0), variants, markReason };
  }

  async function storeSegment(job: SegmentJob, retry: RetryPolicy): Promise<StoreVerdict> {
    const { recordingId, seq } = job;
    const confirmed = () => ports.isConfirmed(recordingId, seq);
    // A concurrent delivery of the same event may confirm the segment (and delete the raw chunk)
    // while this one waits to retry: each attempt looks first, so that is never taken for a failure.
    const unlessConfirmed =
      (step: (key: Buffer) => Promise<StoredSegment>) => async (): Promise<StoredSegment | null> =>
        (await confirmed()) ? null : step(await ports.key(recordingId));
    let markSkipped: string | undefined;
    const firstChoice = (key: Buffer) =>
      job.laddered
        ? sealLadder(job, key)
        : job.marked
          ? sealVariants(job, key)
          : sealPlain(job.rawName, recordingId, seq, key);
    let attempt = await withRetries(unlessConfirmed(firstChoice), retry.retryDelaysMs, retry.sleep);
    if (!attempt.ok && attempt.error instanceof FfmpegFailed && !(await confirmed())) {
      const reason = attempt.error.message;
      if (job.marked) logs.forensicMarkSkipped(recordingId, seq, reason);
      else logs.ladderSkipped(recordingId, seq, reason);
      attempt = await withRetries(
        unlessConfirmed((key) =>
          job.marked ? sealPlainAsVariants(job, key, reason) : sealPlain(job.rawName, recordingId, seq, key),
        ),
        retry.retryDelaysMs,
        retry.sleep,
      );
      if (attempt.ok && attempt.value !== null && job.marked) markSkipped = reason;
    }
    if (attempt.ok)
      return attempt.value === null ? { kind: 'duplicate' } : { kind: 'stored', stored: attempt.value, markSkipped };
    if (await confirmed()) return { kind: 'duplicate' };
    return { kind: 'failed', error: attempt.error, attempts: attempt.attempts };
  }

  return { storeSegment, sealPlain };
}

const settled = (result: PromiseSettledResult<StoredObject>): StoredObject =>
  (result as PromiseFulfilledResult<StoredObject>).value;

/** The pipeline over the real buckets, ffmpeg and keys. */
export const storagePorts: SegmentPipelinePorts = {
  openRaw: openRawObject,
  rawBytes: rawObjectBytes,
  mark: forensicVariants,
  probe: probeSegment,
  ladder: ladderVariants,
  seal: sealSegmentObject,
  describe: describeSegmentObject,
  isConfirmed: isSegmentConfirmed,
  key: recordingKey,
};

const pipeline = createSegmentPipeline(storagePorts);

/** Stores one raw segment (marked or not, with the retries and the fallback): the storage trigger's step. */
export const storeSegment = pipeline.storeSegment;

/** Seals an unmarked recording's raw segment once, without retries (what a run that died before its confirm leaves). */
export const encryptToStorage = pipeline.sealPlain;
