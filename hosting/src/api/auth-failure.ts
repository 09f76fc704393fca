// A failed Firebase Auth call as the app sees it: Firebase's error code, and Firebase's own error
// kept as the cause (the multi-factor resolver needs it). Apart from auth-port.ts, which imports
// Firebase, so that its lazy second-factor port can share it without an import cycle.
export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  constructor(
    /** Firebase Auth error code, e.g. "auth/wrong-password"; "unknown" when there is none. */
    readonly code: string,
    message: string,
    /** Firebase's own error, which the multi-factor resolver needs. */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function toAuthFailure(error: unknown): AuthFailure {
  if (error instanceof AuthFailure) return error;
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : 'unknown';
  return new AuthFailure(code, error instanceof Error ? error.message : String(error), error);
}
