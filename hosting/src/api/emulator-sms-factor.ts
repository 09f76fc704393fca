// SMS second factor, for emulator builds only: the Auth emulator (firebase-tools 14.27) implements
// multi-factor sign-in for SMS and refuses TOTP, so the browser tests drive the resolver through
// this factor. The emulator skips reCAPTCHA (connectAuthEmulator turns app verification off), so
// the verifier below never loads Google's script. Production builds never import this module
// (second-factor-port.ts guards every import with USE_EMULATORS): LectureVault offers TOTP only.
import {
  PhoneAuthProvider,
  PhoneMultiFactorGenerator,
  RecaptchaVerifier,
  type Auth,
  type MultiFactorAssertion,
  type MultiFactorInfo,
  type MultiFactorResolver,
} from 'firebase/auth';

/** Sends the sign-in code (the emulator logs it and lists it under verificationCodes). */
export async function sendSignInCode(
  auth: Auth,
  resolver: MultiFactorResolver,
  hint: MultiFactorInfo,
): Promise<string> {
  const holder = document.createElement('div');
  holder.hidden = true;
  document.body.append(holder);
  const verifier = new RecaptchaVerifier(auth, holder, { size: 'invisible' });
  try {
    return await new PhoneAuthProvider(auth).verifyPhoneNumber(
      { multiFactorHint: hint, session: resolver.session },
      verifier,
    );
  } finally {
    verifier.clear();
    holder.remove();
  }
}

export function signInAssertion(verificationId: string, code: string): MultiFactorAssertion {
  return PhoneMultiFactorGenerator.assertion(PhoneAuthProvider.credential(verificationId, code));
}
