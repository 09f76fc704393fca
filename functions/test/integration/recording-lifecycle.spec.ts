// Recording lifecycle through the real API (Hosting rewrite → functions emulator), the real
// webhook endpoint and the LiveKit stand-in with its fault injection.
import assert from 'node:assert/strict';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { callApi, tokensFor } from '../kit/api';
import { createRoom, endRoom, injectFault, joinRoom } from '../kit/control';
import { BUCKET, INGEST_BUCKET, db, eventually, resetWorld } from '../kit/emulators';
import { egressClient, startStandIn } from '../kit/livekit-dev';
import {
  alerts,
  allRecordings,
  auditActions,
  lockOf,
  recordingDoc,
  storedSegments,
  waitForFinalized,
  waitForStatus,
} from '../kit/recordings';
import { deliver, signWebhook } from '../kit/livekit-webhooks';

const CARDIO = 'meeting-cardio-101';
/** recordingStates/{meetingId}: what participants follow instead of polling. */
const pushed = async (meetingId = CARDIO) => (await db().doc(`recordingStates/${meetingId}`).get()).data();
type Tokens = Awaited<ReturnType<typeof tokensForAll>>;
const tokensForAll = () => tokensFor('admin', 'teacher1', 'teacher2', 'student1');

const start = (token: string, body: Record<string, unknown> = {}, meeting = CARDIO) =>
  callApi<{ recording: { id: string; egressId: string } }>(`/meetings/${meeting}/recording/start`, {
    token,
    method: 'POST',
    body,
  });
const stop = (token: string, meeting = CARDIO) =>
  callApi(`/meetings/${meeting}/recording/stop`, { token, method: 'POST', body: {} });
const forceStop = (token: string, meeting = CARDIO) =>
  callApi(`/meetings/${meeting}/recording/force-stop`, { token, method: 'POST', body: {} });
const state = (token: string, meeting = CARDIO) =>
  callApi<{ participantCount: number; canControl: boolean; recording: null | Record<string, unknown> }>(
    `/meetings/${meeting}/recording`,
    { token },
  );

