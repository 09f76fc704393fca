// Issue 14: nothing a client can send gets a 5xx. Each attack found against `npm start` — broken
// percent-escapes in a path or the playback cookie, reserved or overlong ids, emails of thousands
// of characters, an expiry past the last JavaScript date, signed webhook events with ids no
// document can have — answers a 4xx of our JSON error shape and changes nothing in Firestore.
import assert from 'node:assert/strict';
import { tokensFor } from '../kit/api';
import { execFileSync } from 'node:child_process';
import { ffmpegPath } from '../../src/media/ffmpeg';
import { db, eventually, FUNCTIONS_URL, HOSTING_URL, ingestBucket, resetWorld, putObject } from '../kit/emulators';
import { firestoreFingerprint, firestoreSettled } from '../kit/fingerprint';
import { deliver, signWebhook } from '../kit/livekit-webhooks';
import { lectureReadyMailed, readyRecording, recordingDoc } from '../kit/recordings';

const REC = 'rec-hostile';

/** A raw request straight to the api function: the path is sent exactly as written. */
async function raw(
  path: string,
  { token, method = 'GET', body, cookie }: { token?: string; method?: string; body?: unknown; cookie?: string } = {},
): Promise<{
  status: number;
  text: string;
  path: string;
  json: () => { error?: { code?: unknown; message?: unknown } };
}> {
  const res = await fetch(`${FUNCTIONS_URL}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, path, json: () => JSON.parse(text) };
}

/**
 * A path whose percent-escapes do not decode never reaches our router under the emulator: the
 * functions runtime's Express refuses it first with its own 400 (an HTML page). Our router decodes
 * safely too (a 400 of our shape: functions/test/unit/api/router-decoding.spec.ts), for a runtime
 * that lets such a path through.
 */
const undecodable = (path: string) => {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
};

function assertRefused(reply: Awaited<ReturnType<typeof raw>>, status: number, what: string, path = ''): void {
  assert.equal(reply.status, status, `${what}: ${reply.text.slice(0, 200)}`);
  if (undecodable(path) && reply.text.startsWith('<!DOCTYPE')) return;
  const { error } = reply.json();
  assert.equal(typeof error?.code, 'string', `${what}: error.code`);
  assert.equal(typeof error?.message, 'string', `${what}: error.message`);
}

describe('hostile input: a clear 4xx and no write', function () {
  this.timeout(180_000);
  let tokens: Record<'admin' | 'teacher1' | 'student1', string>;

  before(async () => {
    await resetWorld();
    await readyRecording(REC);
    await lectureReadyMailed(REC);
    tokens = await tokensFor('admin', 'teacher1', 'student1');
    await firestoreSettled();
  });

  const longEmail = `${'a'.repeat(5000)}@example.com`;
  const attacks: Array<[string, number, () => Promise<Awaited<ReturnType<typeof raw>>>]> = [
    ['a malformed percent-escape in a path id', 400, () => raw('/recordings/%E0%A4%A/access', { token: tokens.admin })],
    ['a lone % in a path id', 400, () => raw('/recordings/%/access', { token: tokens.admin })],
    [
      'a malformed escape in an email path param',
      400,
      () => raw(`/recordings/${REC}/grants/%zz`, { token: tokens.admin, method: 'DELETE' }),
    ],
    ['a reserved id (delete)', 400, () => raw('/recordings/__x__', { token: tokens.admin, method: 'DELETE' })],
    [
      'a reserved id (expiry)',
      400,
      () =>
        raw('/recordings/__x__/expiry', {
          token: tokens.admin,
          method: 'PUT',
          body: { expiresAtMs: Date.now() + 86_400_000 },
        }),
    ],
    [
      'a reserved meeting id',
      400,
      () => raw('/meetings/__x__/recording/start', { token: tokens.admin, method: 'POST', body: {} }),
    ],
    ['a reserved alert id', 400, () => raw('/alerts/__x__/read', { token: tokens.admin, method: 'POST' })],
    [
      'a reserved batch id',
      400,
      () => raw('/batches/__x__/members/u-student1', { token: tokens.admin, method: 'PUT' }),
    ],
    [
      'an id too long for a document path',
      400,
      () => raw(`/recordings/${'r'.repeat(1600)}/access`, { token: tokens.admin }),
    ],
    [
      'an email of 5000 characters (grant)',
      400,
      () => raw(`/recordings/${REC}/grants`, { token: tokens.admin, method: 'POST', body: { email: longEmail } }),
    ],
    [
      'an email of 5000 characters (revoke)',
      400,
      () => raw(`/recordings/${REC}/revocations`, { token: tokens.admin, method: 'POST', body: { email: longEmail } }),
    ],
    [
      'an email of 5000 characters (ungrant)',
      400,
      () =>
        raw(`/recordings/${REC}/grants/${encodeURIComponent(longEmail)}`, { token: tokens.admin, method: 'DELETE' }),
    ],
    [
      'an expiry just past the last JavaScript date',
      400,
      () =>
        raw(`/recordings/${REC}/expiry`, { token: tokens.admin, method: 'PUT', body: { expiresAtMs: 8.64e15 + 1 } }),
    ],
    [
      'an expiry in the year 10000',
      400,
      () =>
        raw(`/recordings/${REC}/expiry`, {
          token: tokens.admin,
          method: 'PUT',
          body: { expiresAtMs: 253_402_300_800_000 },
        }),
    ],
    [
      'an expiry of 1e300',
      400,
      () => raw(`/recordings/${REC}/expiry`, { token: tokens.admin, method: 'PUT', body: { expiresAtMs: 1e300 } }),
    ],
    [
      'a malformed playback cookie and no token',
      401,
      () => raw('/play/sess-nope-0123/playlist.m3u8', { cookie: '__session=%E0%A4%A' }),
    ],
  ];

  for (const [what, status, attack] of attacks) {
    it(`${what}: ${status}, nothing written`, async () => {
      const before = await firestoreFingerprint();
      const reply = await attack();
      assertRefused(reply, status, what, reply.path);
      assert.deepEqual(await firestoreFingerprint(), before, `${what}: no write, not even an audit entry`);
    });
  }

  it('the expiry bound itself is accepted and audited (the refusals above were the bound, not the route)', async () => {
    const reply = await raw(`/recordings/${REC}/expiry`, {
      token: tokens.admin,
      method: 'PUT',
      body: { expiresAtMs: 253_402_300_799_999 },
    });
    assert.equal(reply.status, 200, reply.text);
    assert.equal((await recordingDoc(REC))?.expiresAtMs, 253_402_300_799_999);
    const audit = await db().collection('auditLog').where('action', '==', 'set-expiry').get();
    assert.deepEqual(
      audit.docs.map((d) => d.get('reason')),
      ['9999-12-31T23:59:59.999Z'],
    );
    await db().doc(`recordings/${REC}`).update({ expiresAtMs: null });
  });

  it('a malformed playback cookie beside a valid ID token is ignored: the token plays', async () => {
    const session = await raw(`/recordings/${REC}/sessions`, { token: tokens.student1, method: 'POST', body: {} });
    assert.equal(session.status, 201, session.text);
    const { sessionId } = JSON.parse(session.text) as { sessionId: string };
    const playlist = await raw(`/play/${sessionId}/playlist.m3u8`, {
      token: tokens.student1,
      cookie: '__session=%E0%A4%A; other=1',
    });
    assert.equal(playlist.status, 200, playlist.text.slice(0, 200));
    assert.match(playlist.text, /^#EXTM3U/);
  });

  it('a malformed playback cookie beside a valid ID token is ignored through Hosting too, whatever the cookie (issue 26)', async () => {
    const session = await raw(`/recordings/${REC}/sessions`, { token: tokens.student1, method: 'POST', body: {} });
    const { sessionId } = JSON.parse(session.text) as { sessionId: string };
    const cookies = [
      '__session=%E0%A4%A',
      '__session=%',
      '__session',
      '__session=a=b=c',
      '__session=v1.abc.def',
      '__session=v1.abc.def; __session=%zz',
      `__session=${'z'.repeat(2000)}`,
    ];
    const replies: string[] = [];
    // One after another: one warm instance answers them all in about a second.
    for (const cookie of cookies) {
      const res = await fetch(`${HOSTING_URL}/api/play/${sessionId}/playlist.m3u8`, {
        headers: { authorization: `Bearer ${tokens.student1}`, cookie },
      });
      replies.push(`${cookie.slice(0, 40)} → ${res.status} ${(await res.text()).slice(0, 60)}`);
    }
    assert.deepEqual(
      replies.map((r) => /→ (\d+) /.exec(r)?.[1]),
      cookies.map(() => '200'),
      replies.join('\n'),
    );
  });

  it('POST /audit/verify with an impossible day is a 400 of our shape, for an admin and a teacher alike (issue 26)', async () => {
    for (const day of ['2026-13-01', '2026-02-30', '2026-00-10', '2026-01-00', '0000-01-01', '9999-99-99'])
      for (const who of ['admin', 'teacher1'] as const)
        assertRefused(
          await raw('/audit/verify', { token: tokens[who], method: 'POST', body: { day } }),
          400,
          `${day} as ${who}`,
        );
  });

  describe('signed webhook events no document can key', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['an event id with a slash', { id: 'EV_a/b', event: 'room_started', room: { sid: 'RM_1', name: 'cardio-101' } }],
      ['a reserved event id', { id: '__x__', event: 'room_started', room: { sid: 'RM_1', name: 'cardio-101' } }],
      [
        'an event id of 2000 characters',
        { id: `EV_${'x'.repeat(2000)}`, event: 'room_started', room: { sid: 'RM_1', name: 'cardio-101' } },
      ],
      ['a room name with a slash', { event: 'room_started', room: { sid: 'RM_1', name: 'cardio/101' } }],
      [
        'a reserved room name',
        { event: 'participant_joined', room: { sid: 'RM_1', name: '__room__' }, participant: { identity: 'p1' } },
      ],
      [
        'a participant identity too long for a field name',
        {
          event: 'participant_joined',
          room: { sid: 'RM_1', name: 'cardio-101' },
          participant: { identity: 'p'.repeat(2000) },
        },
      ],
    ];
    for (const [what, payload] of cases) {
      it(`${what}: 400 (LiveKit does not retry a 4xx), nothing written`, async () => {
        const before = await firestoreFingerprint();
        const res = await deliver(await signWebhook(payload));
        const text = await res.text();
        assert.equal(res.status, 400, text);
        assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'invalid-argument');
        assert.deepEqual(await firestoreFingerprint(), before);
      });
    }

    it('the same events with usable ids are applied (the 400s above are the ids, not the events)', async () => {
      const res = await deliver(
        await signWebhook({ event: 'room_started', room: { sid: 'RM_1', name: 'cardio-101' } }),
      );
      assert.equal(res.status, 200, await res.text());
      assert.equal((await db().doc('rooms/cardio-101').get()).get('active'), true);
    });
  });

  // Last: it revokes student1 on the recording the tests above play.
  it('a poster is kept by no browser past a revoke: private, no-cache, asked again each time (issue 26)', async () => {
    const jpeg = execFileSync(ffmpegPath(), [
      ...['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1'],
      ...['-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
    ]);
    await putObject(ingestBucket().file(`ingest/${REC}/poster_00000.jpeg`), jpeg, 'image/jpeg');
    await eventually(async () => (await recordingDoc(REC))?.posterType, 20_000, 'the poster stored');
    const poster = (etag?: string) =>
      fetch(`${HOSTING_URL}/api/recordings/${REC}/poster`, {
        headers: { authorization: `Bearer ${tokens.student1}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const first = await poster();
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    const etag = first.headers.get('etag') ?? undefined;
    const revoked = await raw(`/recordings/${REC}/revocations`, {
      token: tokens.admin,
      method: 'POST',
      body: { email: 'student1@lecturevault.dev' },
    });
    assert.ok(revoked.status < 300, revoked.text);
    assert.equal((await poster(etag)).status, 403, 'the revoked viewer’s browser asks again, and is refused');
  });
});
