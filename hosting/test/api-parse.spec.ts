// Responses are read against the shared wire schemas: a body of the right shape comes through
// (missing optional fields as null, unknown fields dropped), and one of the wrong shape becomes a
// single readable ApiError instead of undefined values deep inside a model.
import assert from 'node:assert/strict';
import { createAdminApi } from '../src/api/admin-api';
import { ApiError, type ApiFetch } from '../src/api/http-api';
import { fetchProfile } from '../src/api/me-api';
import { createMeetingsApi } from '../src/api/meetings-api';
import { createPlaybackApi } from '../src/api/playback-api';
import { createRecordingsApi } from '../src/api/recordings-api';

/** An apiFetch that answers every request with `body`, recording what was asked. */
function answering(body: unknown): ApiFetch & { calls: { path: string; init?: RequestInit }[] } {
  const calls: { path: string; init?: RequestInit }[] = [];
  return Object.assign(async (path: string, init?: RequestInit) => (calls.push({ path, init }), body), { calls });
}

async function badResponse(promise: Promise<unknown>, what: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'bad-response');
    assert.equal(error.message, `The server sent ${what} we could not read.`);
    return true;
  });
}

const summary = {
  id: 'rec-1',
  meetingId: 'm1',
  title: 'Anatomy',
  status: 'ready',
  createdAtMs: 1,
  durationSeconds: 60,
  canDownload: false,
};

describe('API response parsing', () => {
  it('reads a good body, with left-out optional fields as null and unknown fields dropped', async () => {
    const [recording] = await createRecordingsApi(answering({ recordings: [{ ...summary, startedAtMs: 5 }] })).list();
    assert.deepEqual(recording, {
      ...summary,
      reason: null,
      storedBytes: null,
      expiresAtMs: null,
      expiryOverrideMs: null,
      progress: null,
      description: null,
      hasPoster: false,
    });
    const state = await createMeetingsApi(
      answering({ meetingId: 'm1', title: 'Anatomy', canControl: true, participants: [] }),
    ).state('m1');
    assert.equal(state.recording, null);
  });

  it('turns a body of the wrong shape into one readable ApiError', async () => {
    await badResponse(
      fetchProfile(answering({ uid: 'u1', role: 'janitor', name: 'X', email: 'x@example.com', mailEnabled: true })),
      'a profile',
    );
    await badResponse(fetchProfile(answering(null)), 'a profile');
    await badResponse(
      createRecordingsApi(answering({ recordings: [{ ...summary, status: 'paused' }] })).list(),
      'the recordings',
    );
    await badResponse(createRecordingsApi(answering([summary])).list(), 'the recordings');
    await badResponse(
      createMeetingsApi(answering({ meetingId: 'm1', title: 'A', canControl: 'yes', participants: [] })).state('m1'),
      'a meeting state',
    );
    await badResponse(
      createMeetingsApi(answering({ hours: 1, estimatedBytes: '1 GB', freeBytes: 1, warnings: [] })).estimate(1),
      'an estimate',
    );
    await badResponse(
      createPlaybackApi(answering({ sessionId: 's1', playlistUrl: '/p', title: 'T', watermark: 'W' })).openSession(
        'rec-1',
      ),
      'a playback session',
    );
    await badResponse(
      createPlaybackApi(answering({ renewed: 'true', expiresAtMs: 1 })).heartbeat('s1', 0),
      'a heartbeat',
    );
    await badResponse(
      createAdminApi(answering({ viewers: [{ who: 'a@b.co', via: 'grant' }], revoked: [] })).access('rec-1'),
      'the access list',
    );
    await badResponse(createAdminApi(answering({})).unreadAlertCount(), 'the alerts');
    await badResponse(createAdminApi(answering({ entries: [], next: 'soon' })).audit({}, null), 'the audit log');
    await badResponse(
      createAdminApi(answering({ url: 42 }), async () => 'id-token').downloadLink('rec-1'),
      'a download link',
    );
  });

  it('lists a viewer whose reason this app does not know as granted', async () => {
    const access = await createAdminApi(
      answering({ viewers: [{ who: 'a@b.co', via: 'guest', revoked: false }], revoked: [] }),
    ).access('rec-1');
    assert.deepEqual(access.viewers, [{ who: 'a@b.co', name: null, via: 'grant', revoked: false }]);
  });

  it('sends the request bodies the server reads', async () => {
    const api = answering({ email: 'a@b.co', sessionsCut: 2 });
    assert.equal(await createAdminApi(api).revoke('rec-1', 'a@b.co'), 2);
    assert.deepEqual(
      [api.calls[0]?.path, api.calls[0]?.init?.body],
      ['/api/recordings/rec-1/revocations', '{"email":"a@b.co"}'],
    );
    const beat = answering({ renewed: false, expiresAtMs: 1 });
    await createPlaybackApi(beat).heartbeat('s1', 12.7);
    assert.equal(beat.calls[0]?.init?.body, '{"positionSeconds":12}');
  });
});
