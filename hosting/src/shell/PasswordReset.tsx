// Password reset on the sign-in page: asking for the mail (one answer whether or not an account
// uses the address) and, opened from the mail's link, the new-password form.
import { useRef } from 'preact/hooks';
import { useApp } from '../app/app-context';
import { RESET_SENT } from '../app/password-reset-model';
import { Spinner } from '../ui/StatusPanels';
import { EmailField } from './EmailField';

function FormError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} class="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** One step's form: its heading, fields, error line, submit button and the way back. */
function ResetForm({
  title,
  busy,
  error,
  submitLabel,
  onSubmit,
  back,
  children,
}: {
  title: string;
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSubmit: () => void;
  back: preact.ComponentChildren;
  children: preact.ComponentChildren;
}) {
  return (
    <form
      class="form"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 class="signin-step">{title}</h2>
      {children}
      <FormError id="reset-error" error={error} />
      <button type="submit" class="button button-primary button-block" disabled={busy}>
        {busy ? <Spinner /> : null} {submitLabel}
      </button>
      {back}
    </form>
  );
}

export function PasswordReset({ onSignIn }: { onSignIn: (email: string | null) => void }) {
  const { passwordReset: reset } = useApp();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const view = reset.view.value;
  const busy = reset.busy.value;
  const error = reset.error.value;
  const back = (
    <button
      type="button"
      class="button button-quiet button-block"
      onClick={() => {
        const email = reset.doneEmail.value;
        reset.close();
        onSignIn(email);
      }}
    >
      Back to sign in
    </button>
  );

  if (view === 'sent' || view === 'done') {
    return (
      <div class="form">
        <h2 class="signin-step">{view === 'sent' ? 'Check your mail' : 'Password changed'}</h2>
        <p role="status" class="form-note">
          {view === 'sent' ? RESET_SENT : 'Your new password is set. Sign in with it.'}
        </p>
        {back}
      </div>
    );
  }

  if (view === 'set') {
    return (
      <ResetForm
        title="Set a new password"
        busy={busy}
        error={error}
        submitLabel="Set password"
        onSubmit={() => void reset.setPassword(passwordRef.current?.value ?? '')}
        back={back}
      >
        <div class="field">
          <label for="reset-password">New password</label>
          <input
            ref={passwordRef}
            id="reset-password"
            type="password"
            autoComplete="new-password"
            minLength={6}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'reset-error' : undefined}
          />
        </div>
      </ResetForm>
    );
  }

  return (
    <ResetForm
      title="Reset your password"
      busy={busy}
      error={error}
      submitLabel="Send the link"
      onSubmit={() => void reset.request(emailRef.current?.value ?? '')}
      back={back}
    >
      <p class="form-note">We will mail you a link to set a new password.</p>
      <EmailField id="reset-email" inputRef={emailRef} errorId={error ? 'reset-error' : null} />
    </ResetForm>
  );
}
