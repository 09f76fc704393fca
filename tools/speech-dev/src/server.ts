// The stand-in's HTTP server (dev/test only, never deployed): Speech-to-Text v2's BatchRecognize
// and operation polling at the paths the real API serves, 127.0.0.1 only, no auth (a bearer
// token, when sent, is ignored). A job runs in the background: read each audio file from the
// Storage emulator, recognise it with pocketsphinx, write BatchRecognizeResults JSON under the
// output prefix; the operation reports done with the results' URIs. Jobs run one at a time, like
// a queue: the machine is small and recognition is CPU-bound.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recognise } from './recognise.js';
import { StorageEmulator, type ObjectStore } from './storage.js';
import {
  ApiError,
  batchRecognizeResults,
  errorBody,
  matchBatchRecognize,
  matchOperation,
  operationJson,
  parseBatchRecognize,
  parseGsUri,
  resultObjectName,
  type BatchJob,
} from './wire.js';

export interface SpeechDevOptions {
  port: number; // 0 = any free port (tests)
  storageHost: string; // host:port of the Storage emulator
  quiet?: boolean;
  store?: ObjectStore; // tests may give their own
  ffmpegPath?: string;
}

export interface SpeechDev {
  url: string;
  port: number;
  /** Every request body BatchRecognize accepted, in order (tests read what production sent). */
  requests: BatchJob[];
  close(): Promise<void>;
}

type OperationState = Parameters<typeof operationJson>[2];

interface Operation {
  name: string;
  job: BatchJob;
  createdAtMs: number;
  state: OperationState;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startSpeechDev(options: SpeechDevOptions): Promise<SpeechDev> {
  const store = options.store ?? new StorageEmulator(options.storageHost);
  const log = (line: string) => options.quiet || process.stdout.write(`[speech-dev] ${line}\n`);
  const operations = new Map<string, Operation>();
  const requests: BatchJob[] = [];
  let queue = Promise.resolve();

  const runJob = async (op: Operation): Promise<void> => {
    const files: Record<string, { resultUri?: string; error?: string }> = {};
    let billedMs = 0;
    const output = parseGsUri(op.job.outputPrefix, 'output');
    for (const [i, uri] of op.job.files.entries()) {
      // The step a failure happened in, for its message: a timeout alone does not say which call it was.
      let step = 'reading the audio';
      try {
        const audio = parseGsUri(uri, 'file');
        const started = Date.now();
        const bytes = await store.read(audio);
        const readMs = Date.now() - started;
        step = 'recognising';
        const result = await recognise(bytes, op.job.phrases, options.ffmpegPath);
        const object = resultObjectName(output.object, audio.object, randomBytes(8).toString('hex'));
        const json = batchRecognizeResults(result.utterances, op.job.languageCode, result.durationMs);
        step = 'writing the results';
        await store.write({ bucket: output.bucket, object }, Buffer.from(JSON.stringify(json)), 'application/json');
        files[uri] = { resultUri: `gs://${output.bucket}/${object}` };
        billedMs += result.durationMs;
        const words = result.utterances.reduce((n, u) => n + u.words.length, 0);
        log(
          `${op.name}: ${uri} (${bytes.length} bytes, read in ${readMs} ms) → ${words} words in ${Date.now() - started} ms (${result.unknownWords.length} phrase words not in the dictionary)`,
        );
      } catch (error) {
        files[uri] = { error: `${step}: ${(error as Error).message}` };
        log(`${op.name}: ${uri} failed ${step}: ${(error as Error).message}`);
      }
      op.state = { done: false, progressPercent: Math.round(((i + 1) / op.job.files.length) * 100) };
    }
    op.state = { done: true, files, billedMs };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/v2/')) throw new ApiError(404, 'NOT_FOUND', `no route ${url.pathname}`);
    const path = url.pathname.slice('/v2/'.length);
    const batch = matchBatchRecognize(path);
    if (batch) {
      if (req.method !== 'POST') throw new ApiError(405, 'INVALID_ARGUMENT', 'batchRecognize takes POST');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ApiError(400, 'INVALID_ARGUMENT', 'the body is not valid JSON');
      }
      const job = parseBatchRecognize(batch.project, batch.location, body);
      requests.push(job);
      const name = `projects/${batch.project}/locations/${batch.location}/operations/${randomBytes(10).toString('hex')}`;
      const op: Operation = { name, job, createdAtMs: Date.now(), state: { done: false, progressPercent: 0 } };
      operations.set(name, op);
      // A job that throws must not stop the queue: later jobs still run.
      queue = queue
        .then(() => runJob(op))
        .catch((error: unknown) => {
          op.state = { done: true, error: (error as Error).message };
          log(`${name}: failed: ${(error as Error).message}`);
        });
      log(
        `${name}: batchRecognize ${job.model} ${job.languageCode}, ${job.files.length} file(s), ${job.phrases.length} phrases${job.dynamicBatching ? ', dynamic batching' : ''}`,
      );
      return send(res, 200, operationJson(name, job, op.state, op.createdAtMs));
    }
    if (matchOperation(path)) {
      if (req.method !== 'GET') throw new ApiError(405, 'INVALID_ARGUMENT', 'operations are read with GET');
      const op = operations.get(decodeURIComponent(path));
      if (!op) throw new ApiError(404, 'NOT_FOUND', `operation ${path} not found`);
      return send(res, 200, operationJson(op.name, op.job, op.state, op.createdAtMs));
    }
    throw new ApiError(404, 'NOT_FOUND', `no route ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const done =
        size > MAX_BODY_BYTES
          ? Promise.reject(new ApiError(413, 'INVALID_ARGUMENT', 'request body over 1 MiB'))
          : handle(req, res, Buffer.concat(chunks));
      done.catch((error: unknown) => {
        const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', (error as Error).message);
        send(res, apiError.code, errorBody(apiError));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  log(`listening on http://127.0.0.1:${port} (Storage emulator at ${options.storageHost})`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}
