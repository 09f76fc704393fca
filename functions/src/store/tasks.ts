// The reconciliation watchdog chain: one Cloud Task per active recording, every 30 s.
import { getFunctions } from 'firebase-admin/functions';
import { logger } from 'firebase-functions';
import { functionsRegion } from '../params';
import { raiseAlertOnce } from './alerts';
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
    // Not fatal: the scheduled sweep heals any recording whose watchdog chain broke. But a queue that
    // refuses tasks (IAM, region, quota) is an admin's problem: one alert per recording, not a log line only.
    const message = error instanceof Error ? error.message : String(error);
    logger.warn('watchdog not scheduled', { recordingId, error: message });
    await raiseAlertOnce(`watchdog-unscheduled-${recordingId}`, {
      kind: 'watchdog-unscheduled',
      message: `The 30 s health check of a recording could not be scheduled (Cloud Tasks: ${message.slice(0, 200)}). The once-a-minute sweep still watches it; check the recordingWatchdog queue and its IAM.`,
      recordingId,
    }).catch((alertError) => logger.error('watchdog alert not stored', { recordingId, error: String(alertError) }));
  }
}
