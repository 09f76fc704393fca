// Counts what the server code would be billed for, in the benchmark process only (production code
// is untouched): Firestore document reads, writes and deletes, Cloud Storage Class A / B operations
// and bytes, Cloud Tasks operations, and function invocations with their billed time. It wraps the
// Admin SDK's prototypes at the narrowest seams that every call path goes through, so a store
// function counts the same however it reads or writes:
//   reads   Firestore.getAll (DocumentReference.get delegates to it), Transaction.get(doc) and
//           Transaction.getAll, Query._get and AggregateQuery._get (plain and transactional queries);
//   writes  WriteBatch._commit (DocumentReference.set/update/create/delete and transactions commit
//           through a WriteBatch), one write or delete per operation in it;
//   Storage File.createWriteStream (File.save uses it) = Class A, File.createReadStream (download
//           uses it) = Class B, getMetadata (exists uses it) = Class B, Bucket.getFiles = Class A,
//           File.delete = free.
// Cloud Tasks has no emulator in this run: TaskQueue.enqueue is replaced by a counter (one enqueue
// plus one push delivery per task).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { Transaction, type Firestore } from 'firebase-admin/firestore';
import type { getStorage } from 'firebase-admin/storage';
import type { getFunctions } from 'firebase-admin/functions';

type StorageBucket = ReturnType<ReturnType<typeof getStorage>['bucket']>;
type Functions = ReturnType<typeof getFunctions>;

/**
 * Each function's deployed size as firebase-tools resolves it (deploy/functions/prepare.js,
 * resolveCpuAndConcurrency): `memory` and `cpu` from its options in functions/src/index.ts, else
 * 256 MiB and the 2nd-gen CPU for that memory (1 vCPU up to 2 GiB, 2 at 4–8 GiB). Read from the
 * manifest, so a resized function is billed at its new size without editing this file.
 */
export function deployedSizes(indexTs: string): Record<string, { vcpu: number; gib: number }> {
  const sizes: Record<string, { vcpu: number; gib: number }> = {};
  const exports = [...indexTs.matchAll(/^export const (\w+)\s*=\s*on\w+\(/gm)];
  exports.forEach((match, i) => {
    const options = indexTs.slice(match.index, exports[i + 1]?.index ?? indexTs.length);
    const memory = /\bmemory:\s*'(\d+)(MiB|GiB)'/.exec(options);
    const mib = memory ? Number(memory[1]) * (memory[2] === 'GiB' ? 1024 : 1) : 256;
    const cpu = /\bcpu:\s*(\d+(?:\.\d+)?)/.exec(options);
    sizes[match[1]!] = { vcpu: cpu ? Number(cpu[1]) : mib >= 16384 ? 4 : mib >= 4096 ? 2 : 1, gib: mib / 1024 };
  });
  return sizes;
}

export const FUNCTION_SIZES = deployedSizes(readFileSync(path.resolve(__dirname, '../functions/src/index.ts'), 'utf8'));

export interface Tally {
  reads: number;
  writes: number;
  deletes: number;
  classA: number;
  classB: number;
  objectDeletes: number;
  bytesWritten: number;
  bytesRead: number;
  taskOps: number;
  invocations: Record<string, number>;
  /** Wall time per invocation, rounded up to 100 ms as Cloud Run bills it. */
  billedMs: Record<string, number>;
  /** Response bodies a browser downloads (through Hosting), and the part of them that is media. */
  deliveredBytes: number;
  mediaBytes: number;
}

export const emptyTally = (): Tally => ({
  reads: 0,
  writes: 0,
  deletes: 0,
  classA: 0,
  classB: 0,
  objectDeletes: 0,
  bytesWritten: 0,
  bytesRead: 0,
  taskOps: 0,
  invocations: {},
  billedMs: {},
  deliveredBytes: 0,
  mediaBytes: 0,
});

export interface Meter {
  tally: Tally;
  /** Returns the tally so far and starts a new one. */
  take(): Tally;
  /** Runs `fn` without counting (the benchmark's own set-up and inspection). */
  quietly<T>(fn: () => Promise<T>): Promise<T>;
  /** Counts one invocation of `fn` as the deployed function `name` and its billed time. */
  invoke<T>(name: string, fn: () => Promise<T>): Promise<T>;
  countInvocation(name: string, ms: number): void;
  /** Objects finalized in a bucket (each fires the storage trigger when it is the trigger's bucket). */
  onObjectFinalized?: (bucket: string, name: string, sizeBytes: number) => void;
  /** Updates of an existing recordings/{id} document (each fires the Firestore trigger). */
  onRecordingUpdated?: (recordingId: string) => void;
}

type AnyFn = (...args: unknown[]) => unknown;
type Proto = Record<string, unknown>;

/** Replaces proto[name] with a wrapper that sees the result (awaited if it is a promise). */
function after(proto: Proto, name: string, see: (result: unknown, args: unknown[], self: unknown) => void): void {
  const original = proto[name] as AnyFn | undefined;
  if (typeof original !== 'function')
    throw new Error(`cost-meter: ${name} is gone from the SDK; update bench/cost-meter.ts`);
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const out = original.apply(this, args);
    if (out instanceof Promise) return out.then((r) => (see(r, args, this), r));
    see(out, args, this);
    return out;
  };
}

