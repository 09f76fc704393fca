// Reads API responses against the wire schemas: every body is checked at the edge before a model
// sees it, and a body of the wrong shape becomes one readable ApiError.
import { z } from 'zod/mini';
import { ApiError } from './http-api';
// Imported for its effect as well: wire.ts turns on zod's jitless mode before the first parse.
import type { Schema } from './wire';
import './wire';

export function badResponse(what: string): ApiError {
  return new ApiError(200, 'bad-response', `The server sent ${what} we could not read.`);
}

/** The body as `schema` reads it; `what` names it in the error ("a meeting state"). */
export function parse<S extends Schema>(schema: S, body: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, body);
  if (!result.success) throw badResponse(what);
  return result.data;
}
