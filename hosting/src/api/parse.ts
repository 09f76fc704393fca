// Reads API responses against the wire schemas: every body is checked at the edge before a model
// sees it, and a body of the wrong shape becomes one readable ApiError.
import { ApiError } from './http-api';
import type { WireSchema } from './wire';

export function badResponse(what: string): ApiError {
  return new ApiError(200, 'bad-response', `The server sent ${what} we could not read.`);
}

/** The body as `schema` reads it; `what` names it in the error ("a meeting state"). */
export function parse<T>(schema: WireSchema<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw badResponse(what);
  return result.data;
}