const protoOf = (value: object): Proto => Object.getPrototypeOf(value) as Proto;

export function installMeter(handles: { db: Firestore; bucket: StorageBucket; functions: Functions }): Meter {
  let tally = emptyTally();
  let quiet = 0;
  const on = () => quiet === 0;
  const meter: Meter = {
    get tally() {
      return tally;
    },
    take() {
      const taken = tally;
      tally = emptyTally();
      return taken;
    },
    async quietly(fn) {
      quiet++;
      try {
        return await fn();
      } finally {
        quiet--;
      }
    },
    async invoke(name, fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        meter.countInvocation(name, performance.now() - start);
      }
    },
    countInvocation(name, ms) {
      if (!on()) return;
      tally.invocations[name] = (tally.invocations[name] ?? 0) + 1;
      tally.billedMs[name] = (tally.billedMs[name] ?? 0) + Math.max(1, Math.ceil(ms / 100)) * 100;
    },
  };

  // ---- Firestore
  const { db } = handles;
  const DocumentReference = db.doc('cost/meter').constructor;
  after(protoOf(db), 'getAll', (snaps) => on() && (tally.reads += (snaps as unknown[]).length));
  const queryProto = Object.getPrototypeOf(protoOf(db.collection('cost'))) as Proto; // Query, under CollectionReference
  after(
    queryProto,
    '_get',
    (r) => on() && (tally.reads += Math.max(1, (r as { result: { size: number } }).result.size)),
  );
  // One read per batch of up to 1,000 index entries; our aggregations stay far below that.
  after(protoOf(db.collection('cost').count()), '_get', () => on() && (tally.reads += 1));
  const txProto = Transaction.prototype as unknown as Proto;
  after(txProto, 'get', (_r, [target]) => on() && target instanceof DocumentReference && (tally.reads += 1));
  after(txProto, 'getAll', (snaps) => on() && (tally.reads += (snaps as unknown[]).length));
  const batchProto = protoOf(db.batch());
  const commit = batchProto['_commit'] as AnyFn;
  batchProto['_commit'] = async function (
    this: { _ops?: { op: () => Record<string, unknown> }[] },
    ...args: unknown[]
  ) {
    if (!Array.isArray(this._ops))
      throw new Error('cost-meter: WriteBatch internals changed; update bench/cost-meter.ts');
    const writes = this._ops.map((o) => o.op());
    const result = await commit.apply(this, args);
    if (on()) {
      for (const w of writes) {
        if (w['delete']) tally.deletes++;
        else tally.writes++;
        const name = (w['update'] as { name?: string } | undefined)?.name ?? '';
        const created = (w['currentDocument'] as { exists?: boolean } | undefined)?.exists === false;
        const rec = /\/documents\/recordings\/([^/]+)$/.exec(name);
        if (rec && !created) meter.onRecordingUpdated?.(rec[1]!);
      }
    }
    return result;
  };

  // ---- Cloud Storage
  const file = handles.bucket.file('cost/meter');
  const fileProto = protoOf(file);
  const write = fileProto['createWriteStream'] as AnyFn;
  fileProto['createWriteStream'] = function (
    this: { name: string; bucket: { name: string }; metadata?: { size?: string | number } },
    ...args: unknown[]
  ) {
    const stream = write.apply(this, args) as NodeJS.WritableStream;
    const counting = on();
    stream.on('finish', () => {
      if (!counting) return;
      tally.classA++;
      const size = Number(this.metadata?.size ?? 0);
      tally.bytesWritten += size;
      meter.onObjectFinalized?.(this.bucket.name, this.name, size);
    });
    return stream;
  };
  const read = fileProto['createReadStream'] as AnyFn;
  fileProto['createReadStream'] = function (this: unknown, ...args: unknown[]) {
    const source = read.apply(this, args) as Readable;
    if (!on()) return source;
    tally.classB++;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        tally.bytesRead += chunk.length;
        done(null, chunk);
      },
    });
    source.on('error', (error) => counter.destroy(error));
    // The client's documented 'response' event (store/segments.ts waits for it) passes through.
    source.on('response', (response) => counter.emit('response', response));
    return source.pipe(counter);
  };
  after(Object.getPrototypeOf(fileProto) as Proto, 'getMetadata', () => on() && tally.classB++); // ServiceObject: File and Bucket
  after(fileProto, 'delete', () => on() && tally.objectDeletes++);
  after(protoOf(handles.bucket), 'getFiles', () => on() && tally.classA++);

  // ---- Cloud Tasks
  const queueProto = protoOf(handles.functions.taskQueue('recordingWatchdog'));
  queueProto['enqueue'] = async function () {
    if (on()) tally.taskOps += 2;
  };
  return meter;
}
