// The sign-in's second step: the 6-digit code from the admin's authenticator app (or, in emulator
// builds, a text message). Its own lazy chunk with the Firebase multi-factor code, so the first
// route stays small; shown by SignInPage while the session holds a pending challenge.
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { SecondFactorChallenge } from '../api/second-factor-port';
import { factorLabel } from '../app/second-factor-derive';
import { createSecondFactorStep } from '../app/second-factor-step-model';
import { USE_EMULATORS } from '../config';
import { Spinner } from '../ui/StatusPanels';

export function SecondFactorStep({ challenge, onCancel }: { challenge: SecondFactorChallenge; onCancel: () => void }) {
  const step = useMemo(() => createSecondFactorStep(challenge, USE_EMULATORS), [challenge]);
  const codeRef = useRef<HTMLInputElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const hint = step.hint.value;
  const busy = step.busy.value;
  const error = step.error.value;
  const finished = step.finished.value;
  const needsSending = step.needsSending.value;
  const isTotp = hint?.kind === 'totp';

  // The code field is where the person goes next: focus it on arrival, after a code is sent and
  // after a wrong code (so they can type again at once, and hear the error read out).
  // (The password form's button had focus and is gone: without this, focus would fall to the page.)
  useLayoutEffect(() => {
    if (finished || busy) return;
    (needsSending ? sendRef.current : codeRef.current)?.focus();
  }, [finished, needsSending, busy, error]);

  return (
    <section class="second-factor" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title" class="second-factor-title">
        Second step: {isTotp ? 'your authenticator app' : hint ? factorLabel(hint).toLowerCase() : 'second factor'}
      </h2>
      <p id="second-factor-help" class="hint">
        {isTotp
          ? `Open the authenticator app you set up for LectureVault${hint.displayName ? ` (${hint.displayName})` : ''} and type the 6-digit code it shows now.`
          : hint?.kind === 'phone'
            ? `${step.codeSent.value ? 'We sent' : 'We send'} a 6-digit code by text message to ${hint.phoneNumber ?? 'your phone'}.`
            : null}
      </p>
      {needsSending && !finished ? (
        <button
          ref={sendRef}
          type="button"
          class="button button-primary button-block"
          disabled={busy}
          onClick={() => void step.sendCode()}
        >
          {busy ? (
            <>
              <Spinner /> Sending…
            </>
          ) : (
            'Send code'
          )}
        </button>
      ) : null}
      {!needsSending && !finished ? (
        <form
          class="form"
          aria-busy={busy}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void step.submit();
          }}
        >
          <div class="field">
            <label for="second-factor-code">6-digit code</label>
            <input
              ref={codeRef}
              id="second-factor-code"
              class="code-input"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellcheck={false}
              maxLength={9}
              required
              value={step.code.value}
              onInput={(event) => step.setCode(event.currentTarget.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'second-factor-help second-factor-error' : 'second-factor-help'}
            />
          </div>
          {error ? (
            <p id="second-factor-error" class="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" class="button button-primary button-block" disabled={busy}>
            {busy ? (
              <>
                <Spinner /> Checking…
              </>
            ) : (
              'Verify'
            )}
          </button>
        </form>
      ) : null}
      {finished || (needsSending && error) ? (
        <p id="second-factor-error" class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" class="button button-quiet button-block second-factor-cancel" onClick={onCancel}>
        {finished ? 'Start again' : 'Use another account'}
      </button>
      <p class="hint">Lost the phone with your app? Ask another LectureVault admin to remove your second factor.</p>
    </section>
  );
}
