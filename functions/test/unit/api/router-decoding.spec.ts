// The router and the cookie reader decode percent-escapes without ever throwing: a malformed
// escape in a path parameter is the client's mistake (400, our error shape, the handler never
// runs), one in the playback cookie makes it no credential. Under the emulator the functions
// runtime refuses such paths before the router sees them, so the router's own answer is shown here,
// with literal fakes of the request and response (they are not the subject).
import assert from 'node:assert/strict';
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { Router } from '../../../src/api/router';
import { idParam, readCookie } from '../../../src/api/http';
import { buildRouter } from '../../../src/api/routes';

function fakeRequest(method: string, path: string, headers: Record<string, string> = {}): Request {
  return { method, path, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
}

function fakeResponse() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return res;
    },
    set(name: string, value: string) {
      sent.headers[name] = value;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe('router: decoding path parameters', () => {
  const seen: Record<string, string>[] = [];
  const router = new Router().on('GET', '/things/:thingId/parts/:part', async (_req, res, params) => {
    seen.push(params);
    res.json({ ok: true });
  });

  for (const bad of ['%E0%A4%A', '%', '%zz', '%C0', 'ok%FF']) {
    it(`answers 400 of our shape for ${JSON.stringify(bad)}, and the handler never runs`, async () => {
      const { res, sent } = fakeResponse();
      seen.length = 0;
      await router.handle(fakeRequest('GET', `/api/things/t1/parts/${bad}`), res);
      assert.equal(sent.status, 400);
      assert.equal(sent.headers['Cache-Control'], 'no-store');
      const { error } = sent.body as { error: { code: string; message: string } };
      assert.equal(error.code, 'invalid-argument');
      assert.match(error.message, /^part: not a valid percent-encoded path segment/);
      assert.deepEqual(seen, []);
    });
  }

  it('still decodes good escapes (unicode, encoded slashes) for the handler', async () => {
    const { res, sent } = fakeResponse();
    seen.length = 0;
    await router.handle(fakeRequest('GET', '/api/things/%C3%A9t%C3%A9/parts/a%2Fb'), res);
    assert.deepEqual(sent.body, { ok: true });
    assert.deepEqual(seen, [{ thingId: 'été', part: 'a/b' }]);
  });

  it('lists every route it was given, so the fuzz suite covers a new route without being told', () => {
    const routes = buildRouter().list();
    assert.ok(routes.length >= 30, `${routes.length} routes`);
    assert.ok(routes.some((r) => r.method === 'DELETE' && r.path === '/recordings/:recordingId/grants/:email'));
  });
});

describe('playback cookie and ids', () => {
  it('a cookie whose escapes do not decode is no credential (undefined), never a throw', () => {
    assert.equal(readCookie(fakeRequest('GET', '/', { cookie: '__session=%E0%A4%A' }), '__session'), undefined);
    assert.equal(readCookie(fakeRequest('GET', '/', { cookie: 'a=1; __session=v%3D1=x' }), '__session'), 'v=1=x');
  });

  it('one id schema for every path id refuses reserved and overlong ids', () => {
    for (const bad of ['__x__', '__name__', 'a/b', '', 'r'.repeat(129)])
      assert.equal(idParam.safeParse(bad).success, false, bad);
    assert.equal(idParam.safeParse('rec-1').success, true);
  });
});
