// The API as the widgets call it from a page on another origin: our origin prefixed, the token in
// Authorization and no cookie (credentials 'omit'); the app itself stays same-origin. And the
// player's playlist URL made absolute on our origin, or hls.js would ask the host page for it.
import assert from 'node:assert/strict';
import { createApiFetch } from '../src/api/http-api';
import { createPlaybackApi } from '../src/api/playback-api';

const ORIGIN = 'https://lecturevault.example.edu';

function recorder(body: unknown = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const send = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { calls, send };
}

describe('API calls from an embedding page', () => {
  it('go to our origin with the host’s token and no credentials', async () => {
    const { calls, send } = recorder();
    await createApiFetch(async () => 'host-token', { origin: ORIGIN, send })('/api/meetings/m1/recording');
    assert.equal(calls[0]!.url, `${ORIGIN}/api/meetings/m1/recording`);
    assert.equal(calls[0]!.init.credentials, 'omit');
    assert.equal(new Headers(calls[0]!.init.headers).get('authorization'), 'Bearer host-token');
  });

  it('with no token send no Authorization header at all', async () => {
    const { calls, send } = recorder();
    await createApiFetch(async () => null, { origin: ORIGIN, send })('/api/me');
    assert.equal(new Headers(calls[0]!.init.headers).get('authorization'), null);
  });

  it('stay same-origin in the app itself', async () => {
    const { calls, send } = recorder();
    await createApiFetch(async () => 't', { send })('/api/me');
    assert.equal(calls[0]!.url, '/api/me');
    assert.equal(calls[0]!.init.credentials, 'same-origin');
  });

  it('make the session’s playlist URL absolute on our origin for the widget, and leave the app’s a path', async () => {
    const session = {
      sessionId: 's1',
      playlistUrl: '/api/play/s1/playlist.m3u8',
      multivariantUrl: '/api/play/s1/multivariant.m3u8',
      title: 'T',
      watermark: 'W',
      expiresAtMs: 1,
    };
    const apiFetch = async () => session;
    assert.equal(
      (await createPlaybackApi(apiFetch, ORIGIN).openSession('r1')).playlistUrl,
      `${ORIGIN}/api/play/s1/playlist.m3u8`,
    );
    assert.equal(
      (await createPlaybackApi(apiFetch, ORIGIN).openSession('r1')).multivariantUrl,
      `${ORIGIN}/api/play/s1/multivariant.m3u8`,
    );
    assert.equal((await createPlaybackApi(apiFetch).openSession('r1')).playlistUrl, '/api/play/s1/playlist.m3u8');
  });
});
