// The access model and secure playback, end to end through the API: a table of every role ×
// read action × recording state, then the attacks (other-user and tampered URLs, expired URLs,
// forged tokens, key flooding), revocation and batch removal cutting open sessions, renewal,
// audit entries and the download.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callApi, followDownloadLink, tokensFor, withTamperedSignature, type DemoUserKey } from '../kit/api';
import { db, FUNCTIONS_URL, HOSTING_URL, resetWorld } from '../kit/emulators';
import { realSegments } from '../kit/media';
import { auditActions, createRecording, ingestSegments, waitForFinalized } from '../kit/recordings';
import type { Recording } from '../../src/store/recordings';
import { segmentDecipher } from '../../src/domain/keys/segment-crypto';
import { segmentFor } from '../../src/services/playback/playback';
import { signSegment, urlSigningKey } from '../../src/domain/playback/url-signing';
import { kekRing } from '../../src/store/keys';
import { users } from '../../../scripts/seed/world';

const { files } = realSegments();
const DAY = 86_400_000;

/** A recording of meeting-cardio-101 (batch A, teacher 1) in the given state; "ready" ones hold real encrypted segments. */
async function makeRecording(id: string, status: Recording['status'], extra: Partial<Recording> = {}): Promise<void> {
  await createRecording(id, { createdAtMs: Date.now() - DAY, startedBy: 'u-teacher1' });
  if (status === 'recording') return;
  if (status === 'ready') await ingestSegments(id, files);
  await db()
    .doc(`recordings/${id}`)
    .update({
      status,
      egressSegmentCount: status === 'ready' ? files.length : 0,
      endedAtMs: Date.now() - DAY / 2,
      ...extra,
    });
  if (status === 'ready') await waitForFinalized(id);
  await db().doc('locks/meeting-cardio-101').delete();
}

type Who = DemoUserKey | 'signedOut';
const ROLES: Who[] = [
  'admin',
  'teacher1',
  'teacher2',
  'student1',
  'student6',
  'student2',
  'student3',
  'student4',
  'student5',
  'signedOut',
];
const ROLE_NAMES: Record<Who, string> = {
  admin: 'admin',
  teacher1: 'assigned teacher',
  teacher2: 'other teacher',
  student1: 'batch student',
  student6: 'granted student',
  student2: 'revoked batch student',
  student3: 'removed-from-batch student',
  student4: 'late batch joiner',
  student5: 'stranger (other batch)',
  signedOut: 'signed out',
};

let tokens: Record<DemoUserKey, string>;
const tokenOf = (who: Who) => (who === 'signedOut' ? undefined : tokens[who as DemoUserKey]);

async function openSession(who: Who, recordingId: string) {
  return callApi<{ sessionId: string; playlistUrl: string; watermark: string; expiresAtMs: number }>(
    `/recordings/${recordingId}/sessions`,
    { token: tokenOf(who), method: 'POST', body: {} },
  );
}

