// Which pages on other origins may call the API, and what the API answers them: the platform's
// pages that embed the widgets (WIDGET_ORIGINS). Token only: never Allow-Credentials, so no cookie
// of ours crosses origins, and a refused origin gets no CORS header at all (its browser then keeps
// the answer from the page).

/** What a widget sends: methods of the routes it calls, and the two headers it sets. */
export const CORS_METHODS = 'GET, POST, PUT, DELETE';
export const CORS_REQUEST_HEADERS = 'Authorization, Content-Type';
/** Browsers cap this at 2 h (Chromium) or 24 h; 10 min keeps a removed origin's preflights short-lived. */
export const CORS_MAX_AGE_SECONDS = 600;

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** The allowed origins of a WIDGET_ORIGINS value (space or comma separated); anything else is left out. */
export function parseOrigins(text: string): { origins: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.replace(/\/+$/, ''))
    .filter(Boolean);
  const valid = (entry: string) => ORIGIN.test(entry) && (entry.startsWith('https://') || isLoopback(entry));
  return { origins: entries.filter(valid), invalid: entries.filter((entry) => !valid(entry)) };
}

/** http:// only for this machine (the emulator and its tests); a deployed platform is https. */
function isLoopback(origin: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
}

export interface CorsRequest {
  readonly origin: string | undefined;
  readonly method: string;
  /** Access-Control-Request-Method: present only on a preflight. */
  readonly requestMethod: string | undefined;
}

export type CorsDecision =
  /** No Origin, or not ours to answer: carry on with no CORS headers. */
  | { readonly kind: 'none' }
  /** An allowed origin's request: carry on, with these headers. */
  | { readonly kind: 'allow'; readonly headers: Readonly<Record<string, string>> }
  /** A preflight: answer it now (204 with headers for an allowed origin, else 403 with none). */
  | { readonly kind: 'preflight'; readonly allowed: boolean; readonly headers: Readonly<Record<string, string>> };

export function corsDecision(request: CorsRequest, allowedOrigins: readonly string[]): CorsDecision {
  const { origin } = request;
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  const base: Record<string, string> = allowed
    ? {
        'Access-Control-Allow-Origin': origin,
        // Retry-After tells the widget how long a rate limit lasts; X-Delivery-Receipt
        // (the contract's DELIVERY_RECEIPT_HEADER) is how the player widget's watched time is credited.
        'Access-Control-Expose-Headers': 'Retry-After, X-Delivery-Receipt',
      }
    : {};
  if (request.method === 'OPTIONS' && request.requestMethod !== undefined) {
    const headers = allowed
      ? {
          ...base,
          'Access-Control-Allow-Methods': CORS_METHODS,
          'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS,
          'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
        }
      : {};
    return { kind: 'preflight', allowed, headers };
  }
  return allowed ? { kind: 'allow', headers: base } : { kind: 'none' };
}
