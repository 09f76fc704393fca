// Thin entry points for the scheduled and queued jobs: watchdog task, reconciliation sweep, retention.
import { logger } from 'firebase-functions';
import { isActive } from '../domain/recording/recording-state';
import { reconcileRecording, sweep } from '../services/livekit-sync/reconciliation';
import { enforceRetention } from '../services/recording/retention';
import { scheduleWatchdog, WATCHDOG_SECONDS, type WatchdogTask } from '../store/tasks';

export async function runWatchdog(data: Partial<WatchdogTask>): Promise<void> {
  if (typeof data.recordingId !== 'string') return;
  // Cloud Tasks honours the schedule (and so does the emulator as scripts/dev.mjs runs it); a task
  // that still arrives early (firebase-tools' stock emulator delivers at once) waits here until the
  // check is due, which keeps the chain at one poll per 30 s.
  const early = Math.min((data.notBeforeMs ?? 0) - Date.now(), WATCHDOG_SECONDS * 1000);
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  const recording = await reconcileRecording(data.recordingId);
  if (recording && isActive(recording.status)) await scheduleWatchdog(recording.id);
}

export async function runSweep(): Promise<void> {
  const report = await sweep();
  if (report.adopted.length || report.strayStopped.length || report.redriven.length)
    logger.warn('sweep healed', report);
}

/** Daily retention: batches until done or the time budget is spent; the next run resumes. */
export async function runRetention(): Promise<void> {
  const deadline = Date.now() + 8 * 60_000;
  let report;
  do {
    report = await enforceRetention();
    if (report.deleted.length) logger.info('retention deleted recordings', { count: report.deleted.length });
  } while (report.more && report.deleted.length && Date.now() < deadline);
}
