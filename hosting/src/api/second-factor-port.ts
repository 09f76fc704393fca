// Second-factor port: Firebase multi-factor auth (the sign-in resolver and TOTP enrolment). A lazy
// chunk, loaded through AuthPort.secondFactor() only when a sign-in asks for a second factor or an
// admin opens Security, so the first route carries none of it. TOTP only in production: it needs
// no reCAPTCHA (SMS would load Google's script, which the CSP refuses). Emulator builds also
// answer an SMS factor, because the Auth emulator (firebase-tools 14.27) implements MFA for SMS
// only; that branch is folded away in production builds (USE_EMULATORS).
import {
  getMultiFactorResolver,
  multiFactor,
  TotpMultiFactorGenerator,
  type Auth,
  type MultiFactorError,
  type MultiFactorInfo,
  type MultiFactorResolver,
} from 'firebase/auth';
import { USE_EMULATORS } from '../config';
import { AuthFailure, toAuthFailure } from './auth-failure';

export type FactorKind = 'totp' | 'phone' | 'other';

export interface FactorInfo {
  readonly uid: string;
  readonly kind: FactorKind;
  /** What the person named it ("Phone"), or null. */
  readonly displayName: string | null;
  /** A phone factor's masked number, as Firebase gives it. */
  readonly phoneNumber: string | null;
  readonly enrolledAt: string;
}

/** One pending sign-in that still needs its second factor. */
export interface SecondFactorChallenge {
  readonly hints: readonly FactorInfo[];
  /** Sends the code for a factor that needs one sent (SMS); TOTP needs nothing. */
  sendCode(hint: FactorInfo): Promise<void>;
  /** Finishes the sign-in with the code; the auth listener then sees the user. */
  verify(hint: FactorInfo, code: string): Promise<void>;
}

/** A TOTP secret generated for enrolment, until confirmed with a code from the app. */
export interface TotpSetup {
  /** Base32, for typing into an authenticator app. */
  readonly secretKey: string;
  readonly hashingAlgorithm: string;
  readonly codeLength: number;
  readonly intervalSeconds: number;
  /** Enrolment must be confirmed before this (ISO time). */
  readonly deadline: string;
  confirm(code: string, displayName: string): Promise<void>;
}

export interface SecondFactorPort {
  challenge(failure: AuthFailure): SecondFactorChallenge;
  /** The signed-in user's enrolled factors ([] when signed out). */
  enrolled(): readonly FactorInfo[];
  startTotp(): Promise<TotpSetup>;
  unenroll(uid: string): Promise<void>;
}

// Folded to null in production builds, which drops the SMS module (and the reCAPTCHA verifier it
// would pull into the Firebase chunk) from the bundle; the same pattern as the demo accounts.
const loadSmsFactor = USE_EMULATORS ? () => import('./emulator-sms-factor') : null;

function factorInfo(info: MultiFactorInfo): FactorInfo {
  const kind: FactorKind = info.factorId === 'totp' ? 'totp' : info.factorId === 'phone' ? 'phone' : 'other';
  const phone = (info as { phoneNumber?: unknown }).phoneNumber;
  return {
    uid: info.uid,
    kind,
    displayName: info.displayName ?? null,
    phoneNumber: typeof phone === 'string' ? phone : null,
    enrolledAt: info.enrollmentTime,
  };
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAuthFailure(error);
  }
}

function resolverChallenge(auth: Auth, resolver: MultiFactorResolver): SecondFactorChallenge {
  const hints = resolver.hints.map(factorInfo);
  // SMS (emulator builds only): the verification id of the code last sent, per factor.
  const sent = new Map<string, string>();
  const byUid = (hint: FactorInfo) => resolver.hints.find((candidate) => candidate.uid === hint.uid)!;

  return {
    hints,
    async sendCode(hint) {
      if (loadSmsFactor && hint.kind === 'phone') {
        await guarded(async () => {
          const phone = await loadSmsFactor();
          sent.set(hint.uid, await phone.sendSignInCode(auth, resolver, byUid(hint)));
        });
      }
    },
    async verify(hint, code) {
      await guarded(async () => {
        if (hint.kind === 'totp') {
          await resolver.resolveSignIn(TotpMultiFactorGenerator.assertionForSignIn(hint.uid, code));
          return;
        }
        const verificationId = sent.get(hint.uid);
        if (loadSmsFactor && hint.kind === 'phone' && verificationId) {
          const phone = await loadSmsFactor();
          await resolver.resolveSignIn(phone.signInAssertion(verificationId, code));
          return;
        }
        throw new AuthFailure('lv/factor-not-offered', `second factor ${hint.kind} is not offered`);
      });
    },
  };
}

export function createSecondFactorPort(auth: Auth): SecondFactorPort {
  return {
    challenge(failure) {
      // The resolver needs Firebase's own error object, which AuthFailure keeps as its cause.
      const resolver = getMultiFactorResolver(auth, failure.cause as MultiFactorError);
      return resolverChallenge(auth, resolver);
    },
    enrolled() {
      return auth.currentUser ? multiFactor(auth.currentUser).enrolledFactors.map(factorInfo) : [];
    },
    startTotp() {
      return guarded(async () => {
        const user = auth.currentUser;
        if (!user) throw new AuthFailure('auth/user-signed-out', 'not signed in');
        const secret = await TotpMultiFactorGenerator.generateSecret(await multiFactor(user).getSession());
        return {
          secretKey: secret.secretKey,
          hashingAlgorithm: secret.hashingAlgorithm,
          codeLength: secret.codeLength,
          intervalSeconds: secret.codeIntervalSeconds,
          deadline: secret.enrollmentCompletionDeadline,
          confirm: (code, displayName) =>
            guarded(() =>
              multiFactor(user).enroll(TotpMultiFactorGenerator.assertionForEnrollment(secret, code), displayName),
            ),
        };
      });
    },
    unenroll(uid) {
      return guarded(async () => {
        if (!auth.currentUser) throw new AuthFailure('auth/user-signed-out', 'not signed in');
        await multiFactor(auth.currentUser).unenroll(uid);
      });
    },
  };
}
