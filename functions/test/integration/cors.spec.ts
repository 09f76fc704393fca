// CORS through Hosting (:5000), as a platform page on another origin meets it: the widget script
// may be loaded from anywhere; the API answers the origins in WIDGET_ORIGINS (functions/.env.local:
// http://127.0.0.1:5080) with the token alone, and an origin nobody allowed gets no CORS header.
import assert from 'node:assert/strict';
import { tokensFor } from '../kit/api';
import { db, FUNCTIONS_URL, HOSTING_URL, resetWorld } from '../kit/emulators';

const PLATFORM = 'http://127.0.0.1:5080';
const STRANGER = 'https://evil.example';
const START = `${HOSTING_URL}/api/meetings/meeting-cardio-101/recording/start`;

function preflight(url: string, origin: string, method = 'POST'): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

describe('CORS for the widgets, through Hosting', function () {
  this.timeout(60_000);
  let tokens: Record<'admin' | 'student1', string>;

  before(async () => {
    await resetWorld();
    tokens = await tokensFor('admin', 'student1');
  });

  it('serves /embed/lecturevault.js to any origin (CORS and CORP), revalidated on every load', async () => {
    const res = await fetch(`${HOSTING_URL}/embed/lecturevault.js`, { headers: { origin: STRANGER } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const chunk = /from\s*"\.\/(chunks\/[^"]+\.js)"/.exec(await res.text())?.[1];
    assert.ok(chunk, 'the entry imports its hashed chunk');
    const imported = await fetch(`${HOSTING_URL}/embed/${chunk}`, { headers: { origin: STRANGER } });
    assert.equal(imported.status, 200);
    assert.equal(imported.headers.get('access-control-allow-origin'), '*');
    assert.match(imported.headers.get('cache-control') ?? '', /immutable/);
  });

  it("answers the platform's preflight for its origin, methods and headers, with no credentials", async () => {
    const res = await preflight(START, PLATFORM);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), PLATFORM);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.match(res.headers.get('vary') ?? '', /origin/i);
  });

  it('refuses the preflight of any other origin with our JSON error and no CORS header, and starts nothing', async () => {
    for (const origin of [STRANGER, 'null', 'http://127.0.0.1:5081', `${PLATFORM}.evil.example`]) {
      const res = await preflight(START, origin);
      assert.equal(res.status, 403, origin);
      assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'origin-not-allowed');
    }
    assert.equal((await db().collection('recordings').get()).size, 0);
  });

  it('adds the allow header to the platform’s real request, not to a stranger’s; the token still decides', async () => {
    const read = (origin: string, token?: string) =>
      fetch(`${HOSTING_URL}/api/meetings/meeting-cardio-101/recording`, {
        headers: { origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    const allowed = await read(PLATFORM, tokens.student1);
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), PLATFORM);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    assert.equal(((await allowed.json()) as { canControl: boolean }).canControl, false);
    const stranger = await read(STRANGER, tokens.student1);
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    const anonymous = await read(PLATFORM);
    assert.equal(anonymous.status, 401, 'an allowed origin is no credential');
    assert.equal(anonymous.headers.get('access-control-allow-origin'), PLATFORM, 'so the widget can read the 401');
  });

  it("a refusal still carries the platform's CORS header, so the widget can read why; never credentials", async () => {
    const res = await fetch(`${HOSTING_URL}/api/recordings/rec-none/sessions`, {
      method: 'POST',
      headers: { origin: PLATFORM, authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.equal(res.headers.get('access-control-allow-origin'), PLATFORM);
    assert.ok(res.status >= 400 && res.status < 500, `a missing recording is a 4xx (${res.status})`);
  });

  // Every HTTP function, called directly (the emulator's own CORS wrapper sits there, not in
  // Hosting): each declares its CORS, so what answers here is what is deployed. The api answers the
  // platform alone; downloads, the tracer and LiveKit's webhook are never called from another
  // origin's page and answer no origin at all, the platform's included.
  const functionUrls = {
    api: `${FUNCTIONS_URL}/api/meetings/meeting-cardio-101/recording`,
    downloads: `${FUNCTIONS_URL}/downloads/api/downloads/no-such-ticket`,
    tracer: `${FUNCTIONS_URL}/tracer/api/trace`,
    livekitWebhook: `${FUNCTIONS_URL}/livekitWebhook`,
  };
  for (const [name, url] of Object.entries(functionUrls))
    it(`${name}: no CORS header for a stranger, null or a look-alike origin${name === 'api' ? '; the platform’s only for the platform' : ', nor for the platform'}`, async () => {
      const origins = [STRANGER, 'null', `${PLATFORM}.evil.example`, PLATFORM];
      // One after another: in parallel, a cold function starts an instance per request (seconds each).
      for (const [origin, kind] of origins.flatMap((o) => [[o, 'preflight'] as const, [o, 'request'] as const])) {
        const res =
          kind === 'preflight'
            ? await preflight(url, origin)
            : await fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
        await res.arrayBuffer();
        const expected = name === 'api' && origin === PLATFORM ? PLATFORM : null;
        assert.equal(res.headers.get('access-control-allow-origin'), expected, `${kind} from ${origin}`);
        assert.equal(res.headers.get('access-control-allow-credentials'), null, `${kind} from ${origin}`);
        assert.ok(res.status < 500, `${kind} from ${origin}: ${res.status}`);
      }
    });
});