describe('recording lifecycle (stand-in at 5× speed)', function () {
  let livekit: LiveKitDev;
  let t: Tokens;

  before(async () => {
    livekit = await startStandIn({ speed: 5, freezeMs: 60_000 });
  });
  after(() => livekit?.close());

  beforeEach(async () => {
    await livekit.reset();
    await livekit.webhooks.idle();
    await resetWorld({ forensicWatermark: false }); // not the subject here: see resetWorld
    t = await tokensForAll();
    await joinRoom('cardio-101', 'student1');
  });

  describe('who may start, stop and force stop', () => {
    it('refuses students and other teachers with 403, and signed-out callers with 401; nothing is created', async () => {
      for (const token of [t.student1, t.teacher2]) {
        for (const call of [start, stop, forceStop]) {
          const reply = await call(token);
          assert.equal(reply.status, 403, `${call.name}`);
          assert.equal(reply.body.error?.code, 'permission-denied');
        }
      }
      for (const call of [start, stop, forceStop]) assert.equal((await call('')).status, 401);
      assert.deepEqual(await allRecordings(), []);
      const denied = await auditActions({ meetingId: CARDIO });
      assert.ok(denied.length >= 6 && denied.every((a) => a.outcome === 'denied'));
    });

    it('lets the meeting’s teacher and an admin start and stop', async () => {
      const byTeacher = await start(t.teacher1);
      assert.equal(byTeacher.status, 201);
      assert.equal((await stop(t.teacher1)).status, 200);
      await waitForStatus(byTeacher.body.recording.id, ['ready', 'incomplete']);
      const byAdmin = await start(t.admin);
      assert.equal(byAdmin.status, 201);
      assert.equal((await stop(t.admin)).status, 200);
      // Each is numbered within its meeting at the start: its default title is "Lecture N · day".
      const numbers = await Promise.all(
        [byTeacher, byAdmin].map(async (r) =>
          (await db().doc(`recordings/${r.body.recording.id}`).get()).get('lectureNumber'),
        ),
      );
      assert.deepEqual(numbers, [1, 2]);
    });
  });

  describe('what LiveKit is given', () => {
    it('uploads by S3 to Cloud Storage’s XML API with the ingest bucket’s HMAC key; nothing names the main bucket', async () => {
      const started = await start(t.teacher1);
      assert.equal(started.status, 201);
      const egress = livekit.store.egresses.get(started.body.recording.egressId)!;
      const hmac = {
        kind: 's3-key',
        accessKey: 'GOOG1EDEMOSTANDINACCESSID', // functions/.env.local; the secret went too (the stand-in demands it)
        endpoint: 'https://storage.googleapis.com',
        forcePathStyle: true,
        region: 'auto',
      };
      assert.equal(egress.target.storage, 's3');
      assert.deepEqual([egress.target.bucket, egress.target.auth], [INGEST_BUCKET, hmac], 'the segments');
      assert.deepEqual([egress.target.images?.bucket, egress.target.images?.auth], [INGEST_BUCKET, hmac], 'the stills');
      const sent = JSON.stringify(egress.request);
      assert.ok(!sent.includes(BUCKET), 'the main bucket is never named to LiveKit');
      assert.doesNotMatch(sent, /"gcp"|credentials|private_key/, 'no key JSON, no GCP upload');
    });
  });

  describe('start guards', () => {
    it('refuses a second start with 409 "A recording is already in progress."', async () => {
      assert.equal((await start(t.admin)).status, 201);
      const again = await start(t.teacher1);
      assert.equal(again.status, 409);
      assert.deepEqual(again.body.error && [again.body.error.code, again.body.error.message], [
        'recording-in-progress',
        'A recording is already in progress.',
      ]);
    });

    it('gives exactly one recording and one egress for 4 concurrent starts', async function () {
      // Four already race inside the start's transaction; each concurrent request cold-starts its own
      // emulator worker on 2 cores, so more only add start-up time (8 took 52 s on a busy machine).
      this.timeout(180_000);
      const replies = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          callApi(`/meetings/${CARDIO}/recording/start`, {
            token: i % 2 ? t.admin : t.teacher1,
            method: 'POST',
            body: {},
            direct: true,
          }),
        ),
      );
      const statuses = replies.map((r) => r.status).sort();
      const why = JSON.stringify({
        replies: replies.filter((r) => r.status !== 409).map((r) => r.body),
        recs: await allRecordings(),
        audit: await auditActions({ meetingId: CARDIO }),
      });
      assert.deepEqual(statuses, [201, ...Array(3).fill(409)], why);
      assert.equal((await allRecordings()).length, 1);
      assert.equal((await egressClient().listEgress({ roomName: 'cardio-101' })).length, 1);
    });

    it('refuses an empty room unless the caller confirms', async () => {
      await createRoom('neuro-201');
      const t2 = await tokensFor('teacher2');
      const refused = await start(t2.teacher2, {}, 'meeting-neuro-201');
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error?.code, 'empty-room');
      assert.equal(refused.body.error?.requiresConfirmation, true);
      assert.deepEqual(await allRecordings(), []);
      assert.equal((await start(t2.teacher2, { confirmEmptyRoom: true }, 'meeting-neuro-201')).status, 201);
    });

    it('says "Recording engine unavailable" when the room is not running, creating nothing', async () => {
      const reply = await start(t.admin, {}, 'meeting-ethics-guest');
      assert.equal(reply.status, 503);
      assert.equal(reply.body.error?.code, 'room-not-running');
      assert.match(reply.body.error!.message, /^Recording engine unavailable/);
      assert.deepEqual(await allRecordings(), []);
      assert.equal(await lockOf('meeting-ethics-guest'), undefined);
      assert.equal(await pushed('meeting-ethics-guest'), undefined, 'nothing pushed');
    });

    it('says "Recording engine unavailable" while LiveKit is down, creating nothing', async () => {
      const down = livekit.restart(4_000);
      await new Promise((r) => setTimeout(r, 300));
      const reply = await start(t.admin);
      await down;
      assert.equal(reply.status, 503);
      assert.equal(reply.body.error?.code, 'engine-unavailable');
      assert.equal(reply.body.error?.message, 'Recording engine unavailable. Try again in a minute.');
      assert.deepEqual(await allRecordings(), []);
      assert.equal(await lockOf(CARDIO), undefined);
    });

    it('refuses when free storage is below the safety margin, with the figures', async () => {
      await db()
        .doc('settings/global')
        .update({ storageCapacityBytes: 3 * 1024 ** 3 });
      await db()
        .doc('usage/total')
        .set({ bytes: 1.5 * 1024 ** 3, seconds: 7200 });
      const reply = await start(t.admin);
      assert.equal(reply.status, 507);
      assert.equal(reply.body.error?.code, 'storage-low');
      assert.equal(reply.body.error?.message, 'Only 1.5 GB of storage is free; recording needs at least 2.0 GB.');
      assert.equal(reply.body.error?.freeBytes, 1.5 * 1024 ** 3);
      assert.deepEqual(await allRecordings(), []);
    });

    it('refuses when the quota is used up', async () => {
      await db()
        .doc('settings/global')
        .update({ storageQuotaBytes: 10 * 1024 ** 3 });
      await db()
        .doc('usage/total')
        .set({ bytes: 10 * 1024 ** 3, seconds: 40_000 });
      const reply = await start(t.admin);
      assert.equal(reply.status, 507);
      assert.equal(reply.body.error?.code, 'quota-exhausted');
      assert.match(reply.body.error!.message, /10 GB of 10 GB/);
    });

    it('estimates storage from measured bytes per second and warns from 3 h', async () => {
      await db()
        .doc('usage/total')
        .set({ bytes: 180_000 * 3600, seconds: 3600 });
      const long = await callApi<{ estimatedBytes: number; bytesPerSecond: number; warnings: string[] }>(
        '/recording-estimate?hours=3',
        { token: t.teacher1 },
      );
      assert.equal(long.status, 200);
      assert.equal(long.body.bytesPerSecond, 180_000);
      assert.equal(long.body.estimatedBytes, 180_000 * 3 * 3600);
      assert.match(long.body.warnings[0], /^A 3 h recording will take about 1\.8 GB/);
      const short = await callApi<{ warnings: string[] }>('/recording-estimate?hours=1', { token: t.teacher1 });
      assert.deepEqual(short.body.warnings, []);
      const bad = await callApi('/recording-estimate?hours=forever', { token: t.teacher1 });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error?.code, 'invalid-argument');
    });

    it('answers bad input with 400 and a readable message', async () => {
      const reply = await start(t.admin, { confirmEmptyRoom: 'yes please' });
      assert.equal(reply.status, 400);
      assert.match(reply.body.error!.message, /^confirmEmptyRoom: /);
      assert.deepEqual(await allRecordings(), []);
    });
  });

  describe('a recording’s life', () => {
    it('starts, records, shows state, stops and ends ready with its segments', async () => {
      const started = await start(t.teacher1);
      const id = started.body.recording.id;
      const asked = await pushed();
      assert.equal(asked?.recordingId, id, 'pushed with the start');
      assert.ok(['starting', 'recording'].includes(asked?.status), asked?.status);
      assert.equal(asked?.startedByName, 'Dr. Meredith Grey');
      assert.equal(asked?.consentTextVersion, 1);
      await waitForStatus(id, 'recording');
      const running = await pushed();
      assert.equal(running?.status, 'recording', 'pushed with the transition');
      assert.equal(typeof running?.startedAtMs, 'number');
      assert.equal(running?.startedByName, 'Dr. Meredith Grey', 'kept across transitions');
      await eventually(async () => (await storedSegments(id)).length >= 2, 40_000, 'two segments');
      const live = await state(t.student1);
      assert.equal(live.status, 200);
      assert.equal(live.body.canControl, false);
      assert.equal(live.body.participantCount, 1);
      assert.equal(live.body.recording?.status, 'recording');
      assert.equal((await state(t.teacher1)).body.canControl, true);

      const stopped = await stop(t.teacher1);
      assert.deepEqual([stopped.status, (stopped.body.recording as { status: string }).status], [200, 'stopping']);
      const done = await waitForStatus(id, 'ready');
      assert.ok((done.durationSeconds as number) >= 14, `duration ${done.durationSeconds}`);
      assert.deepEqual([(await pushed())?.recordingId, (await pushed())?.status], [id, 'ready']);
      const finalized = await waitForFinalized(id);
      const stored = await storedSegments(id);
      assert.equal(finalized.egressSegmentCount, stored.length);
      assert.deepEqual(
        stored,
        stored.map((_, i) => i),
        'every segment stored, none missing',
      );
      assert.deepEqual(finalized.missingSegments, []);
      assert.equal(await lockOf(CARDIO), undefined, 'lock released');
      const actions = (await auditActions({ recordingId: id })).map((a) => a.action);
      assert.deepEqual(actions, ['start', 'stop', 'recording-ended']);
      const entry = (await auditActions({ recordingId: id }))[0];
      assert.equal(entry.email, 't******1@lecturevault.dev');
      assert.ok(entry.ip, 'IP recorded');
    });

    it('ends the recording ready when the meeting’s room ends', async () => {
      const id = (await start(t.admin)).body.recording.id;
      await waitForStatus(id, 'recording');
      await eventually(async () => (await storedSegments(id)).length >= 2, 40_000, 'two segments');
      await endRoom('cardio-101');
      const done = await waitForStatus(id, 'ready');
      assert.equal(done.reason, undefined);
      assert.equal(await lockOf(CARDIO), undefined);
      await eventually(async () => (await state(t.admin)).body.participantCount === 0, 10_000, 'participants cleared');
    });

    it('auto-stops a recording whose room LiveKit reports finished', async () => {
      const started = await start(t.admin);
      const id = started.body.recording.id;
      await waitForStatus(id, 'recording');
      await eventually(async () => (await storedSegments(id)).length >= 2, 40_000, 'two segments');
      // room_finished as LiveKit sends it when a meeting ends; the egress is still running.
      const reply = await deliver(
        await signWebhook({ event: 'room_finished', room: { sid: 'RM_x', name: 'cardio-101' } }),
      );
      assert.equal(reply.status, 200);
      await waitForStatus(id, 'ready');
      const autoStop = (await auditActions({ recordingId: id })).find((a) => a.action === 'auto-stop');
      assert.equal(autoStop?.uid, 'system');
    });

    it('marks a crash incomplete with its reason, keeps the chunks and alerts an admin', async () => {
      const started = await start(t.admin);
      const id = started.body.recording.id;
      await eventually(async () => (await storedSegments(id)).length >= 2, 40_000, 'two segments');
      await injectFault({ crashEgress: started.body.recording.egressId });
      const done = await waitForStatus(id, 'incomplete');
      assert.equal(done.reason, 'egress-failed');
      assert.equal(done.detail, 'process crashed');
      assert.ok((await storedSegments(id)).length >= 2, 'segments kept');
      assert.ok((await alerts()).some((a) => a.recordingId === id && a.kind === 'egress-failed'));
      assert.ok((await auditActions({ recordingId: id })).some((a) => a.action === 'crash-detected'));
      assert.equal(await lockOf(CARDIO), undefined);
    });

    it('ends cleanly with an alert when LiveKit reports LIMIT_REACHED', async () => {
      const started = await start(t.admin);
      await eventually(
        async () => (await storedSegments(started.body.recording.id)).length >= 2,
        40_000,
        'two segments',
      );
      await injectFault({ limitReached: started.body.recording.egressId });
      const done = await waitForStatus(started.body.recording.id, 'ready');
      assert.equal(done.reason, 'limit-reached');
      assert.ok((await alerts()).some((a) => a.kind === 'limit-reached'));
    });

    it('offers Force Stop only 30 s after a stop that hangs, then keeps every segment', async () => {
      const started = await start(t.teacher1);
      const id = started.body.recording.id;
      await eventually(async () => (await storedSegments(id)).length >= 2, 40_000, 'two segments');
      await injectFault({ freezeOnStop: started.body.recording.egressId });
      assert.equal((await stop(t.teacher1)).status, 200);
      await waitForStatus(id, 'stopping');
      const early = await forceStop(t.teacher1);
      assert.equal(early.status, 409);
      assert.equal(early.body.error?.code, 'force-stop-too-early');
      assert.equal((await state(t.teacher1)).body.recording?.forceStopAvailable, false);

      // Control time: the stop was asked 31 s ago.
      await db()
        .doc(`recordings/${id}`)
        .update({ stopRequestedAtMs: Date.now() - 31_000 });
      assert.equal((await state(t.teacher1)).body.recording?.forceStopAvailable, true);
      assert.equal((await forceStop(t.student1)).status, 403);
      const forced = await forceStop(t.teacher1);
      assert.equal(forced.status, 200);
      const done = await recordingDoc(id);
      assert.deepEqual([done?.status, done?.reason], ['incomplete', 'force-stopped']);
      assert.match(done?.detail as string, /Dr\. Meredith Grey/);
      const kept = await storedSegments(id);
      assert.ok(kept.length >= 2);
      assert.equal(await lockOf(CARDIO), undefined);
      assert.ok(
        (await auditActions({ recordingId: id })).some((a) => a.action === 'force-stop' && a.uid === 'u-teacher1'),
      );
    });

    it('ignores forged and replayed egress webhooks: the recording does not move', async () => {
      const started = await start(t.admin);
      const id = started.body.recording.id;
      await waitForStatus(id, 'recording');
      const ended = {
        event: 'egress_ended',
        egressInfo: {
          egressId: started.body.recording.egressId,
          roomName: 'cardio-101',
          status: 'EGRESS_FAILED',
          error: 'forged',
        },
      };
      const forged = await deliver(await signWebhook(ended, { secret: 'attacker-secret-attacker-secret-0000' }));
      assert.equal(forged.status, 401);
      const expired = await deliver(await signWebhook(ended, { ttl: -60 }));
      assert.equal(expired.status, 401);
      assert.equal((await recordingDoc(id))?.status, 'recording');

      const genuine = await signWebhook({
        event: 'egress_updated',
        egressInfo: { egressId: started.body.recording.egressId, roomName: 'cardio-101', status: 'EGRESS_ACTIVE' },
      });
      await deliver(genuine);
      const replay = await deliver(genuine);
      assert.equal(((await replay.json()) as { duplicate: boolean }).duplicate, true);
      assert.equal((await recordingDoc(id))?.status, 'recording');
    });
  });
});

describe('recording lifecycle (stand-in in real time)', () => {
  let livekit: LiveKitDev;
  before(async () => {
    livekit = await startStandIn({ speed: 1 });
  });
  after(() => livekit?.close());

  it('marks a stop after less than 10 s incomplete and hidden', async () => {
    await livekit.reset();
    await resetWorld({ forensicWatermark: false });
    await joinRoom('cardio-101', 'student1');
    const { admin } = await tokensFor('admin');
    const id = (await start(admin)).body.recording.id;
    await waitForStatus(id, 'recording');
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal((await stop(admin)).status, 200);
    const done = await waitForStatus(id, 'incomplete');
    assert.deepEqual([done.reason, done.hidden], ['too-short', true]);
  });
});
