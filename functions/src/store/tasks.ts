// The reconciliation watchdog chain: one Cloud Task per active recording, every 30 s.
import { getFunctions } from 'firebase-admin/functions';
import { logger } from 'firebase-functions';
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
    await getFunctions(app()).taskQueue('recordingWatchdog').enqueue(task, { scheduleDelaySeconds: delaySeconds });
  } catch (error) {
    // Not fatal: the scheduled sweep heals any recording whose watchdog chain broke.
    logger.warn('watchdog not scheduled', { recordingId, error: error instanceof Error ? error.message : String(error) });
  }
}
