// Every API client calls endpoints through call(): the path comes from the contract's endpoint
// with each param percent-encoded, the query string leaves out empty fields, a JSON body is sent as
// JSON, and a JSON reply is read by the endpoint's schema (a mutation's unread echo is not).
import assert from 'node:assert/strict';
import { createCall } from '../src/api/call';
import { ApiError } from '../src/api/http-api';
import { deleteGrant, getAudit, getLibrary, postStop, putMail } from '../src/api/wire';

function answering(body: unknown) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const apiFetch = async (path: string, init?: RequestInit) => (calls.push({ path, init }), body);
  return { call: createCall(apiFetch), calls };
}

describe('call(): an endpoint of the contract', () => {
  it('fills in the path params percent-encoded, with the endpoint’s method', async () => {
    const { call, calls } = answering(null);
    await call(deleteGrant, { params: { recordingId: 'rec 1', email: 'a+b@x.co/..' } });
    assert.equal(calls[0]!.path, '/api/recordings/rec%201/grants/a%2Bb%40x.co%2F..');
    assert.equal(calls[0]!.init?.method, 'DELETE');
    assert.equal(calls[0]!.init?.body, undefined);
  });

  it('sends a query without its empty fields, and a JSON body as JSON', async () => {
    const { call, calls } = answering({ entries: [], next: null });
    await call(getAudit, { query: { action: 'grant', uid: '', limit: 50, after: undefined } });
    assert.equal(calls[0]!.path, '/api/audit?action=grant&limit=50');
    const mail = answering({ enabled: false });
    assert.deepEqual(await mail.call(putMail, { body: { enabled: false } }), { enabled: false });
    assert.equal(mail.calls[0]!.init?.body, '{"enabled":false}');
    assert.equal(mail.calls[0]!.init?.method, 'PUT');
  });

  it('reads the reply by the endpoint’s schema, and leaves an unread echo alone', async () => {
    const { call } = answering({ recordings: 'none' });
    await assert.rejects(
      call(getLibrary, { query: {}, what: 'a library page' }),
      (error: unknown) =>
        error instanceof ApiError && error.message === 'The server sent a library page we could not read.',
    );
    assert.equal(
      await answering('not a stop reply').call(postStop, { params: { meetingId: 'm1' }, read: false }),
      undefined,
    );
  });
});
