// The one way the web app calls an endpoint of the contract's table: the path built from the
// endpoint and its params (each percent-encoded), the query string and JSON body typed by it, and
// a JSON reply parsed by its schema before any model sees it. Built on the HTTP port (http-api.ts).
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import {
  pathOf,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type PathParam,
  type QueryOf,
  type ReplyOf,
  type Schema,
} from './wire';

/** The arguments an endpoint takes: its path params, query string and body, each only where it has one. */
export type CallArgs<E extends Endpoint> = ([PathParam<E['path']>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<E> }) &
  (E['query'] extends Schema ? { query: QueryOf<E> } : { query?: never }) &
  (E['body'] extends Schema ? { body: BodyOf<E> } : E['body'] extends 'bytes' ? { body: Blob } : { body?: never }) & {
    /** Extra request headers (a body's own type, a token the call must carry). */
    headers?: Record<string, string>;
    /** Names the reply in the error a body of the wrong shape becomes ("a meeting state"). */
    what?: string;
    /** False for a mutation whose echo the app does not read: the reply is then not parsed at all. */
    read?: boolean;
  };

/** What a call resolves with: the parsed reply, nothing for an empty one, the raw body (a Blob) for an image. */
export type CallReply<E extends Endpoint> = E['reply'] extends Schema
  ? ReplyOf<E>
  : E['reply'] extends 'image'
    ? unknown
    : void;

/** A query object as a query string (no leading ?), leaving out fields that are undefined, null or empty. */
export function queryString(query: Readonly<Record<string, unknown>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  return search.toString();
}

export type Call = <E extends Endpoint>(endpoint: E, args: CallArgs<E>) => Promise<CallReply<E>>;

export function createCall(apiFetch: ApiFetch): Call {
  return async function call<E extends Endpoint>(endpoint: E, args: CallArgs<E>): Promise<CallReply<E>> {
    const {
      params,
      query,
      body,
      headers,
      what = 'a reply',
      read = true,
    } = args as {
      params?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      headers?: Record<string, string>;
      what?: string;
      read?: boolean;
    };
    const search = query ? queryString(query) : '';
    const init: RequestInit = { method: endpoint.method };
    if (headers) init.headers = headers;
    if (body !== undefined) init.body = body instanceof Blob ? body : JSON.stringify(body);
    const reply = await apiFetch(
      `${pathOf(endpoint, (params ?? {}) as ParamsOf<E>)}${search ? `?${search}` : ''}`,
      init,
    );
    if (!read) return undefined as CallReply<E>;
    if (typeof endpoint.reply === 'string') return (endpoint.reply === 'image' ? reply : undefined) as CallReply<E>;
    return parse(endpoint.reply, reply, what) as CallReply<E>;
  };
}
