// The console's action runner: announce the outcome, refresh after success, busy while running.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/http-api';
import { createActionRunner } from '../../src/ui/action-model';

describe('action runner', () => {
  it('announces the result, refreshes, and is busy only while the action runs', async () => {
    const said: string[] = [];
    let refreshed = 0;
    const runner = createActionRunner(
      (m) => said.push(m),
      () => refreshed++,
    );
    let seenBusy: string | null = null;
    await runner.run('grant', async () => {
      seenBusy = runner.busy.value;
      return 'Granted.';
    });
    assert.equal(seenBusy, 'grant');
    assert.equal(runner.busy.value, null);
    assert.deepEqual(said, ['Granted.']);
    assert.equal(refreshed, 1);
  });

  it("announces the server's reason, or the fallback, and does not refresh on failure", async () => {
    const said: string[] = [];
    let refreshed = 0;
    const runner = createActionRunner(
      (m) => said.push(m),
      () => refreshed++,
    );
    await runner.run('delete', async () => {
      throw new ApiError(409, 'recording-active', 'Stop the recording before deleting it.');
    });
    await runner.run('delete', async () => {
      throw new Error('boom');
    });
    await runner.run(
      'grant',
      async () => {
        throw new Error('boom');
      },
      'That did not work. Please try again.',
    );
    assert.deepEqual(said, [
      'Stop the recording before deleting it.',
      'Could not delete.',
      'That did not work. Please try again.',
    ]);
    assert.equal(refreshed, 0);
    assert.equal(runner.busy.value, null);
  });
});
