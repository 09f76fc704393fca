// A watchdog task that cannot be enqueued (a queue refusing tasks: IAM, region, quota) reaches an
// admin as one alert per recording, not only a log line; the sweep still heals the recording.
import assert from 'node:assert/strict';
import { resetWorld } from '../kit/emulators';
import { alerts } from '../kit/recordings';
import { scheduleWatchdog } from '../../src/store/tasks';

describe('watchdog scheduling failures', () => {
  const saved = process.env.CLOUD_TASKS_EMULATOR_HOST;
  beforeEach(resetWorld);
  afterEach(() => {
    if (saved === undefined) delete process.env.CLOUD_TASKS_EMULATOR_HOST;
    else process.env.CLOUD_TASKS_EMULATOR_HOST = saved;
  });

  it('raises one admin alert per recording when Cloud Tasks refuses, however often it is retried', async () => {
    process.env.FUNCTIONS_REGION ??= 'us-central1';
    process.env.CLOUD_TASKS_EMULATOR_HOST = '127.0.0.1:9'; // nothing listens: every enqueue fails
    await scheduleWatchdog('rec-unqueued', 1);
    await scheduleWatchdog('rec-unqueued', 1);
    await scheduleWatchdog('rec-other', 1);
    const raised = (await alerts()).filter((a) => a.kind === 'watchdog-unscheduled');
    assert.deepEqual(raised.map((a) => a.recordingId).sort(), ['rec-other', 'rec-unqueued']);
    assert.match(
      String(raised[0]!.message),
      /could not be scheduled \(Cloud Tasks: .+\)\. The once-a-minute sweep still watches it/,
    );
  });
});
