// Thin entry points for the reconciliation jobs: the per-recording watchdog task and the sweep.
import { isActive } from '../domain/recording-state';
import { reconcileRecording, sweep } from '../services/reconciliation';
import { scheduleWatchdog } from '../store/tasks';
import { logger } from 'firebase-functions';

export async function runWatchdog(data: { recordingId?: unknown }): Promise<void> {
  if (typeof data.recordingId !== 'string') return;
  const recording = await reconcileRecording(data.recordingId);
  if (recording && isActive(recording.status)) await scheduleWatchdog(recording.id);
}

export async function runSweep(): Promise<void> {
  const report = await sweep();
  if (report.adopted.length || report.strayStopped.length) logger.warn('sweep healed egresses', report);
}
