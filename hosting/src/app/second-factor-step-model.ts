// The sign-in's second step: one factor of the pending sign-in, the code typed for it, and the
// answer. Loaded with the step (a lazy chunk). A code is checked for shape here before Firebase
// sees it, so a typo costs none of the attempts Firebase allows.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { FactorInfo, SecondFactorChallenge } from '../api/second-factor-port';
import { createAuthTask } from './auth-task';
import {
  codeProblem,
  describeSecondFactorError,
  endsPendingSignIn,
  normaliseCode,
  preferredHint,
} from './second-factor-derive';

export interface SecondFactorStepModel {
  readonly hint: ReadonlySignal<FactorInfo | null>;
  readonly code: ReadonlySignal<string>;
  readonly busy: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** The pending sign-in is over (expired, factor gone): only "start again" is left. */
  readonly finished: ReadonlySignal<boolean>;
  /** A text-message code has been sent (emulator builds); TOTP needs none. */
  readonly codeSent: ReadonlySignal<boolean>;
  readonly needsSending: ReadonlySignal<boolean>;
  setCode(value: string): void;
  sendCode(): Promise<void>;
  submit(): Promise<void>;
}

export function createSecondFactorStep(challenge: SecondFactorChallenge, smsAvailable: boolean): SecondFactorStepModel {
  const hint = signal(preferredHint(challenge.hints, smsAvailable));
  const code = signal('');
  const finished = signal(false);
  const task = createAuthTask((errorCode) => {
    if (endsPendingSignIn(errorCode)) finished.value = true; // the attempt is spent: only "start again" is left
    return describeSecondFactorError(errorCode, hint.value?.kind);
  });
  const { busy, error } = task;
  const codeSent = signal(false);
  const needsSending = computed(() => hint.value?.kind === 'phone' && smsAvailable && !codeSent.value);

  if (hint.value && hint.value.kind !== 'totp' && !(hint.value.kind === 'phone' && smsAvailable)) {
    finished.value = true;
    error.value = describeSecondFactorError('lv/factor-not-offered');
  }

  const run = (work: () => Promise<void>): Promise<void> => (finished.value ? Promise.resolve() : task.run(work));

  return {
    hint,
    code,
    busy,
    error,
    finished,
    codeSent,
    needsSending,
    setCode(value) {
      code.value = value;
    },
    sendCode: () =>
      run(async () => {
        if (!hint.value) return;
        await challenge.sendCode(hint.value);
        codeSent.value = true;
      }),
    async submit() {
      const typed = normaliseCode(code.value);
      const problem = codeProblem(typed);
      if (problem) {
        error.value = problem;
        return;
      }
      await run(async () => {
        if (!hint.value) return;
        await challenge.verify(hint.value, typed);
      });
    },
  };
}
