// The ingest pipeline's decisions over small fakes (no emulator, no ffmpeg): a marked segment is
// stored as A, B and the reference; when ffmpeg keeps failing and Storage is fine, the plain
// segment is stored as both variants, marked 'none'; a Storage read or write failure wins over
// ffmpeg's (no fallback); a failed run is retried after 2, 4 and 8 s; a segment another delivery
// confirmed meanwhile is a duplicate, not a failure; a second run keeps the objects a first one
// wrote (write once) and a failed ffmpeg commits none.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { FfmpegFailed } from '../../../../src/media/ffmpeg';
import type { VariantOutputs } from '../../../../src/media/forensic-variants';
import {
  createSegmentPipeline,
  type SegmentJob,
  type SegmentPipelinePorts,
} from '../../../../src/services/ingest/segment-pipeline';
import type { SegmentObject, StoredObject } from '../../../../src/store/segments';

const RAW = Buffer.from('raw segment bytes');
const KEY = Buffer.alloc(16, 1);

const drain = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

const nameOf = ({ seq, part }: SegmentObject) => `${seq}${part ? `.${part}` : ''}`;

type FfmpegBehaviour = 'ok' | 'fails' | 'truncates';

/**
 * A world of fakes: the raw object (or a read that fails), an ffmpeg that marks or fails, a bucket
 * that keeps what is sealed (or refuses some parts), and the confirmation the pipeline looks up.
 */
function world(
  options: {
    ffmpeg?: FfmpegBehaviour[] | FfmpegBehaviour;
    readFails?: boolean;
    sealFails?: (object: SegmentObject, bytes: Buffer) => boolean;
    confirmedAfterChecks?: number;
  } = {},
) {
  const sealed = new Map<string, Buffer>();
  const sleeps: number[] = [];
  let ffmpegRuns = 0;
  let aborts = 0;
  let checks = 0;
  const behaviour = (run: number): FfmpegBehaviour =>
    Array.isArray(options.ffmpeg) ? (options.ffmpeg[run] ?? 'ok') : (options.ffmpeg ?? 'ok');

  const mark = (raw: Readable): VariantOutputs => {
    const plan = behaviour(ffmpegRuns++);
    const [a, b, ref] = [new PassThrough(), new PassThrough(), new PassThrough()];
    let settle!: (error?: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      let settled = false;
      settle = (error) => {
        if (settled) return;
        settled = true;
        for (const out of [a, b, ref]) out.end();
        if (error) reject(error);
        else resolve();
      };
    });
    const abort = () => {
      aborts++;
      settle(new FfmpegFailed('ffmpeg exited with SIGKILL'));
    };
    void drain(raw).then(
      (input) => {
        if (plan === 'fails') return settle(new FfmpegFailed('ffmpeg exited with 1: Invalid data found'));
        if (plan === 'truncates') {
          a.write('A:');
          b.write('B:');
          return settle(new FfmpegFailed('ffmpeg exited with 1: Conversion failed'));
        }
        a.write(Buffer.concat([Buffer.from('A:'), input]));
        b.write(Buffer.concat([Buffer.from('B:'), input]));
        ref.write('frames');
        settle();
      },
      () => undefined, // the pipeline sees the read error itself and aborts
    );
    return { a, b, ref, done, pid: undefined, abort };
  };

  const ports: SegmentPipelinePorts = {
    openRaw: () => {
      const stream = options.readFails
        ? new Readable({ read: () => stream.destroy(new Error('raw read failed: 503')) })
        : Readable.from([RAW]);
      return { stream, storedCrc32c: () => undefined };
    },
    rawBytes: async () => RAW.length,
    mark,
    // These jobs are not laddered (the ladder's run is tested over real ffmpeg in its own spec).
    probe: () => Promise.reject(new Error('not laddered')),
    ladder: () => {
      throw new Error('not laddered');
    },
    // As Storage does: a write only if absent keeps the object there, and the source stops there.
    seal: async (object, source, _key, _crc, mode): Promise<StoredObject> => {
      const kept = sealed.get(nameOf(object));
      if (mode === 'if-absent' && kept) {
        source.destroy();
        return described(kept);
      }
      const bytes = await drain(source);
      if (options.sealFails?.(object, bytes)) throw new Error(`write of ${nameOf(object)} failed: 503`);
      sealed.set(nameOf(object), bytes);
      return described(bytes);
    },
    describe: async (object) => {
      const kept = sealed.get(nameOf(object));
      return kept ? described(kept) : null;
    },
    isConfirmed: async () => options.confirmedAfterChecks !== undefined && ++checks > options.confirmedAfterChecks,
    key: async () => KEY,
  };
  const retry = {
    retryDelaysMs: [2_000, 4_000, 8_000],
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return {
    pipeline: createSegmentPipeline(ports),
    retry,
    sealed,
    sleeps,
    ffmpegRuns: () => ffmpegRuns,
    aborts: () => aborts,
  };
}

const described = (bytes: Buffer): StoredObject => ({
  bytes: bytes.length + 16,
  plainBytes: bytes.length,
  crc32c: `crc-${bytes.toString()}`,
});

const job = (marked: boolean): SegmentJob => ({
  rawName: 'ingest/rec-1/seg_00003.ts',
  recordingId: 'rec-1',
  seq: 3,
  marked,
  durationSeconds: 7,
});

