// Email + password sign-in, then (accounts with a second factor) the code step; in emulator
// builds, the demo accounts below the form.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { DemoAccountList } from './DemoAccountList';
import { PasswordReset } from './PasswordReset';
import { EmailField } from './EmailField';
import { Spinner } from '../ui/StatusPanels';
import { PageHeading } from '../ui/PageHeading';
import { useApp } from '../app/app-context';
import type { DemoAccount } from '../app/sign-in-model';
import { lazyComponent } from '../ui/lazy-component';

// Its own chunk with Firebase's multi-factor code: most people never see this step.
const SecondFactorStep = lazyComponent(
  () => import('./SecondFactorStep').then((module) => module.SecondFactorStep),
  'Loading the second step…',
);

const PROVIDER_NAMES = { google: 'Google', microsoft: 'Microsoft' } as const;

/** The school's own accounts (config.ts): one button per provider this build offers. */
function SchoolSignIn() {
  const { signIn } = useApp();
  if (signIn.schoolProviders.length === 0) return null;
  return (
    <section class="school-sign-in" aria-labelledby="school-sign-in-title">
      <h2 id="school-sign-in-title" class="signin-step">
        Or use your school account
      </h2>
      {signIn.schoolProviders.map((provider) => (
        <button
          key={provider}
          type="button"
          class="button button-block"
          disabled={signIn.busy.value}
          onClick={() => void signIn.signInWithSchool(provider)}
        >
          Continue with {PROVIDER_NAMES[provider]}
        </button>
      ))}
    </section>
  );
}

export function SignInPage() {
  const { signIn, passwordReset } = useApp();
  const submitRef = useRef<HTMLButtonElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const hadChallenge = useRef(false);
  const busy = signIn.busy.value;
  const error = signIn.error.value;
  const challenge = signIn.secondFactor.value;

  // Back from the second step ("Use another account"): the password is asked again, so go there.
  useLayoutEffect(() => {
    if (hadChallenge.current && !challenge) passwordRef.current?.focus();
    hadChallenge.current = challenge !== null;
  }, [challenge]);

  function pick(account: DemoAccount) {
    signIn.fillDemoAccount(account);
    submitRef.current?.focus(); // Enter now signs in as the chosen account
  }

  return (
    <main class="signin">
      <div class="signin-card">
        <PageHeading id="signin-title" class="signin-brand" title="Sign in">
          <span class="brand-mark" aria-hidden="true" />
          LectureVault
        </PageHeading>
        <p class="signin-lede">Sign in to watch and manage recorded lectures.</p>
        {challenge ? (
          <SecondFactorStep challenge={challenge} onCancel={() => signIn.cancelSecondFactor()} />
        ) : passwordReset.view.value !== 'closed' ? (
          <PasswordReset
            onSignIn={(email) => {
              if (email) signIn.setEmail(email);
            }}
          />
        ) : (
          <>
            <form
              class="form"
              aria-busy={busy}
              onSubmit={(event) => {
                event.preventDefault();
                void signIn.submit();
              }}
            >
              <EmailField
                id="signin-email"
                value={signIn.email.value}
                onInput={(value) => signIn.setEmail(value)}
                errorId={error ? 'signin-error' : null}
              />
              <div class="field">
                <label for="signin-password">Password</label>
                <input
                  ref={passwordRef}
                  id="signin-password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  value={signIn.password.value}
                  onInput={(event) => signIn.setPassword(event.currentTarget.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'signin-error' : undefined}
                />
              </div>
              {error ? (
                <p id="signin-error" class="form-error" role="alert">
                  {error}
                </p>
              ) : null}
              <button ref={submitRef} type="submit" class="button button-primary button-block" disabled={busy}>
                {busy ? (
                  <>
                    <Spinner /> Signing in…
                  </>
                ) : (
                  'Sign in'
                )}
              </button>
              <button type="button" class="button button-quiet button-block" onClick={() => passwordReset.open()}>
                Forgot your password?
              </button>
            </form>
            <SchoolSignIn />
            <DemoAccountList accounts={signIn.demoAccounts.value} onPick={pick} />
          </>
        )}
      </div>
    </main>
  );
}
