// Machine captions for a recording that became ready: its audio extracted from our own sealed
// segments, recognised by Speech-to-Text v2 (BatchRecognize), turned into caption cues and stored
// as the recording's machine captions. A Cloud Tasks chain moves the job on one step at a time
// (extract and submit, then poll until done), so nothing waits in a loop; a failed step is retried
// after 30 s, 2, 10 and 30 min, then an admin is alerted. The plaintext audio and the results live
// under speech/{recordingId}/ in the ingest bucket only while the job runs (docs/captions.md).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { logger } from 'firebase-functions';
import { buildCaptionCues, type TimedWord } from '../../domain/captions/caption-cues';
import { DEFAULT_MEDICAL_PHRASES } from '../../domain/captions/medical-phrases';
import {
  MAX_CHUNK_SECONDS,
  SPEECH_MODELS,
  adaptationPhrases,
  batchRecognizeBody,
  batchRecognizePath,
  captionRetryDelaySeconds,
  isSpeechModel,
  maxPolls,
  operationOutcome,
  planAudioChunks,
  pollDelaySeconds,
  wordsFromResults,
  type SpeechModel,
} from '../../domain/captions/speech-batch';
import { segmentDecipher } from '../../domain/keys/segment-crypto';
import { captionsFailedMessage } from '../../domain/messages/caption-alerts';
import { NoAudioStream, encodeSpeechAudio } from '../../media/speech-audio';
import { speechApi, speechLanguage, speechLocation, speechModel } from '../../params';
import { batchRecognize, getOperation, type SpeechApi } from '../../speech/speech-client';
import { raiseAlert, raiseAlertOnce } from '../../store/alerts';
import {
  claimCaptionStep,
  createCaptionJob,
  saveCaptionJob,
  scheduleCaptionStep,
  type CaptionJob,
  type CaptionTask,
} from '../../store/caption-jobs';
import { saveMachineCaptions } from '../../store/captions';
import { googleAccessToken } from '../../store/google-credential';
import { recordingKey } from '../../store/keys';
import { getMeeting, speechPhrasesOf } from '../../store/meetings';
import { getRecording } from '../../store/recordings';
import { segmentDocs, segmentStream } from '../../store/segments';
import { readSettings } from '../../store/settings';
import {
  deleteSpeechObjects,
  readSpeechResults,
  speechAudioUri,
  speechAudioWriter,
  speechResultsUri,
} from '../../store/speech-objects';

/** The language key captions are stored under: the primary subtag of the spoken language (en-US → en). */
export const captionLanguage = (): string => speechLanguage.value().split('-')[0]!.toLowerCase();

function model(): SpeechModel {
  const configured = speechModel.value();
  if (!isSpeechModel(configured)) throw new Error(`SPEECH_MODEL must be chirp_2 or chirp_3, not ${configured}`);
  return configured;
}

function api(): SpeechApi & { project: string } {
  const { baseUrl, google, project } = speechApi();
  return { baseUrl, project, token: google ? googleAccessToken : undefined };
}

const EARLY_TASK_WAIT_MS = 60_000;

/** On a recording's finalization: creates its caption job once and queues the first step. */
export async function startMachineCaptions(recordingId: string, nowMs = Date.now()): Promise<void> {
  const { speechBatch } = await readSettings();
  if (speechBatch === 'off') return;
  if (!(await createCaptionJob(recordingId, speechBatch, nowMs))) return;
  try {
    await scheduleCaptionStep({ recordingId, step: 1 }, 0);
  } catch (error) {
    // The queue refused (IAM, region, quota): the job cannot move on by itself, so an admin hears now.
    const reason = `its first step could not be queued (Cloud Tasks: ${(error as Error).message.slice(0, 200)})`;
    await raiseAlertOnce(`captions-unscheduled-${recordingId}`, {
      kind: 'captions-failed',
      message: captionsFailedMessage({ recordingId, attempts: 1, reason }),
      recordingId,
    });
  }
}

/** One step of a job (the task queue's handler). Never throws: failures are retried by rescheduling. */
export async function runCaptionStep(task: Partial<CaptionTask>, nowMs = Date.now()): Promise<void> {
  if (typeof task.recordingId !== 'string' || !Number.isInteger(task.step)) return;
  // Cloud Tasks honours the schedule (and so does the emulator as scripts/dev.mjs runs it). A step
  // that still arrives early (firebase-tools' stock emulator delivers at once) would poll the
  // operation back to back and use up its looks in seconds: it waits here until it is due (at most
  // EARLY_TASK_WAIT_MS, well inside the handler's timeout).
  const early = Math.min((task.notBeforeMs ?? 0) - nowMs, EARLY_TASK_WAIT_MS);
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  const job = await claimCaptionStep(task.recordingId, task.step!, Date.now());
  if (!job) return;
  try {
    const recording = await getRecording(job.recordingId);
    if (!recording) {
      await deleteSpeechObjects(job.recordingId);
      return await saveCaptionJob({ ...job, state: 'cancelled' }, Date.now());
    }
    if (job.state === 'extracting') await extractAndSubmit(job, recording.meetingId);
    else await poll(job);
  } catch (error) {
    await failed(job, error);
  }
}

