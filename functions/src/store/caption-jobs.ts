// captionJobs/{recordingId}: where a recording's machine captions stand (extracting the audio,
// recognising, done, failed), and the Cloud Tasks chain that moves it on: one task per step, each
// carrying the step number it was scheduled for, so a task delivered twice runs once.
import { getFunctions } from 'firebase-admin/functions';
import type { AudioChunk, SpeechBatchMode } from '../domain/captions/speech-batch';
import { functionsRegion } from '../params';
import { app, db, isAlreadyExists, withoutUndefined } from './firebase';

export type CaptionJobState = 'extracting' | 'recognizing' | 'done' | 'no-audio' | 'failed' | 'cancelled';

export interface CaptionJobChunk extends AudioChunk {
  operation?: string;
}

export interface CaptionJob {
  recordingId: string;
  state: CaptionJobState;
  /** The step the next task must carry. */
  step: number;
  mode: SpeechBatchMode;
  chunks: CaptionJobChunk[];
  polls: number;
  failures: number;
  lastError?: string;
  createdAtMs: number;
  updatedAtMs: number;
  doneAtMs?: number;
  cueCount?: number;
}

export interface CaptionTask {
  recordingId: string;
  step: number;
  /** When the step is due. Carried in the payload because a task can arrive early (firebase-tools' stock tasks emulator ignores delays). */
  notBeforeMs?: number;
}

const jobRef = (recordingId: string) => db().collection('captionJobs').doc(recordingId);

/** Creates the job (step 1); false when the recording already has one (a redelivered trigger). */
export async function createCaptionJob(recordingId: string, mode: SpeechBatchMode, nowMs: number): Promise<boolean> {
  const job: CaptionJob = {
    recordingId,
    state: 'extracting',
    step: 1,
    mode,
    chunks: [],
    polls: 0,
    failures: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  try {
    await jobRef(recordingId).create(job);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

const TERMINAL: readonly CaptionJobState[] = ['done', 'no-audio', 'failed', 'cancelled'];

/**
 * Takes step `step` of the job: the job if that is its next step and it is still running (the step
 * counter moves on in the same transaction), null for a stale or repeated task.
 */
export async function claimCaptionStep(recordingId: string, step: number, nowMs: number): Promise<CaptionJob | null> {
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(jobRef(recordingId));
    const job = snap.data() as CaptionJob | undefined;
    if (!job || job.step !== step || TERMINAL.includes(job.state)) return null;
    tx.update(jobRef(recordingId), { step: step + 1, updatedAtMs: nowMs });
    return { ...job, step: step + 1 };
  });
}

export async function saveCaptionJob(job: CaptionJob, nowMs: number): Promise<void> {
  await jobRef(job.recordingId).set(withoutUndefined({ ...job, updatedAtMs: nowMs }));
}

export async function getCaptionJob(recordingId: string): Promise<CaptionJob | null> {
  return ((await jobRef(recordingId).get()).data() as CaptionJob | undefined) ?? null;
}

/** Queues the job's next step in `delaySeconds` (the machineCaptions task queue, in the functions' region). */
export async function scheduleCaptionStep(task: CaptionTask, delaySeconds: number): Promise<void> {
  const queue = getFunctions(app()).taskQueue(`locations/${functionsRegion.value()}/functions/machineCaptions`);
  const delay = Math.max(0, Math.round(delaySeconds));
  await queue.enqueue({ ...task, notBeforeMs: Date.now() + delay * 1000 }, { scheduleDelaySeconds: delay });
}
