// The Twirp API as the real livekit-server-sdk sees it: rooms, participants, auth failures,
// egress errors and ListEgress filters (no ffmpeg needed: egresses are stopped while STARTING).
import assert from 'node:assert/strict';
import {
  AccessToken,
  EgressClient,
  EgressStatus,
  GCPUpload,
  RoomServiceClient,
  SegmentedFileOutput,
  ServerError,
} from 'livekit-server-sdk';
import { SignJWT } from 'jose';
import type { LiveKitDev } from '../src/server.js';
import { API_KEY, API_SECRET, control, startDev } from './helpers.js';

const segmentsTo = (prefix: string): { segments: SegmentedFileOutput } => ({
  segments: new SegmentedFileOutput({
    filenamePrefix: prefix,
    playlistName: 'index.m3u8',
    livePlaylistName: 'live.m3u8',
    segmentDuration: 7,
    output: { case: 'gcp', value: new GCPUpload({ bucket: 'rec-bucket', credentials: '{"secret":"x"}' }) },
  }),
});

async function rejects(p: Promise<unknown>): Promise<ServerError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ServerError, `expected ServerError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to throw');
}

describe('livekit-dev Twirp API (real livekit-server-sdk client)', function () {
  this.timeout(20000);
  let dev: LiveKitDev;
  let rooms: RoomServiceClient;
  let egress: EgressClient;

  before(async () => {
    dev = await startDev();
    rooms = new RoomServiceClient(dev.url, API_KEY, API_SECRET);
    egress = new EgressClient(dev.url, API_KEY, API_SECRET);
  });
  beforeEach(() => dev.reset());
  after(() => dev.close());

  it('creates (idempotently), lists and deletes rooms', async () => {
    const a = await rooms.createRoom({ name: 'lecture-a', emptyTimeout: 60 });
    assert.match(a.sid, /^RM_/);
    assert.equal(a.emptyTimeout, 60);
    assert.equal(typeof a.creationTime, 'bigint');
    const again = await rooms.createRoom({ name: 'lecture-a' });
    assert.equal(again.sid, a.sid);
    await rooms.createRoom({ name: 'lecture-b' });
    assert.deepEqual((await rooms.listRooms()).map((r) => r.name).sort(), ['lecture-a', 'lecture-b']);
    assert.deepEqual(
      (await rooms.listRooms(['lecture-b'])).map((r) => r.name),
      ['lecture-b'],
    );
    await rooms.deleteRoom('lecture-a'); // an empty 200 body would make the SDK throw
    assert.deepEqual(
      (await rooms.listRooms()).map((r) => r.name),
      ['lecture-b'],
    );
    assert.equal((await rejects(rooms.deleteRoom('lecture-a'))).code, 'not_found');
  });

  it('replies snake_case JSON with defaults and exact application/json', async () => {
    const token = await tokenWith({ roomCreate: true });
    const res = await fetch(`${dev.url}/twirp/livekit.RoomService/CreateRoom`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=UTF-8', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'x' }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.num_participants, 0);
    assert.equal(typeof body.creation_time, 'string');
    assert.equal(body.metadata, '');
    const del = await fetch(`${dev.url}/twirp/livekit.RoomService/DeleteRoom`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ room: 'x' }),
    });
    assert.equal(await del.text(), '{}');
    const bad = await fetch(`${dev.url}/twirp/livekit.RoomService/CreateRoom`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{not json',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/json');
    assert.equal(((await bad.json()) as { code: string }).code, 'invalid_argument');
  });

  it('lists and removes participants with roomAdmin + matching room; wrong room → 401', async () => {
    await control(dev, 'POST', '/rooms/lecture-p/participants', { identity: 'alice', name: 'Alice' });
    await control(dev, 'POST', '/rooms/lecture-p/participants', { identity: 'bob' });
    await rooms.createRoom({ name: 'other' });
    const ps = await rooms.listParticipants('lecture-p');
    assert.deepEqual(
      ps.map((p) => p.identity),
      ['alice', 'bob'],
    );
    assert.equal(ps[0]!.name, 'Alice');
    assert.equal(typeof ps[0]!.joinedAt, 'bigint');
    await rooms.removeParticipant('lecture-p', 'bob');
    assert.deepEqual(
      (await rooms.listParticipants('lecture-p')).map((p) => p.identity),
      ['alice'],
    );

    // A token for room "other" must not list "lecture-p" (the server checks the room grant).
    const token = await tokenWith({ roomAdmin: true, room: 'other' });
    const res = await fetch(`${dev.url}/twirp/livekit.RoomService/ListParticipants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ room: 'lecture-p' }),
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 'unauthenticated', msg: 'permissions denied' });
    const viaSdk = new RoomServiceClient(dev.url, undefined, undefined, { token } as never);
    const err = await rejects(viaSdk.listParticipants('lecture-p'));
    assert.equal(err.status, 401);
    assert.equal(err.code, 'unauthenticated');
  });

  it('answers a bad secret with a plain-text 401 and the SDK throws', async () => {
    const wrong = new RoomServiceClient(dev.url, API_KEY, 'wrong-secret-wrong-secret-wrong-secret!');
    const err = await rejects(wrong.listRooms());
    assert.equal(err.status, 401);
    assert.equal(err.code, undefined); // plain text: no Twirp code
    assert.match(err.message, /invalid token/);
    const unknownKey = await rejects(new RoomServiceClient(dev.url, 'nokey', API_SECRET).listRooms());
    assert.match(unknownKey.message, /invalid API key/);
    const noBearer = await fetch(`${dev.url}/twirp/livekit.RoomService/ListRooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: await tokenWith({ roomList: true }) },
      body: '{}',
    });
    assert.equal(noBearer.status, 401);
    assert.match(noBearer.headers.get('content-type') ?? '', /^text\/plain/);
    const noToken = await fetch(`${dev.url}/twirp/livekit.RoomService/ListRooms`, { method: 'POST', body: '{}' });
    assert.deepEqual(await noToken.json(), { code: 'unauthenticated', msg: 'permissions denied' });
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ video: { roomList: true } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(API_KEY)
      .setNotBefore(now - 700)
      .setExpirationTime(now - 100)
      .sign(new TextEncoder().encode(API_SECRET));
    {
      const r = await fetch(`${dev.url}/twirp/livekit.RoomService/ListRooms`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${expired}` },
        body: '{}',
      });
      assert.equal(r.status, 401);
      assert.match(await r.text(), /expired/);
    }
  });

  it('refuses an egress for a missing room with not_found', async () => {
    const err = await rejects(egress.startRoomCompositeEgress('no-such-room', segmentsTo('ingest/r1/seg')));
    assert.equal(err.status, 404);
    assert.equal(err.code, 'not_found');
    assert.equal(err.message, 'requested room does not exist');
    const missing = await rejects(egress.stopEgress('EG_doesnotexist'));
    assert.equal(missing.code, 'not_found');
    assert.equal(missing.message, 'egress does not exist');
  });

  it('requires a gcp/s3 target', async () => {
    await rooms.createRoom({ name: 'r' });
    const bare = new SegmentedFileOutput({ filenamePrefix: 'x/seg', playlistName: 'p.m3u8', segmentDuration: 7 });
    const err = await rejects(egress.startRoomCompositeEgress('r', { segments: bare }));
    assert.equal(err.status, 400);
    assert.equal(err.code, 'invalid_argument');
  });

  it('aborts a STARTING egress, then refuses a second stop with failed_precondition', async () => {
    await rooms.createRoom({ name: 'lecture-e' });
    const info = await egress.startRoomCompositeEgress('lecture-e', segmentsTo('ingest/rec-1/seg'));
    assert.match(info.egressId, /^EG_/);
    assert.equal(info.status, EgressStatus.EGRESS_STARTING);
    assert.equal(info.roomName, 'lecture-e');
    const stopped = await egress.stopEgress(info.egressId);
    assert.equal(stopped.status, EgressStatus.EGRESS_ABORTED);
    assert.equal(stopped.error, 'Stop called before pipeline could start');
    assert.equal(stopped.errorCode, 412);
    const again = await rejects(egress.stopEgress(info.egressId));
    assert.equal(again.status, 412);
    assert.equal(again.code, 'failed_precondition');
    assert.equal(again.message, 'egress with status EGRESS_ABORTED cannot be stopped');
  });

  it('filters ListEgress by room, id and active, with int64 fields as BigInt', async () => {
    await rooms.createRoom({ name: 'ra' });
    await rooms.createRoom({ name: 'rb' });
    const a1 = await egress.startRoomCompositeEgress('ra', segmentsTo('ingest/a1/seg'));
    const a2 = await egress.startRoomCompositeEgress('ra', segmentsTo('ingest/a2/seg'));
    const b1 = await egress.startRoomCompositeEgress('rb', segmentsTo('ingest/b1/seg'));
    await egress.stopEgress(a2.egressId); // ABORTED: not active
    assert.equal((await egress.listEgress()).length, 3);
    assert.deepEqual(
      (await egress.listEgress({ roomName: 'ra' })).map((e) => e.egressId).sort(),
      [a1.egressId, a2.egressId].sort(),
    );
    assert.deepEqual(
      (await egress.listEgress({ roomName: 'ra', active: true })).map((e) => e.egressId),
      [a1.egressId],
    );
    // With egressId the other filters are ignored.
    const byId = await egress.listEgress({ egressId: b1.egressId, roomName: 'ra' });
    assert.deepEqual(
      byId.map((e) => e.egressId),
      [b1.egressId],
    );
    const e = byId[0]!;
    assert.equal(typeof e.updatedAt, 'bigint');
    assert.equal(typeof e.segmentResults[0]!.segmentCount, 'bigint');
    assert.equal(e.segmentResults[0]!.playlistName, 'index.m3u8');
    assert.equal(
      e.segmentResults[0]!.playlistLocation,
      'https://storage.googleapis.com/rec-bucket/ingest/b1/index.m3u8',
    );
    // Request echo survives, credentials do not.
    assert.equal(e.request.case, 'roomComposite');
    const out = e.request.case === 'roomComposite' ? e.request.value.segmentOutputs[0] : undefined;
    assert.equal(out?.filenamePrefix, 'ingest/b1/seg');
    assert.equal(out?.output.case, 'gcp');
    assert.notEqual(out?.output.case === 'gcp' && out.output.value.credentials, '{"secret":"x"}');
    const plain = JSON.parse(JSON.stringify(e.toJson())) as { updatedAt: string };
    assert.equal(typeof plain.updatedAt, 'string'); // toJson() turns BigInt into strings
    assert.equal(Number(e.updatedAt / 1_000_000n) > Date.now() - 60000, true);
  });

  it('gives a readable 400 for bad control input', async () => {
    const r = await control(dev, 'POST', '/faults', { webhooks: { mode: 'explode', count: 1 } });
    assert.equal(r.status, 400);
    assert.match(String(r.json.error), /mode/);
    const r2 = await control(dev, 'POST', '/rooms', {});
    assert.equal(r2.status, 400);
  });
});

async function tokenWith(grant: Record<string, unknown>): Promise<string> {
  const at = new AccessToken(API_KEY, API_SECRET, { ttl: '10m' });
  at.addGrant(grant);
  return at.toJwt();
}