async function extractAndSubmit(job: CaptionJob, meetingId: string): Promise<void> {
  const segments = (await segmentDocs(job.recordingId)).filter((s) => s.status === 'confirmed');
  const chunkSeconds = Math.min(SPEECH_MODELS[model()].maxChunkSeconds, MAX_CHUNK_SECONDS);
  const chunks = planAudioChunks(
    segments.map((s) => ({ seq: s.seq, durationSeconds: s.durationSeconds ?? 0 })),
    chunkSeconds,
  );
  const key = await recordingKey(job.recordingId);
  const marked = new Map(segments.map((s) => [s.seq, s.mark ? ('a' as const) : undefined]));
  try {
    for (const chunk of chunks) {
      const ffmpeg = encodeSpeechAudio();
      const feed = (async () => {
        for (const seq of chunk.seqs)
          await writeAll(
            segmentStream(job.recordingId, seq, marked.get(seq)).pipe(segmentDecipher(key, seq)),
            ffmpeg.input,
          );
        ffmpeg.input.end();
      })();
      await Promise.all([feed, pipeline(ffmpeg.output, speechAudioWriter(job.recordingId, chunk.index)), ffmpeg.done]);
    }
  } catch (error) {
    if (!(error instanceof NoAudioStream)) throw error;
    await deleteSpeechObjects(job.recordingId);
    return saveCaptionJob({ ...job, state: 'no-audio' }, Date.now());
  }
  const meeting = await getMeeting(meetingId);
  const phrases = adaptationPhrases(speechPhrasesOf(meeting), DEFAULT_MEDICAL_PHRASES);
  const speech = api();
  const submitted = [];
  for (const chunk of chunks) {
    const body = batchRecognizeBody({
      model: model(),
      languageCode: speechLanguage.value(),
      phrases,
      audioUris: [speechAudioUri(job.recordingId, chunk.index)],
      outputUri: speechResultsUri(job.recordingId),
      mode: job.mode,
    });
    const path = batchRecognizePath(speech.project, speechLocation.value());
    submitted.push({ ...chunk, operation: await batchRecognize(speech, path, body) });
  }
  // Failures are kept: a job sent back here by failed recognition must still run out of retries.
  const next: CaptionJob = { ...job, state: 'recognizing', chunks: submitted, polls: 0 };
  await saveCaptionJob(next, Date.now());
  await scheduleCaptionStep({ recordingId: job.recordingId, step: next.step }, pollDelaySeconds(0, job.mode));
}

/**
 * Writes a segment's plaintext into ffmpeg's stdin, keeping it open for the next segment, with
 * backpressure. By hand rather than as pipeline(…, stdin, { end: false }): that leaves listeners on
 * stdin for every segment, and an hour has 500 of them.
 */
async function writeAll(source: AsyncIterable<Buffer>, into: Writable): Promise<void> {
  for await (const chunk of source) if (!into.write(chunk)) await once(into, 'drain');
}

/**
 * Recognition itself failed (the operation, or a file of it): polling that operation again can only
 * repeat the answer, so the retry extracts and submits afresh.
 */
class RecognitionFailed extends Error {
  override name = 'RecognitionFailed';
}

async function poll(job: CaptionJob): Promise<void> {
  const speech = api();
  const words: TimedWord[] = [];
  for (const chunk of job.chunks) {
    const outcome = operationOutcome(await getOperation(speech, chunk.operation!));
    if (outcome.state === 'failed') throw new RecognitionFailed(`recognition failed: ${outcome.message}`);
    if (outcome.state === 'running') {
      const polls = job.polls + 1;
      if (polls > maxPolls(job.mode)) throw new Error(`recognition still running after ${job.polls} looks`);
      await saveCaptionJob({ ...job, polls }, Date.now());
      return scheduleCaptionStep({ recordingId: job.recordingId, step: job.step }, pollDelaySeconds(polls, job.mode));
    }
    const uri = speechAudioUri(job.recordingId, chunk.index);
    const file = outcome.files[uri];
    if (!file?.resultUri)
      throw new RecognitionFailed(`no results for chunk ${chunk.index}: ${file?.error ?? 'not listed'}`);
    words.push(...wordsFromResults(await readSpeechResults(job.recordingId, file.resultUri), chunk.offsetMs));
  }
  const cues = buildCaptionCues(words);
  const doneAtMs = Date.now();
  await saveMachineCaptions(job.recordingId, captionLanguage(), cues, doneAtMs);
  await deleteSpeechObjects(job.recordingId);
  await saveCaptionJob({ ...job, state: 'done', doneAtMs, cueCount: cues.length }, doneAtMs);
  logger.info('machine captions stored', { recordingId: job.recordingId, cues: cues.length, words: words.length });
}

/** A failed step: retried with backoff from the same state; after the last retry, alerted and cleaned up. */
async function failed(job: CaptionJob, error: unknown): Promise<void> {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  const failures = job.failures + 1;
  const delay = captionRetryDelaySeconds(failures);
  logger.warn('machine captions step failed', { recordingId: job.recordingId, state: job.state, failures, reason });
  const nowMs = Date.now();
  if (delay !== undefined) {
    const retry: CaptionJob =
      error instanceof RecognitionFailed ? { ...job, state: 'extracting', chunks: [], polls: 0 } : job;
    await saveCaptionJob({ ...retry, failures, lastError: reason }, nowMs);
    return scheduleCaptionStep({ recordingId: job.recordingId, step: job.step }, delay);
  }
  await saveCaptionJob({ ...job, state: 'failed', failures, lastError: reason }, nowMs);
  await deleteSpeechObjects(job.recordingId).catch(() => undefined);
  const recording = await getRecording(job.recordingId);
  await raiseAlert(
    {
      kind: 'captions-failed',
      message: captionsFailedMessage({ recordingId: job.recordingId, attempts: failures, reason }),
      recordingId: job.recordingId,
      meetingId: recording?.meetingId,
    },
    nowMs,
  );
}
