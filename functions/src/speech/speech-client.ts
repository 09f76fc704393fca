// The only module that talks to Speech-to-Text (v2 REST): start a BatchRecognize, read its
// long-running operation. What to send and what the answers mean is domain/captions/speech-batch.ts.
// The base URL is the location's endpoint in production and the local stand-in in the emulator;
// a bearer token is sent only to Google.

export interface SpeechApi {
  baseUrl: string;
  /** Resolves the access token for Google's endpoint; none for the stand-in. */
  token?: () => Promise<string>;
}

/** The API answered with an error (its google.rpc.Status message, never our token). */
export class SpeechApiError extends Error {
  override name = 'SpeechApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

async function call(api: SpeechApi, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (api.token) headers.Authorization = `Bearer ${await api.token()}`;
  const res = await fetch(`${api.baseUrl}/v2/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new SpeechApiError(res.status, `Speech-to-Text answered ${res.status} with no JSON`);
  }
  if (!res.ok) {
    const error = (json as { error?: { message?: unknown; status?: unknown } }).error;
    throw new SpeechApiError(
      res.status,
      `Speech-to-Text ${res.status} ${String(error?.status ?? '')}: ${String(error?.message ?? 'no message').slice(0, 300)}`,
    );
  }
  return json;
}

/** POST …:batchRecognize; the operation's name. */
export async function batchRecognize(api: SpeechApi, path: string, body: unknown): Promise<string> {
  const operation = (await call(api, 'POST', path, body)) as { name?: unknown };
  if (typeof operation.name !== 'string' || !operation.name.includes('/operations/'))
    throw new SpeechApiError(200, 'Speech-to-Text started no operation');
  return operation.name;
}

/** GET /v2/{operation name}: the google.longrunning.Operation as sent. */
export const getOperation = (api: SpeechApi, name: string): Promise<unknown> => call(api, 'GET', name);
