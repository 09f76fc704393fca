// speech/{recordingId}/ in the ingest bucket: the plaintext audio of a recording sent to
// Speech-to-Text (audio-{chunk}.flac) and the results it writes back (results/). The ingest bucket
// because it is already the plaintext bucket: private, reachable only by our functions, egress and
// (for speech/) the Speech-to-Text service agent, with a lifecycle rule that deletes anything a day
// old. The caption job deletes both as soon as the captions are stored or it gives up.
import type { Writable } from 'node:stream';
import { bucketNamed } from './firebase';
import { ingestBucketName } from './ingest';

const speechPrefix = (recordingId: string) => `speech/${recordingId}/`;
const audioName = (recordingId: string, chunk: number) => `${speechPrefix(recordingId)}audio-${chunk}.flac`;
const ingest = () => bucketNamed(ingestBucketName());

export const gsUri = (name: string): string => `gs://${ingestBucketName()}/${name}`;
export const speechAudioUri = (recordingId: string, chunk: number): string => gsUri(audioName(recordingId, chunk));
/** Where Speech-to-Text writes a job's results (a prefix: it names the files itself). */
export const speechResultsUri = (recordingId: string): string => gsUri(`${speechPrefix(recordingId)}results/`);

/** A stream into one audio chunk's object (FLAC), never cached, never public. */
export function speechAudioWriter(recordingId: string, chunk: number): Writable {
  return ingest()
    .file(audioName(recordingId, chunk))
    .createWriteStream({ resumable: false, contentType: 'audio/flac', metadata: { cacheControl: 'no-store' } });
}

/** Results files are a few MB an hour of speech; anything far larger is not ours to parse. */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024;

/** A results file named by the operation (it must be under this recording's speech/ prefix). */
export async function readSpeechResults(recordingId: string, uri: string): Promise<unknown> {
  const prefix = gsUri(speechPrefix(recordingId));
  if (!uri.startsWith(prefix)) throw new Error(`results outside ${prefix}: ${uri.slice(0, 200)}`);
  const file = ingest().file(uri.slice(`gs://${ingestBucketName()}/`.length));
  const [meta] = await file.getMetadata();
  if (Number(meta.size) > MAX_RESULTS_BYTES) throw new Error(`results file of ${meta.size} bytes`);
  const [bytes] = await file.download();
  return JSON.parse(bytes.toString('utf8')) as unknown;
}

export async function deleteSpeechObjects(recordingId: string): Promise<void> {
  await ingest().deleteFiles({ prefix: speechPrefix(recordingId) });
}

/** The names of what is stored for a recording's speech (tests, and the job's own check). */
export async function speechObjectNames(recordingId: string): Promise<string[]> {
  const [files] = await ingest().getFiles({ prefix: speechPrefix(recordingId) });
  return files.map((f) => f.name);
}
