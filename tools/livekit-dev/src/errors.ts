// Domain errors of the stand-in. They carry a Twirp code; only twirp.ts turns them into HTTP.
export type TwirpCode =
  'not_found' | 'failed_precondition' | 'invalid_argument' | 'unauthenticated' | 'bad_route' | 'internal';

export class TwirpFault extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }
}

export const roomNotFound = (): TwirpFault => new TwirpFault('not_found', 'requested room does not exist');
export const egressNotFound = (): TwirpFault => new TwirpFault('not_found', 'egress does not exist');
export const participantNotFound = (): TwirpFault => new TwirpFault('not_found', 'participant does not exist');
export const invalidArgument = (msg: string): TwirpFault => new TwirpFault('invalid_argument', msg);

/** Auth failures the real server answers with a plain-text 401 body (http.Error in Go). */
export class PlainUnauthorized extends Error {}

/** Bad input to the control API (answered 400 {error}). */
export class ControlInputError extends Error {}
