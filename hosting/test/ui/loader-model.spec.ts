// The shared loader model: late answers and failures.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/http-api';
import { createLoader } from '../../src/ui/loader-model';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loader model', () => {
  it('ignores a late answer from an earlier load', async () => {
    const answers: Array<(v: string) => void> = [];
    const loader = createLoader(() => new Promise<string>((resolve) => answers.push(resolve)));
    void loader.reload();
    answers[1]!('new');
    await settle();
    answers[0]!('old');
    await settle();
    assert.deepEqual(loader.state.value, { kind: 'ready', value: 'new' });
  });

  it('turns a failure into its message, and recovers on reload', async () => {
    let fail = true;
    const loader = createLoader(async () => {
      if (fail) throw new ApiError(0, 'network', 'Could not reach LectureVault.');
      return 1;
    });
    await settle();
    assert.deepEqual(loader.state.value, { kind: 'error', message: 'Could not reach LectureVault.' });
    fail = false;
    await loader.reload();
    assert.deepEqual(loader.state.value, { kind: 'ready', value: 1 });
  });
});