describe('segment pipeline (services/ingest/segment-pipeline.ts)', () => {
  it('stores an unmarked recording’s segment as {seq}.ts, once, without ffmpeg', async () => {
    const w = world();
    const verdict = await w.pipeline.storeSegment(job(false), w.retry);
    assert.equal(verdict.kind, 'stored');
    assert.deepEqual([...w.sealed.keys()], ['3']);
    assert.ok(w.sealed.get('3')!.equals(RAW));
    assert.equal(w.ffmpegRuns(), 0);
    assert.deepEqual(w.sleeps, []);
  });

  it('stores a marked segment as variants A and B and the reference, counting every object', async () => {
    const w = world();
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'stored' && verdict.stored.mark === 'ab');
    assert.equal(verdict.markSkipped, undefined);
    assert.deepEqual([...w.sealed.keys()].sort(), ['3.a', '3.b', '3.ref']);
    assert.equal(w.sealed.get('3.a')!.toString(), `A:${RAW}`);
    const { variants, bytes } = verdict.stored;
    assert.equal(bytes, variants.a.bytes + variants.b.bytes + variants.ref!.bytes);
  });

  it('retries a failed run after 2 and 4 s and stores the marked segment once ffmpeg succeeds', async () => {
    const w = world({ ffmpeg: ['fails', 'fails', 'ok'] });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'stored' && verdict.stored.mark === 'ab');
    assert.deepEqual(w.sleeps, [2_000, 4_000]);
    assert.equal(w.ffmpegRuns(), 3);
  });

  it('when ffmpeg keeps failing, stores the plain segment as both variants, marked none, without a reference', async () => {
    // Written only if absent, the plain variants show that no failed run committed a truncated one.
    const w = world({ ffmpeg: 'fails' });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.equal(w.ffmpegRuns(), 4, 'the first run and three retries');
    assert.deepEqual(w.sleeps, [2_000, 4_000, 8_000]);
    assert.ok(verdict.kind === 'stored' && verdict.stored.mark === 'none');
    assert.match(verdict.markSkipped!, /^ffmpeg exited with 1/);
    assert.equal(verdict.stored.markReason, verdict.markSkipped);
    assert.ok(
      w.sealed.get('3.a')!.equals(RAW) && w.sealed.get('3.b')!.equals(RAW),
      'both variants hold the plain bytes',
    );
    assert.ok(!w.sealed.has('3.ref'), 'a failed run commits no reference');
    assert.equal(verdict.stored.bytes, verdict.stored.variants.a.bytes + verdict.stored.variants.b.bytes);
    assert.equal(verdict.stored.variants.ref, undefined);
  });

  it('a failed write wins over ffmpeg’s error: ffmpeg is stopped, no fallback, the segment fails', async () => {
    const w = world({ ffmpeg: 'ok', sealFails: (o) => o.part === 'b' });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'failed');
    assert.match(verdict.error.message, /write of 3\.b failed/);
    assert.equal(verdict.attempts, 4);
    assert.ok(w.aborts() >= 4, 'each failed write stops its ffmpeg run');
    assert.ok(!w.sealed.get('3.a')?.equals(RAW), 'no fallback was tried');
  });

  it('a failed raw read wins over the ffmpeg error it causes: no fallback', async () => {
    const w = world({ readFails: true });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'failed');
    assert.match(verdict.error.message, /raw read failed/);
    assert.ok(!(verdict.error instanceof FfmpegFailed));
    assert.equal(w.sealed.size, 0);
  });

  it('when the fallback cannot be written either, the segment fails with the storage error', async () => {
    const w = world({ ffmpeg: 'fails', sealFails: (o, bytes) => o.part === 'a' && bytes.equals(RAW) });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'failed');
    assert.match(verdict.error.message, /write of 3\.a failed/);
    assert.deepEqual(w.sleeps, [2_000, 4_000, 8_000, 2_000, 4_000, 8_000]);
  });

  it('a segment confirmed by another delivery while this one retried is a duplicate, not a failure', async () => {
    const w = world({ ffmpeg: 'fails', confirmedAfterChecks: 1 });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.deepEqual(verdict, { kind: 'duplicate' });
    assert.equal(w.ffmpegRuns(), 1);
  });

  it('a second run of a marked segment keeps what the first stored and describes it, not its own encode', async () => {
    const w = world();
    const first = await w.pipeline.storeSegment(job(true), w.retry);
    const stored = new Map(w.sealed);
    w.sealed.set('3.b', Buffer.from('B:another run')); // a first run may have stored B only
    stored.set('3.b', w.sealed.get('3.b')!);
    const second = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(first.kind === 'stored' && first.stored.mark === 'ab');
    assert.ok(second.kind === 'stored' && second.stored.mark === 'ab');
    assert.deepEqual(w.sealed, stored, 'nothing replaced');
    assert.deepEqual(second.stored.variants.a, first.stored.variants.a);
    assert.deepEqual(second.stored.variants.b, described(Buffer.from('B:another run')));
    const { variants, bytes } = second.stored;
    assert.equal(bytes, variants.a.bytes + variants.b.bytes + variants.ref!.bytes);
  });

  it('ffmpeg failing after writing part of a variant commits nothing: the retry writes whole objects', async () => {
    const w = world({ ffmpeg: ['truncates', 'ok'] });
    const verdict = await w.pipeline.storeSegment(job(true), w.retry);
    assert.ok(verdict.kind === 'stored' && verdict.stored.mark === 'ab');
    assert.equal(w.sealed.get('3.a')!.toString(), `A:${RAW}`);
    assert.equal(w.sealed.get('3.b')!.toString(), `B:${RAW}`);
  });
});
