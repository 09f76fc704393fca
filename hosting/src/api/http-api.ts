// HTTP port for the LectureVault API (/api/**): same-origin in the web app, our origin from a host
// page's widgets (src/embed/). Adds the caller's Firebase ID token and turns error responses of the
// shape {error: {code, message}} into ApiError.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Machine-readable code from the server, or one we derive ("network", "bad-response"). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type TokenSource = () => Promise<string | null>;
/** Resolves with the parsed JSON body (null for 204, a Blob for an image); callers validate its shape. */
export type ApiFetch = (path: string, init?: RequestInit) => Promise<unknown>;

function errorFromBody(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      return new ApiError(status, code, typeof message === 'string' ? message : code);
    }
  }
  return new ApiError(status, `http-${status}`, `The server answered ${status}.`);
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  // The one binary answer (a poster frame): its bytes, for the caller to check and show.
  if (response.ok && /^image\/(jpeg|png)$/.test(response.headers.get('Content-Type') ?? '')) return response.blob();
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return null;
    throw new ApiError(response.status, 'bad-response', 'The server sent a response we could not read.');
  }
}

export interface ApiFetchOptions {
  /**
   * Our origin, when the caller runs on another (an embedding page): requests go there with the
   * token alone, never a cookie (credentials: 'omit'). Absent: same-origin /api/** as the app.
   */
  readonly origin?: string;
  readonly send?: (url: string, init: RequestInit) => Promise<Response>;
}

export function createApiFetch(idToken: TokenSource, options: ApiFetchOptions = {}): ApiFetch {
  const { origin = '', send = (url, init) => fetch(url, init) } = options;
  return async function apiFetch(path, init = {}) {
    if (!path.startsWith('/api/')) throw new Error(`apiFetch only calls /api/** (got ${path})`);
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    if (typeof init.body === 'string' && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    // A caller may name the token itself (a download link is bound to the token that minted it).
    if (!headers.has('Authorization')) {
      const token = await idToken();
      if (token) headers.set('Authorization', `Bearer ${token}`);
    }

    let response: Response;
    try {
      response = await send(origin + path, { ...init, headers, credentials: origin ? 'omit' : 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', 'Could not reach LectureVault. Check your connection.');
    }
    const body = await readJson(response);
    if (!response.ok) throw errorFromBody(response.status, body);
    return body;
  };
}
