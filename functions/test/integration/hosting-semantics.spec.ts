// Production semantics that the emulators are more lenient about, checked through Hosting (:5000)
// as the web app sees them. The Hosting emulator stamps `Cache-Control: private` on any function
// answer that has none; Hosting's CDN instead keeps such a 404 for up to 10 minutes
// (https://firebase.google.com/docs/hosting/manage-cache). So every error answer must say
// `no-store` itself, and this walk asserts exactly that value, not merely some Cache-Control.
import assert from 'node:assert/strict';
import { callApi, followDownloadLink, tokensFor, type ApiReply } from '../kit/api';
import { FUNCTIONS_URL, HOSTING_URL, resetWorld } from '../kit/emulators';
import { readyRecording } from '../kit/recordings';

describe('Hosting semantics: error answers and downloads', function () {
  this.timeout(180_000);
  let tokens: Record<'admin' | 'teacher1' | 'student1', string>;
  let files: Buffer[];

  before(async () => {
    await resetWorld();
    files = await readyRecording('rec-hosting');
    tokens = await tokensFor('admin', 'teacher1', 'student1');
  });

  function assertNoStore(reply: { status: number; headers: Headers }, status: number, what: string): void {
    assert.equal(reply.status, status, what);
    assert.equal(reply.headers.get('cache-control'), 'no-store', `${what}: ${status} must be no-store`);
  }

  it('every error answer of the api and downloads functions is no-store, through Hosting', async () => {
    const { sessionId } = (
      await callApi<{ sessionId: string }>('/recordings/rec-hosting/sessions', {
        token: tokens.student1,
        method: 'POST',
        body: {},
      })
    ).body;
    assert.ok(sessionId, 'a playback session');
    const key = () =>
      fetch(`${HOSTING_URL}/api/play/${sessionId}/key`, { headers: { authorization: `Bearer ${tokens.student1}` } });
    assert.equal((await key()).status, 200);

    // One at a time: a burst would make the functions emulator cold-start a worker per request.
    const walk: Array<[string, number, () => Promise<ApiReply | Response>]> = [
      ['signed out', 401, () => callApi('/me')],
      ['a forged ID token', 401, () => callApi('/me', { token: 'not-a-token' })],
      ['a student reading the audit log', 403, () => callApi('/audit', { token: tokens.student1 })],
      [
        'a playlist of another account’s session',
        403,
        () =>
          fetch(`${HOSTING_URL}/api/play/no-such-session/playlist.m3u8`, {
            headers: { authorization: `Bearer ${tokens.student1}` },
          }),
      ],
      ['an unknown route', 404, () => callApi('/no-such-route', { token: tokens.admin })],
      ['an unknown recording', 404, () => callApi('/recordings/no-such-recording/access', { token: tokens.admin })],
      [
        'an unknown download ticket (downloads function)',
        404,
        () => followDownloadLink(`${HOSTING_URL}/api/downloads/${'A'.repeat(32)}`, tokens.admin),
      ],
      [
        'a download link followed without its token (downloads function)',
        401,
        () => followDownloadLink(`${HOSTING_URL}/api/downloads/${'A'.repeat(32)}`),
      ],
      [
        'an invalid body',
        400,
        () => callApi('/settings/retention', { token: tokens.admin, method: 'PUT', body: { days: 7 } }),
      ],
      ['a wrong method', 405, () => callApi('/me', { token: tokens.admin, method: 'DELETE' })],
      ['a wrong method on the downloads function', 405, () => fetch(`${HOSTING_URL}/api/downloads/${'A'.repeat(32)}`)],
      [
        'stop with no recording in progress',
        409,
        () => callApi('/meetings/meeting-neuro-201/recording/stop', { token: tokens.admin, method: 'POST', body: {} }),
      ],
      ['a second key within 30 s', 429, key],
    ];
    for (const [what, status, reply] of walk) assertNoStore(await reply(), status, what);
  });

  it('a body that is not JSON is refused by the runtime before our code runs: a 400, which the CDN does not keep (only 404s)', async () => {
    // The functions runtime's JSON parser answers this itself, without Cache-Control (the emulator
    // stamps `private`); Hosting's CDN caches only 404s by default, so a 400 cannot outlive the request.
    const res = await fetch(`${HOSTING_URL}/api/settings/retention`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: '{"days":',
    });
    assert.equal(res.status, 400);
    assert.doesNotMatch(res.headers.get('cache-control') ?? '', /public|s-maxage|max-age=[1-9]/);
  });

  it('the LiveKit webhook’s refusals are no-store too (it is called directly, not through Hosting)', async () => {
    const url = `${FUNCTIONS_URL}/livekitWebhook`;
    assertNoStore(await fetch(url), 405, 'GET');
    assertNoStore(
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', authorization: 'forged' },
        body: '{}',
      }),
      401,
      'unsigned',
    );
  });

  it('a download declares its exact length, through Hosting and at the downloads function’s own URL', async () => {
    const expected = Buffer.concat(files);
    for (const via of ['hosting', 'function'] as const) {
      const link = await callApi<{ url: string }>('/recordings/rec-hosting/download-links', {
        token: tokens.teacher1,
        method: 'POST',
      });
      assert.equal(link.status, 201);
      // The emulator keeps links on /api (.env.local); production points them at the function.
      const url =
        via === 'hosting'
          ? `${HOSTING_URL}${link.body.url}`
          : `${FUNCTIONS_URL}/downloads${link.body.url.replace(/^\/api/, '')}`;
      const res = await followDownloadLink(url, tokens.teacher1);
      assert.equal(res.status, 200, via);
      assert.equal(res.headers.get('content-length'), String(expected.length), `${via}: Content-Length`);
      assert.equal(res.headers.get('cache-control'), 'no-store', via);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(expected), `${via}: the whole file`);
    }
  });
});
