// Sign-in form model: the fields, submission through the session, and (emulator builds only)
// the demo accounts that fill the form with one click.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { SchoolProvider } from '../api/auth-port';
import type { Role } from '../api/me-api';
import type { SecondFactorChallenge } from '../api/second-factor-port';
import type { SessionModel } from './session-model';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly role: Role;
}

/** Loads the demo accounts; null in builds that must not know them. */
export type DemoAccountSource = (() => Promise<readonly DemoAccount[]>) | null;

export interface SignInModel {
  readonly email: ReadonlySignal<string>;
  readonly password: ReadonlySignal<string>;
  readonly busy: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  readonly demoAccounts: ReadonlySignal<readonly DemoAccount[]>;
  /** The school account providers this build offers (config.ts). */
  readonly schoolProviders: readonly SchoolProvider[];
  signInWithSchool(provider: SchoolProvider): Promise<void>;
  /** Set while the sign-in waits for its second factor: the page shows that step instead. */
  readonly secondFactor: ReadonlySignal<SecondFactorChallenge | null>;
  cancelSecondFactor(): void;
  setEmail(value: string): void;
  setPassword(value: string): void;
  submit(): Promise<void>;
  fillDemoAccount(account: DemoAccount): void;
}

export function createSignInModel(
  session: Pick<
    SessionModel,
    'signIn' | 'signInWithSchool' | 'signingIn' | 'error' | 'secondFactor' | 'cancelSecondFactor'
  >,
  demoSource: DemoAccountSource,
  schoolProviders: readonly SchoolProvider[] = [],
): SignInModel {
  const email = signal('');
  const password = signal('');
  const demoAccounts = signal<readonly DemoAccount[]>([]);

  if (demoSource) {
    demoSource().then(
      (accounts) => {
        demoAccounts.value = accounts;
      },
      () => undefined, // a convenience only; the form works without it
    );
  }

  return {
    email,
    password,
    busy: session.signingIn,
    error: session.error,
    demoAccounts,
    schoolProviders,
    signInWithSchool: (provider) => session.signInWithSchool(provider),
    secondFactor: session.secondFactor,
    cancelSecondFactor() {
      password.value = ''; // the next attempt starts from the password again
      session.cancelSecondFactor();
    },
    setEmail: (value) => {
      email.value = value;
    },
    setPassword: (value) => {
      password.value = value;
    },
    submit: () => session.signIn(email.value, password.value),
    fillDemoAccount(account) {
      batch(() => {
        email.value = account.email;
        password.value = account.password;
      });
    },
  };
}
