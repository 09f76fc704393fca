// The poster frame as the library reads it: image bytes become a data: URL (what the CSP lets an
// <img> show), a 404 is "no poster", and anything but an image is a readable error.
import assert from 'node:assert/strict';
import { ApiError, createApiFetch } from '../src/api/http-api';
import { createRecordingsApi } from '../src/api/recordings-api';

const answering = (response: () => Response, seen: string[] = []) =>
  createRecordingsApi(
    createApiFetch(async () => 'token', {
      send: async (url, init) => {
        seen.push(`${url} ${new Headers(init.headers).get('Authorization')}`);
        return response();
      },
    }),
  );

describe('poster api', () => {
  it('reads a JPEG into a data: URL, asking with the ID token', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const seen: string[] = [];
    const url = await answering(() => new Response(jpeg, { headers: { 'Content-Type': 'image/jpeg' } }), seen).poster(
      'rec 1',
    );
    assert.equal(url, `data:image/jpeg;base64,${jpeg.toString('base64')}`);
    assert.deepEqual(seen, ['/api/recordings/rec%201/poster Bearer token']);
  });

  it('takes a 404 for no poster and refuses what is not an image', async () => {
    const notFound = () =>
      new Response(JSON.stringify({ error: { code: 'not-found', message: 'none' } }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    assert.equal(await answering(notFound).poster('r'), null);
    const html = () => new Response('<script>x</script>', { headers: { 'Content-Type': 'text/html' } });
    await assert.rejects(answering(html).poster('r'), (e: unknown) => e instanceof ApiError);
    const forbidden = () =>
      new Response(JSON.stringify({ error: { code: 'permission-denied', message: 'no' } }), { status: 403 });
    await assert.rejects(answering(forbidden).poster('r'), (e: unknown) => e instanceof ApiError && e.status === 403);
  });
});
