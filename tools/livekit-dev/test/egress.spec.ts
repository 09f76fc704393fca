// Egress with real ffmpeg at 20x speed: segments arrive in order as real MPEG-TS (H.264 + AAC),
// playlists list only uploaded segments, and the fault modes end egresses the way LiveKit does.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EgressClient,
  EgressStatus,
  GCPUpload,
  RoomServiceClient,
  SegmentedFileOutput,
  ServerError,
  WebhookReceiver,
  type EgressInfo,
} from 'livekit-server-sdk';
import type { LiveKitDev } from '../src/server.js';
import { liveFfmpegGroups } from '../src/segment-producer.js';
import {
  API_KEY,
  API_SECRET,
  control,
  startDev,
  startFakeStorage,
  startHookReceiver,
  waitFor,
  type FakeStorage,
  type HookReceiver,
} from './helpers.js';

const BUCKET = 'lecturevault-ingest';

describe('livekit-dev egress (real ffmpeg, fake storage)', function () {
  this.timeout(30000);
  let dev: LiveKitDev;
  let storage: FakeStorage;
  let hooks: HookReceiver;
  let egress: EgressClient;
  let rooms: RoomServiceClient;
  const receiver = new WebhookReceiver(API_KEY, API_SECRET);
  let n = 0;

  before(async () => {
    storage = await startFakeStorage();
    hooks = await startHookReceiver();
    dev = await startDev({ webhookUrl: hooks.url, storageHost: storage.host, speed: 20, freezeMs: 400 });
    egress = new EgressClient(dev.url, API_KEY, API_SECRET);
    rooms = new RoomServiceClient(dev.url, API_KEY, API_SECRET);
  });
  beforeEach(async () => {
    await dev.reset();
    storage.uploads.length = 0;
    hooks.received.length = 0;
  });
  after(async () => {
    await dev?.close();
    await storage?.close();
    await hooks?.close();
    assert.deepEqual(liveFfmpegGroups(), []);
    const left = spawnSync('pgrep', ['-P', String(process.pid), '-x', 'ffmpeg'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', `ffmpeg processes survived: ${left}`);
  });

  async function startRecording(room: string, bucket = BUCKET): Promise<{ info: EgressInfo; prefix: string }> {
    await rooms.createRoom({ name: room });
    const prefix = `ingest/rec-${++n}/seg`;
    const info = await egress.startRoomCompositeEgress(room, {
      segments: new SegmentedFileOutput({
        filenamePrefix: prefix,
        playlistName: 'index.m3u8',
        livePlaylistName: 'live.m3u8',
        segmentDuration: 2,
        output: { case: 'gcp', value: new GCPUpload({ bucket }) },
      }),
    });
    return { info, prefix };
  }

  const segmentUploads = (prefix: string) => storage.uploads.filter((u) => u.name.startsWith(`${prefix}_`));
  const getInfo = async (id: string): Promise<EgressInfo> => (await egress.listEgress({ egressId: id }))[0]!;
  const waitStatus = (id: string, status: EgressStatus) =>
    waitFor(`egress ${id} to reach ${EgressStatus[status]}`, async () => {
      const e = await getInfo(id);
      return e.status === status ? e : undefined;
    });
  const hookEvents = async () => {
    await dev.webhooks.idle();
    return Promise.all(hooks.received.map((h) => receiver.receive(h.body, h.auth)));
  };

  it('uploads every real HLS segment, lists them in order, then completes with ENDLIST on stop', async () => {
    const { info, prefix } = await startRecording('lecture-1');
    assert.equal(info.status, EgressStatus.EGRESS_STARTING);
    await waitStatus(info.egressId, EgressStatus.EGRESS_ACTIVE);
    await waitFor('3 segments', () => segmentUploads(prefix).length >= 3);
    const stopped = await egress.stopEgress(info.egressId);
    assert.equal(stopped.status, EgressStatus.EGRESS_ENDING);
    const again = await egress.stopEgress(info.egressId).catch((e: ServerError) => e);
    assert.ok(again instanceof ServerError);
    assert.equal(again.code, 'failed_precondition');
    const done = await waitStatus(info.egressId, EgressStatus.EGRESS_COMPLETE);
    assert.equal(done.details, 'End reason: API');

    // Uploads run in parallel (as in real egress), so arrival order may differ from segment order.
    const segs = segmentUploads(prefix).sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(
      segs.map((s) => s.name),
      segs.map((_, i) => `${prefix}_${String(i).padStart(5, '0')}.ts`),
    );
    for (const s of segs) {
      assert.equal(s.bucket, BUCKET);
      assert.equal(s.contentType, 'video/mp2t');
      assert.equal(s.body[0], 0x47, `${s.name} starts with the TS sync byte`);
      assert.equal(s.body[188], 0x47);
    }
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lkdev-probe-')), 'seg.ts');
    fs.writeFileSync(tmp, segs[1]!.body);
    const probe = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', tmp], { encoding: 'utf8' }),
    ) as {
      streams: { codec_name: string; profile?: string }[];
    };
    assert.deepEqual(probe.streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
    assert.equal(probe.streams.find((s) => s.codec_name === 'h264')?.profile, 'Main');

    const playlist = storage.latest('ingest/rec-1/index.m3u8')!.body.toString();
    assert.match(
      playlist,
      /^#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-ALLOW-CACHE:NO\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n/,
    );
    assert.ok(playlist.trimEnd().endsWith('#EXT-X-ENDLIST'));
    const listed = playlist.split('\n').filter((l) => l.endsWith('.ts'));
    assert.deepEqual(
      listed,
      segs.map((s) => s.name.replace('ingest/rec-1/', '')),
    );
    assert.match(playlist, /#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT[\d:.]+Z\n#EXTINF:2\.000,\nseg_00000\.ts/);
    // Every playlist version only names segments that were already uploaded when it was written.
    for (const p of storage.uploads.filter((u) => u.name.endsWith('.m3u8'))) {
      for (const name of p.body
        .toString()
        .split('\n')
        .filter((l) => l.endsWith('.ts'))) {
        const seg = storage.uploads.find((u) => u.name === `ingest/rec-1/${name}`);
        assert.ok(seg && seg.at <= p.at, `${name} listed before upload`);
      }
    }
    const live = storage.latest('ingest/rec-1/live.m3u8')!.body.toString();
    assert.ok(live.split('\n').filter((l) => l.endsWith('.ts')).length <= 5);

    assert.equal(done.segmentResults[0]!.segmentCount, BigInt(segs.length));
    assert.equal(done.segmentResults[0]!.size, BigInt(segs.reduce((a, s) => a + s.body.length, 0)));
    const evs = await hookEvents();
    assert.deepEqual(
      evs
        .filter((e) => e.egressInfo?.egressId === info.egressId)
        .map((e) => [e.event, EgressStatus[e.egressInfo!.status]]),
      [
        ['egress_started', 'EGRESS_STARTING'],
        ['egress_updated', 'EGRESS_ACTIVE'],
        ['egress_updated', 'EGRESS_ENDING'],
        ['egress_ended', 'EGRESS_COMPLETE'],
      ],
    );
  });

  // LectureVault gives egress a bucket of its own: nothing may land in any other.
  it('uploads segments and playlists into the bucket each egress request names', async () => {
    const a = await startRecording('lecture-a', 'ingest-a');
    const b = await startRecording('lecture-b', 'ingest-b');
    await waitFor(
      '2 segments each',
      () => segmentUploads(a.prefix).length >= 2 && segmentUploads(b.prefix).length >= 2,
    );
    for (const { info } of [a, b]) await egress.stopEgress(info.egressId);
    for (const { info } of [a, b]) await waitStatus(info.egressId, EgressStatus.EGRESS_COMPLETE);
    for (const [{ prefix }, bucket] of [
      [a, 'ingest-a'],
      [b, 'ingest-b'],
    ] as const) {
      const dir = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      const mine = storage.uploads.filter((u) => u.name.startsWith(dir));
      assert.ok(mine.some((u) => u.name.endsWith('.m3u8')) && mine.some((u) => u.name.endsWith('.ts')));
      assert.deepEqual([...new Set(mine.map((u) => u.bucket))], [bucket], `${dir}: every upload in ${bucket}`);
    }
  });

  it('crash: FAILED "process crashed", 500, and no further segments', async () => {
    const { info, prefix } = await startRecording('lecture-crash');
    await waitFor('a segment', () => segmentUploads(prefix).length >= 1);
    assert.equal((await control(dev, 'POST', '/faults', { crashEgress: info.egressId })).status, 200);
    const failed = await waitStatus(info.egressId, EgressStatus.EGRESS_FAILED);
    assert.equal(failed.error, 'process crashed');
    assert.equal(failed.errorCode, 500);
    const count = segmentUploads(prefix).length;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(segmentUploads(prefix).length, count);
    assert.equal(liveFfmpegGroups().length, 0);
    const ended = (await hookEvents()).find((e) => e.event === 'egress_ended');
    assert.equal(ended?.egressInfo?.status, EgressStatus.EGRESS_FAILED);
  });

  it('failUploads: a failed segment upload fails the egress with "upload failed"', async () => {
    await control(dev, 'POST', '/faults', { failUploads: 1 });
    const { info, prefix } = await startRecording('lecture-upload');
    const failed = await waitStatus(info.egressId, EgressStatus.EGRESS_FAILED);
    assert.equal(failed.error, 'upload failed');
    assert.equal(failed.errorCode, 500);
    // Uploads run in parallel, so a later segment may land before the failure stops the egress;
    // the failed one never does.
    assert.ok(!segmentUploads(prefix).some((u) => u.name === `${prefix}_00000.ts`), 'the failed segment is not stored');
  });

  it('limitReached: LIMIT_REACHED 413 with a finalised playlist', async () => {
    const { info, prefix } = await startRecording('lecture-limit');
    await waitFor('2 segments', () => segmentUploads(prefix).length >= 2);
    await control(dev, 'POST', '/faults', { limitReached: info.egressId });
    const e = await waitStatus(info.egressId, EgressStatus.EGRESS_LIMIT_REACHED);
    assert.equal(e.error, 'Session limit reached');
    assert.equal(e.errorCode, 413);
    const playlist = storage.latest(`${path.posix.dirname(prefix)}/index.m3u8`)!.body.toString();
    assert.ok(playlist.trimEnd().endsWith('#EXT-X-ENDLIST'));
    assert.equal(playlist.split('\n').filter((l) => l.endsWith('.ts')).length, segmentUploads(prefix).length);
  });

  it('freezeOnStop: stop answers ENDING, then FAILED "pipeline frozen"', async () => {
    const { info } = await startRecording('lecture-freeze');
    await waitStatus(info.egressId, EgressStatus.EGRESS_ACTIVE);
    await control(dev, 'POST', '/faults', { freezeOnStop: 'next' });
    assert.equal((await egress.stopEgress(info.egressId)).status, EgressStatus.EGRESS_ENDING);
    const e = await waitStatus(info.egressId, EgressStatus.EGRESS_FAILED);
    assert.equal(e.error, 'pipeline frozen');
    assert.equal(e.errorCode, 500);
  });

  it('room end: egress completes with "Source closed" and room_finished is sent', async () => {
    const { info, prefix } = await startRecording('lecture-end');
    await waitFor('a segment', () => segmentUploads(prefix).length >= 1);
    await control(dev, 'POST', '/rooms/lecture-end/end');
    const e = await waitStatus(info.egressId, EgressStatus.EGRESS_COMPLETE);
    assert.equal(e.details, 'End reason: Source closed');
    assert.ok((await hookEvents()).some((ev) => ev.event === 'room_finished' && ev.room?.name === 'lecture-end'));
  });

  it('restart: the egress survives and continues the segment index', async () => {
    const { info, prefix } = await startRecording('lecture-restart');
    await waitFor('2 segments', () => segmentUploads(prefix).length >= 2);
    const r = await control(dev, 'POST', '/restart', { downMs: 300 });
    assert.equal(r.status, 202);
    await new Promise((res) => setTimeout(res, 100));
    await assert.rejects(fetch(`${dev.url}/control/state`)); // really down
    await waitFor('the restart', async () => (await fetch(`${dev.url}/control/state`).catch(() => undefined))?.ok);
    const before = (await getInfo(info.egressId)).segmentResults[0]!.segmentCount;
    assert.equal((await getInfo(info.egressId)).status, EgressStatus.EGRESS_ACTIVE);
    await waitFor(
      'more segments',
      async () => (await getInfo(info.egressId)).segmentResults[0]!.segmentCount >= before + 2n,
    );
    await egress.stopEgress(info.egressId);
    await waitStatus(info.egressId, EgressStatus.EGRESS_COMPLETE);
    const playlist = storage.latest(`${path.posix.dirname(prefix)}/index.m3u8`)!.body.toString();
    const listed = playlist.split('\n').filter((l) => l.endsWith('.ts'));
    assert.deepEqual(
      listed,
      listed.map((_, i) => `seg_${String(i).padStart(5, '0')}.ts`),
    );
    assert.ok(listed.length >= Number(before) + 2);
  });

  it('restart: a segment upload under way lands, is counted, and its number is not produced again', async () => {
    const { info, prefix } = await startRecording('lecture-restart-upload');
    await waitFor('a segment', () => segmentUploads(prefix).length >= 1);
    const release = await storage.holdNextSegment(); // this upload is under way when LiveKit goes down
    const held = segmentUploads(prefix).at(-1)!.name;
    assert.equal((await control(dev, 'POST', '/restart', { downMs: 300 })).status, 202);
    await waitFor('LiveKit down', async () => !(await fetch(`${dev.url}/control/state`).catch(() => undefined)));
    await new Promise((res) => setTimeout(res, 100)); // the egress suspended (right after the listener closed)
    release();
    await waitFor('the restart', async () => (await fetch(`${dev.url}/control/state`).catch(() => undefined))?.ok);
    await waitFor('two more segments', () => segmentUploads(prefix).filter((u) => u.name > held).length >= 2);
    await egress.stopEgress(info.egressId);
    const done = await waitStatus(info.egressId, EgressStatus.EGRESS_COMPLETE);
    const names = segmentUploads(prefix).map((u) => u.name);
    assert.deepEqual(names, [...new Set(names)], 'no segment number produced twice');
    assert.equal(Number(done.segmentResults[0]!.segmentCount), names.length, 'every uploaded segment counted');
  });
});
