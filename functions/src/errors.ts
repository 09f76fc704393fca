// Domain errors: plain classes with a stable code and a human message.
// Only the HTTP adapter (api/http.ts) maps them to status codes.

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid-argument', message, details);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this.', code = 'permission-denied') {
    super(code, message);
  }
}
/** The message of every refusal of an account without a users/ profile. */
export const NOT_ENROLLED_MESSAGE = 'Your account is not enrolled in LectureVault. Ask an administrator.';
export class NotEnrolled extends Forbidden {
  constructor() {
    super(NOT_ENROLLED_MESSAGE);
  }
}
export class NotFound extends DomainError {
  constructor(message = 'Not found.') {
    super('not-found', message);
  }
}
/** A request body larger than the use case takes (a leaked clip to trace). */
export class PayloadTooLarge extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('payload-too-large', message, details);
  }
}
/** A request body of a type the use case does not read. */
export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('unsupported-media-type', message);
  }
}
export class Conflict extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
export class Unavailable extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', `Too many requests. Try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
}
export class InsufficientStorage extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
