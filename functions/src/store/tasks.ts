// The reconciliation watchdog chain: one Cloud Task per active recording, every 30 s.
import { getFunctions } from 'firebase-admin/functions';
import { logger } from 'firebase-functions';
import { functionsRegion } from '../params';
import { app } from './firebase';

export const WATCHDOG_SECONDS = 30;

export interface WatchdogTask {
  recordingId: string;
  /** When the check is due. Carried in the payload because a task can arrive early. */
  notBeforeMs: number;
}

export async function scheduleWatchdog(recordingId: string, delaySeconds = WATCHDOG_SECONDS): Promise<void> {
  const task: WatchdogTask = { recordingId, notBeforeMs: Date.now() + delaySeconds * 1000 };
  try {
    // A bare function name means us-central1 to the Admin SDK: name the region every function runs in.
    const queue = getFunctions(app()).taskQueue(`locations/${functionsRegion.value()}/functions/recordingWatchdog`);
    await queue.enqueue(task, { scheduleDelaySeconds: delaySeconds });
  } catch (error) {
    // Not fatal: the scheduled sweep heals any recording whose watchdog chain broke.
    logger.warn('watchdog not scheduled', { recordingId, error: error instanceof Error ? error.message : String(error) });
  }
}
