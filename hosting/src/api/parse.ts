// Small validators for API responses: every body is checked at the edge before a model sees it,
// and a body of the wrong shape becomes one readable ApiError.
import { ApiError } from './http-api';

export type Fields = Readonly<Record<string, unknown>>;

export function badResponse(what: string): ApiError {
  return new ApiError(200, 'bad-response', `The server sent ${what} we could not read.`);
}

export function fields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badResponse(what);
  return value as Fields;
}

export function str(v: Fields, key: string, what: string): string {
  const value = v[key];
  if (typeof value !== 'string') throw badResponse(what);
  return value;
}

export function num(v: Fields, key: string, what: string): number {
  const value = v[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badResponse(what);
  return value;
}

export function bool(v: Fields, key: string, what: string): boolean {
  const value = v[key];
  if (typeof value !== 'boolean') throw badResponse(what);
  return value;
}

export function strOrNull(v: Fields, key: string, what: string): string | null {
  const value = v[key] ?? null;
  if (value !== null && typeof value !== 'string') throw badResponse(what);
  return value;
}

export function numOrNull(v: Fields, key: string, what: string): number | null {
  const value = v[key] ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw badResponse(what);
  return value;
}

export function list<T>(v: Fields, key: string, what: string, item: (value: unknown) => T): T[] {
  const value = v[key];
  if (!Array.isArray(value)) throw badResponse(what);
  return value.map(item);
}