async function play(pathAndQuery: string, who: Who, init: RequestInit = {}) {
  const token = tokenOf(who);
  return fetch(`${FUNCTIONS_URL}/api${pathAndQuery}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
}

const firstSegmentUrl = (playlist: string) => playlist.split('\n').find((l) => l.startsWith('seg/'));

describe('access model and secure playback', function () {
  this.timeout(180_000);

  before(async () => {
    await resetWorld();
    await makeRecording('rec-ready', 'ready');
    await makeRecording('rec-short', 'incomplete', { reason: 'too-short', hidden: true });
    await makeRecording('rec-expired', 'ready', { expiresAtMs: Date.now() - 1000 });
    await makeRecording('rec-live', 'recording');
    tokens = await tokensFor(
      'admin',
      'teacher1',
      'teacher2',
      'student1',
      'student2',
      'student3',
      'student4',
      'student5',
      'student6',
    );
    const admin = tokens.admin;
    for (const id of ['rec-ready', 'rec-short', 'rec-expired', 'rec-live']) {
      assert.equal(
        (
          await callApi(`/recordings/${id}/grants`, {
            token: admin,
            method: 'POST',
            body: { email: 'STUDENT6@LectureVault.dev' },
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await callApi(`/recordings/${id}/revocations`, {
            token: admin,
            method: 'POST',
            body: { email: users.student2.email },
          })
        ).status,
        201,
      );
    }
    assert.equal(
      (await callApi(`/batches/batch-cardio-2026/members/u-student3`, { token: admin, method: 'DELETE' })).status,
      204,
    );
    assert.equal(
      (await callApi(`/batches/batch-cardio-2026/members/u-student4`, { token: admin, method: 'PUT' })).status,
      204,
    );
  });

  // Expected outcome of opening a session (and so of playlist, key and media) per state and role.
  const ALLOWED: Record<string, Who[]> = {
    'rec-ready': ['admin', 'teacher1', 'student1', 'student6', 'student4'],
    'rec-short': [], // under 10 s: kept for the record, listed for staff, played by nobody
    'rec-expired': ['admin', 'teacher1'],
    'rec-live': ['admin', 'teacher1'],
    'rec-deleted': [],
  };
  const DOWNLOAD: Record<string, Who[]> = { 'rec-ready': ['admin', 'teacher1'], 'rec-expired': ['admin', 'teacher1'] };

  for (const [recordingId, allowed] of Object.entries(ALLOWED)) {
    describe(`${recordingId}`, () => {
      for (const who of ROLES) {
        const may = allowed.includes(who);
        it(`${ROLE_NAMES[who]}: ${may ? 'may watch' : 'may not watch'}; download ${DOWNLOAD[recordingId]?.includes(who) ? 'allowed' : 'refused'}`, async () => {
          const session = await openSession(who, recordingId);
          assert.equal(session.status, who === 'signedOut' ? 401 : may ? 201 : 403, JSON.stringify(session.body));
          const listed =
            who === 'signedOut'
              ? []
              : (
                  (await callApi<{ recordings: { id: string }[] }>('/recordings', { token: tokenOf(who) })).body
                    .recordings ?? []
                ).map((r) => r.id);
          const listVisible = recordingId === 'rec-short' ? ['admin', 'teacher1'].includes(who) : may;
          if (recordingId !== 'rec-deleted') assert.equal(listed.includes(recordingId), listVisible, 'list');

          if (may && recordingId !== 'rec-live') {
            const { sessionId } = session.body;
            const playlist = await play(`/play/${sessionId}/playlist.m3u8`, who);
            assert.equal(playlist.status, 200);
            const text = await playlist.text();
            assert.match(text, /#EXT-X-KEY:METHOD=AES-128,URI="key"/);
            const key = await play(`/play/${sessionId}/key`, who);
            assert.equal(key.status, 200);
            assert.equal(key.headers.get('cache-control'), 'no-store');
            const keyBytes = Buffer.from(await key.arrayBuffer());
            assert.equal(keyBytes.length, 16);
            const media = await play(`/play/${sessionId}/${firstSegmentUrl(text)}`, who);
            assert.equal(media.status, 200);
            const encrypted = Buffer.from(await media.arrayBuffer());
            const decipher = segmentDecipher(keyBytes, 0);
            assert.ok(
              Buffer.concat([decipher.update(encrypted), decipher.final()]).equals(files[0]),
              'decrypts to the original segment',
            );
          }
          if (recordingId !== 'rec-live' && recordingId !== 'rec-short') {
            const dl = await play(`/recordings/${recordingId}/download`, who);
            assert.equal(dl.status, who === 'signedOut' ? 401 : DOWNLOAD[recordingId]?.includes(who) ? 200 : 403);
            await dl.arrayBuffer();
          }
        });
      }
    });
  }

  it('gives students clear reasons: expired, revoked, no access, not playable', async () => {
    assert.equal((await openSession('student1', 'rec-expired')).body.error?.code, 'recording-expired');
    assert.equal((await openSession('student2', 'rec-ready')).body.error?.code, 'access-revoked');
    assert.equal((await openSession('student5', 'rec-ready')).body.error?.code, 'permission-denied');
    assert.equal((await openSession('student1', 'rec-short')).body.error?.code, 'not-playable');
  });

  it('admin-only actions are refused to everyone else with 403', async () => {
    for (const who of ROLES.filter((r) => r !== 'admin')) {
      const token = tokenOf(who);
      const expected = who === 'signedOut' ? 401 : 403;
      const calls = [
        () =>
          callApi('/recordings/rec-ready/grants', { token, method: 'POST', body: { email: 'someone@example.org' } }),
        () =>
          callApi('/recordings/rec-ready/revocations', {
            token,
            method: 'POST',
            body: { email: users.student1.email },
          }),
        () => callApi('/recordings/rec-ready/expiry', { token, method: 'PUT', body: { expiresAtMs: Date.now() } }),
        () => callApi('/recordings/rec-ready', { token, method: 'DELETE' }),
        () => callApi('/recordings/rec-ready/access', { token }),
        () => callApi('/audit', { token }),
        // Teacher 1 may start (the meeting is theirs): that needs LiveKit, which is not running here,
        // and waiting out its timeouts proved nothing; recording-lifecycle.spec.ts covers it.
        ...(who === 'teacher1'
          ? []
          : [() => callApi('/meetings/meeting-cardio-101/recording/start', { token, method: 'POST', body: {} })]),
      ];
      // One after the other: the functions emulator starts a worker process per concurrent call, and
      // seven cold starts at once cost this test ~20 s on 2 cores while proving nothing more.
      const statuses: number[] = [];
      for (const call of calls) statuses.push((await call()).status);
      assert.deepEqual(statuses, new Array(calls.length).fill(expected), ROLE_NAMES[who]);
    }
  });

  it('explains who can watch and why', async () => {
    const reply = await callApi<{ viewers: { who: string; via: string; revoked: boolean }[] }>(
      '/recordings/rec-ready/access',
      { token: tokens.admin },
    );
    const by = (email: string) =>
      reply.body.viewers.filter((v) => v.who === email).map((v) => `${v.via}${v.revoked ? ' (revoked)' : ''}`);
    assert.deepEqual(by(users.admin.email), ['admin']);
    assert.deepEqual(by(users.teacher1.email), ['teacher']);
    assert.deepEqual(by(users.student1.email), ['batch']);
    assert.deepEqual(by(users.student2.email), ['batch (revoked)']);
    assert.deepEqual(by(users.student6.email), ['grant']);
    assert.deepEqual(by(users.student4.email), ['batch']);
    assert.deepEqual(by(users.student3.email), []);
  });
});

describe('playback attacks and session control', function () {
  this.timeout(180_000);
  before(async () => {
    await resetWorld();
    await makeRecording('rec-ready', 'ready');
    tokens = await tokensFor(
      'admin',
      'teacher1',
      'teacher2',
      'student1',
      'student2',
      'student3',
      'student4',
      'student5',
      'student6',
    );
  });

  it('refuses another account’s, tampered and expired URLs with a bare 403', async () => {
    const { sessionId } = (await openSession('student1', 'rec-ready')).body;
    const text = await (await play(`/play/${sessionId}/playlist.m3u8`, 'student1')).text();
    const url = firstSegmentUrl(text)!;
    assert.equal((await play(`/play/${sessionId}/${url}`, 'student1')).status, 200);
    for (const [what, status] of [
      ['another account', (await play(`/play/${sessionId}/${url}`, 'student4')).status],
      ['no account', (await play(`/play/${sessionId}/${url}`, 'signedOut')).status],
      ['another segment', (await play(`/play/${sessionId}/${url.replace('seg/0.ts', 'seg/1.ts')}`, 'student1')).status],
      [
        'a later expiry',
        (
          await play(
            `/play/${sessionId}/${url.replace(/exp=(\d+)/, (_m, e) => `exp=${Number(e) + 3_600_000}`)}`,
            'student1',
          )
        ).status,
      ],
      ['a changed signature', (await play(`/play/${sessionId}/${withTamperedSignature(url)}`, 'student1')).status],
    ] as const)
      assert.equal(status, 403, what);
    const refused = await play(`/play/${sessionId}/${url.replace('seg/0.ts', 'seg/1.ts')}`, 'student1');
    assert.deepEqual(await refused.json(), { error: { code: 'permission-denied', message: 'Forbidden.' } });
    // After the URL's expiry (controlled clock): refused.
    const [, exp, sig] = /exp=(\d+)&sig=([\w-]+)/.exec(url)!;
    await assert.rejects(
      segmentFor(
        sessionId,
        0,
        { exp: Number(exp), sig },
        { token: { uid: 'u-student1' }, ip: '', userAgent: '' },
        Number(exp) + 1,
      ),
      (e: Error & { code?: string }) => e.code === 'permission-denied',
    );
  });

  it('answers a validly signed URL for a segment that was never stored with the same bare 403', async () => {
    const { sessionId, expiresAtMs } = (await openSession('student1', 'rec-ready')).body;
    const seq = 999; // rec-ready has 3 segments
    const sig = signSegment(urlSigningKey(kekRing().keks[0]!), sessionId, seq, expiresAtMs);
    const missing = await play(`/play/${sessionId}/seg/${seq}.ts?exp=${expiresAtMs}&sig=${sig}`, 'student1');
    assert.equal(missing.status, 403);
    assert.deepEqual(await missing.json(), { error: { code: 'permission-denied', message: 'Forbidden.' } });
  });

  it('lets exactly one of several simultaneous key requests of one viewer through; the others get 429', async () => {
    const { sessionId } = (await openSession('student1', 'rec-ready')).body;
    // Six workers warmed first: the emulator gives each concurrent request a worker of its own, and
    // on a loaded machine cold starts spread six requests sent together over more than the 30 s
    // window, which then rightly lets a second key through. The race under test is the server's.
    await Promise.all(Array.from({ length: 6 }, () => play('/no-such-route', 'student1')));
    const statuses = await Promise.all(
      Array.from({ length: 6 }, async () => (await play(`/play/${sessionId}/key`, 'student1')).status),
    );
    assert.deepEqual(
      statuses.sort((a, b) => a - b),
      [200, 429, 429, 429, 429, 429],
    );
  });

  it('rate limits keys to one per 30 s per user and recording, with Retry-After, audited', async () => {
    const { sessionId } = (await openSession('student3', 'rec-ready')).body;
    assert.equal((await play(`/play/${sessionId}/key`, 'student3')).status, 200);
    const again = await play(`/play/${sessionId}/key`, 'student3');
    assert.equal(again.status, 429);
    const retryAfter = Number(again.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    const entries = (
      await db().collection('auditLog').where('uid', '==', 'u-student3').where('action', '==', 'key').get()
    ).docs.map((d) => d.data());
    assert.deepEqual(entries.map((e) => e.outcome).sort(), ['ok', 'refused']);
    for (const e of entries) {
      assert.equal(e.email, 's******3@lecturevault.dev');
      assert.ok(e.ip && e.userAgent !== undefined);
      assert.ok(!JSON.stringify(e).includes(tokens.student3.slice(0, 40)), 'no token in the audit log');
    }
  });

  it('accepts the HttpOnly playback cookie instead of a header (native HLS), for its own session only', async () => {
    const res = await fetch(`${FUNCTIONS_URL}/api/recordings/rec-ready/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.student6 ?? ''}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 403, 'student 6 has no grant in this world');
    const opened = await fetch(`${FUNCTIONS_URL}/api/recordings/rec-ready/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.teacher1}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const setCookie = opened.headers.get('set-cookie') ?? '';
    assert.match(
      setCookie,
      /^__session=[^;]+; Max-Age=\d+; Path=\/api\/play\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0];
    const { sessionId } = (await opened.json()) as { sessionId: string };
    assert.equal((await play(`/play/${sessionId}/playlist.m3u8`, 'signedOut', { headers: { cookie } })).status, 200);
    const other = (await openSession('student1', 'rec-ready')).body.sessionId;
    assert.equal((await play(`/play/${other}/playlist.m3u8`, 'signedOut', { headers: { cookie } })).status, 401);
  });

  it('keeps the cookie through Hosting (private, no-store) and renews it with the session on a heartbeat', async () => {
    // Hosting strips Set-Cookie from answers not marked private: without it native HLS cannot start.
    const viaHosting = (pathAndQuery: string, init: RequestInit = {}) =>
      fetch(`${HOSTING_URL}/api${pathAndQuery}`, {
        ...init,
        headers: { authorization: `Bearer ${tokens.student1}`, 'content-type': 'application/json', ...init.headers },
      });
    const opened = await viaHosting('/recordings/rec-ready/sessions', { method: 'POST', body: '{}' });
    assert.equal(opened.status, 201);
    assert.equal(opened.headers.get('cache-control'), 'private, no-store');
    const first = opened.headers.get('set-cookie') ?? '';
    assert.match(
      first,
      /^__session=[^;]+; Max-Age=\d+; Path=\/api\/play\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const { sessionId } = (await opened.json()) as { sessionId: string };

    // 10 minutes left: the heartbeat extends the session by 90 minutes, and the cookie with it.
    await db()
      .doc(`playbackSessions/${sessionId}`)
      .update({ expiresAtMs: Date.now() + 10 * 60_000 });
    const beat = await viaHosting(`/play/${sessionId}/heartbeat`, { method: 'POST', body: '{"positionSeconds": 3}' });
    assert.equal(beat.status, 200);
    const answer = (await beat.json()) as { renewed: boolean; expiresAtMs: number; cookie?: unknown };
    assert.equal(answer.renewed, true);
    assert.equal(answer.cookie, undefined, 'the cookie travels only as an HttpOnly cookie');
    assert.equal(beat.headers.get('cache-control'), 'private, no-store');
    const renewed = beat.headers.get('set-cookie') ?? '';
    assert.match(
      renewed,
      /^__session=[^;]+; Max-Age=\d+; Path=\/api\/play\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const maxAge = Number(/Max-Age=(\d+)/.exec(renewed)![1]);
    assert.ok(maxAge > 85 * 60 && maxAge <= 90 * 60, `renewed Max-Age ${maxAge} s`);
    const cookie = renewed.split(';')[0]!;
    assert.notEqual(cookie, first.split(';')[0], 'a new cookie, bound to the new expiry');
    const playlist = await fetch(`${HOSTING_URL}/api/play/${sessionId}/playlist.m3u8`, { headers: { cookie } });
    assert.equal(playlist.status, 200);
    assert.ok((await playlist.text()).includes(`exp=${answer.expiresAtMs}`), 'the cookie alone plays the renewed URLs');
  });

  it('refuses forged and expired ID tokens with 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = (exp: number) =>
      Buffer.from(
        JSON.stringify({
          iss: 'https://securetoken.google.com/demo-lecturevault',
          aud: 'demo-lecturevault',
          auth_time: now - 7200,
          user_id: 'u-admin',
          sub: 'u-admin',
          iat: exp - 3600,
          exp,
          email: users.admin.email,
          firebase: { sign_in_provider: 'password' },
        }),
      ).toString('base64url');
    const expired = `${header}.${claims(now - 60)}.`;
    const garbage = 'not-a-token';
    for (const token of [expired, garbage]) {
      const reply = await callApi('/recordings/rec-ready/sessions', { token, method: 'POST', body: {} });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.error?.code, 'unauthenticated');
    }
  });

  it('a revoke cuts an open session: the next segment request is refused within 5 s', async () => {
    const { sessionId, watermark } = (await openSession('student1', 'rec-ready')).body;
    assert.match(watermark, /^Sam Patel · s\*{6}1@lecturevault\.dev · [\w-]{6}$/);
    const url = firstSegmentUrl(await (await play(`/play/${sessionId}/playlist.m3u8`, 'student1')).text())!;
    assert.equal((await play(`/play/${sessionId}/${url}`, 'student1')).status, 200);
    const revoked = await callApi<{ sessionsCut: number }>('/recordings/rec-ready/revocations', {
      token: tokens.admin,
      method: 'POST',
      body: { email: users.student1.email },
    });
    const t0 = Date.now();
    assert.ok(revoked.body.sessionsCut >= 1, 'the open session was cut');
    assert.equal((await play(`/play/${sessionId}/${url}`, 'student1')).status, 403);
    assert.ok(Date.now() - t0 <= 5_000, 'refused within 5 s');
    const beat = await play(`/play/${sessionId}/heartbeat`, 'student1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"positionSeconds": 3}',
    });
    assert.equal(beat.status, 403);
    assert.equal(((await beat.json()) as { error: { code: string } }).error.code, 'access-revoked');
    assert.equal((await openSession('student1', 'rec-ready')).status, 403);
    // Granting again lifts the revocation.
    await callApi('/recordings/rec-ready/grants', {
      token: tokens.admin,
      method: 'POST',
      body: { email: users.student1.email },
    });
    assert.equal((await openSession('student1', 'rec-ready')).status, 201);
  });

  it('removal from the batch cuts an open session; the heartbeat renews URLs before they run out', async () => {
    const { sessionId } = (await openSession('student2', 'rec-ready')).body;
    assert.equal((await play(`/play/${sessionId}/playlist.m3u8`, 'student2')).status, 200);
    // Renewal: 10 minutes left on the session → the heartbeat extends it by 90 minutes.
    await db()
      .doc(`playbackSessions/${sessionId}`)
      .update({ expiresAtMs: Date.now() + 10 * 60_000 });
    const beat = await play(`/play/${sessionId}/heartbeat`, 'student2', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"positionSeconds": 12}',
    });
    const renewed = (await beat.json()) as { renewed: boolean; expiresAtMs: number };
    assert.equal(renewed.renewed, true);
    assert.ok(renewed.expiresAtMs > Date.now() + 85 * 60_000);
    const text = await (await play(`/play/${sessionId}/playlist.m3u8`, 'student2')).text();
    assert.ok(text.includes(`exp=${renewed.expiresAtMs}`), 'fresh URLs carry the new expiry');

    assert.equal(
      (await callApi('/batches/batch-cardio-2026/members/u-student2', { token: tokens.admin, method: 'DELETE' }))
        .status,
      204,
    );
    assert.equal((await play(`/play/${sessionId}/playlist.m3u8`, 'student2')).status, 403);
  });

  it('downloads one playable file: the decrypted segments in order, streamed', async () => {
    const res = await play('/recordings/rec-ready/download', 'admin');
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="Cardiac cycle and heart sounds\.ts"$/,
    );
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(body.equals(Buffer.concat(files)), 'exactly the original segments');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dl-')), 'lecture.ts');
    writeFileSync(file, body);
    const duration = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], {
        encoding: 'utf8',
      }),
    );
    assert.ok(Math.abs(duration - 17) < 0.5, `plays ~17 s (got ${duration})`);
    assert.equal((await play('/recordings/rec-ready/download', 'student1')).status, 403);
  });

  it('hands browsers a one-time, 60 s download link that re-checks the permission when followed', async () => {
    type Link = { url: string; expiresAtMs: number };
    const link = await callApi<Link>('/recordings/rec-ready/download-links', {
      token: tokens.teacher1,
      method: 'POST',
    });
    assert.equal(link.status, 201);
    assert.match(link.body.url, /^\/api\/downloads\/[A-Za-z0-9_-]{32}$/);
    assert.ok(Math.abs(link.body.expiresAtMs - (Date.now() + 60_000)) < 10_000);
    // A form POST navigation through Hosting's rewrite, carrying the token that minted the link.
    const follow = (url: string, proof = tokens.teacher1) => followDownloadLink(`${HOSTING_URL}${url}`, proof);
    const res = await follow(link.body.url);
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="Cardiac cycle and heart sounds\.ts"$/,
    );
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(Buffer.concat(files)), 'exactly the original segments');
    const audited = (await auditActions({ recordingId: 'rec-ready' })).filter(
      (e) => e['action'] === 'download' && e['outcome'] === 'ok',
    );
    assert.equal(audited.at(-1)?.['uid'], users.teacher1.uid, 'audited as the person the link was made for');

    // Production points links at the function's own URL (DOWNLOAD_BASE_URL): the same ticket route.
    const direct = await callApi<Link>('/recordings/rec-ready/download-links', { token: tokens.admin, method: 'POST' });
    const viaFunction = await followDownloadLink(
      `${FUNCTIONS_URL}/downloads${direct.body.url.replace(/^\/api/, '')}`,
      tokens.admin,
    );
    assert.equal(viaFunction.status, 200);
    assert.equal((await viaFunction.arrayBuffer()).byteLength, Buffer.concat(files).length);

    // Single use: the same link again, a made-up one and a malformed one are all "gone".
    for (const url of [link.body.url, `/api/downloads/${'A'.repeat(32)}`, '/api/downloads/not-a-ticket']) {
      const again = await follow(url);
      assert.equal(again.status, 404, url);
      assert.match(
        ((await again.json()) as { error: { message: string } }).error.message,
        /expired or was already used/,
      );
    }

    // Expired before it was followed.
    const late = await callApi<Link>('/recordings/rec-ready/download-links', { token: tokens.admin, method: 'POST' });
    await db()
      .doc(`downloadTickets/${late.body.url.split('/').pop()}`)
      .update({ expiresAtMs: Date.now() - 1 });
    assert.equal((await follow(late.body.url, tokens.admin)).status, 404);

    // The permission is withdrawn between the link and the click: refused when followed.
    const early = await callApi<Link>('/recordings/rec-ready/download-links', {
      token: tokens.teacher1,
      method: 'POST',
    });
    assert.equal(
      (
        await callApi('/meetings/meeting-cardio-101/teacher-download', {
          token: tokens.admin,
          method: 'PUT',
          body: { allowed: false },
        })
      ).status,
      200,
    );
    try {
      assert.equal((await follow(early.body.url)).status, 403);
    } finally {
      await callApi('/meetings/meeting-cardio-101/teacher-download', {
        token: tokens.admin,
        method: 'PUT',
        body: { allowed: true },
      });
    }

    // No link for those who may not download; signed out is 401.
    assert.equal(
      (await callApi('/recordings/rec-ready/download-links', { token: tokens.student1, method: 'POST' })).status,
      403,
    );
    assert.equal(
      (await callApi('/recordings/rec-ready/download-links', { token: tokens.teacher2, method: 'POST' })).status,
      403,
    );
    assert.equal((await callApi('/recordings/rec-ready/download-links', { method: 'POST' })).status, 401);
    assert.equal(
      (await db().collection('downloadTickets').get()).size,
      0,
      'followed, expired and refused links are all gone',
    );
  });

  it('an MP4 link gives the same lecture remuxed, not re-encoded: mp4, H.264 + AAC, the same length and frames', async () => {
    const link = await callApi<{ url: string }>('/recordings/rec-ready/download-links', {
      token: tokens.teacher1,
      method: 'POST',
      body: { format: 'mp4' },
    });
    assert.equal(link.status, 201);
    const bad = await callApi('/recordings/rec-ready/download-links', {
      token: tokens.teacher1,
      method: 'POST',
      body: { format: 'avi' },
    });
    assert.equal(bad.status, 400);
    const res = await followDownloadLink(`${HOSTING_URL}${link.body.url}`, tokens.teacher1);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/mp4');
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="Cardiac cycle and heart sounds\.mp4"$/,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'dl-mp4-'));
    const mp4 = path.join(dir, 'lecture.mp4');
    const ts = path.join(dir, 'lecture.ts');
    writeFileSync(mp4, Buffer.from(await res.arrayBuffer()));
    writeFileSync(ts, Buffer.concat(files));
    const probe = (file: string) =>
      JSON.parse(
        execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], {
          encoding: 'utf8',
        }),
      ) as { format: { format_name: string; duration: string }; streams: { codec_name: string }[] };
    const got = probe(mp4);
    assert.match(got.format.format_name, /mp4/);
    assert.deepEqual(got.streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
    assert.ok(Math.abs(Number(got.format.duration) - 17) < 0.5, `plays ~17 s (got ${got.format.duration})`);
    // The moov first: the file plays while it downloads.
    const boxes = readFileSync(mp4);
    const ftypSize = boxes.readUInt32BE(0);
    assert.equal(boxes.subarray(4, 8).toString(), 'ftyp');
    assert.equal(boxes.subarray(ftypSize + 4, ftypSize + 8).toString(), 'moov');
    // Every decoded frame the same as the stored segments': copied, so a forensic mark in them stays.
    const frames = (file: string) =>
      execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-f', 'framemd5', '-'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.split(',').at(-1)!.trim());
    assert.deepEqual(frames(mp4), frames(ts));
  });

  it('pages through the audit log with filters', async () => {
    const page1 = await callApi<{ entries: { action: string; atMs: number }[]; next: number | null }>(
      '/audit?action=watch&limit=2',
      { token: tokens.admin },
    );
    assert.equal(page1.status, 200);
    assert.equal(page1.body.entries.length, 2);
    assert.ok(page1.body.entries.every((e) => e.action === 'watch'));
    const page2 = await callApi<{ entries: { atMs: number }[] }>(
      `/audit?action=watch&limit=2&after=${page1.body.next}`,
      { token: tokens.admin },
    );
    assert.ok(page2.body.entries.every((e) => e.atMs <= page1.body.entries[1].atMs));
    const denied = await callApi<{ entries: { outcome: string }[] }>('/audit?outcome=denied&recordingId=rec-ready', {
      token: tokens.admin,
    });
    assert.ok(denied.body.entries.length > 0 && denied.body.entries.every((e) => e.outcome === 'denied'));
    assert.equal((await callApi('/audit?limit=5000', { token: tokens.admin })).status, 400);
  });
});
