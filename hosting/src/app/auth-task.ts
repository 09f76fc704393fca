// The bookkeeping every Firebase Auth step shares (the second factor at sign-in, password reset,
// the admin's own factors): one step at a time, and a failure shown in the words its code maps to.
import { batch, signal, type Signal, type ReadonlySignal } from '@preact/signals';
import { AuthFailure } from '../api/auth-failure';

export interface AuthTask {
  readonly busy: ReadonlySignal<boolean>;
  /** The failure's words; the step may also set it itself (a code of the wrong shape). */
  readonly error: Signal<string | null>;
  /** Runs `work` unless a step is under way; clears the error first, describes any failure. */
  run(work: () => Promise<void>): Promise<void>;
}

export function createAuthTask(describe: (code: string) => string): AuthTask {
  const busy = signal(false);
  const error = signal<string | null>(null);
  return {
    busy,
    error,
    async run(work) {
      if (busy.value) return;
      batch(() => {
        busy.value = true;
        error.value = null;
      });
      try {
        await work();
      } catch (failure) {
        error.value = describe(failure instanceof AuthFailure ? failure.code : 'unknown');
      } finally {
        busy.value = false;
      }
    },
  };
}
