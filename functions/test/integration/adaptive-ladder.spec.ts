// Issue 27, the adaptive ladder end to end: a short marked lecture recorded with the ladder on is
// stored as every rung (A and B of each video rung, audio only), its storage counts them all, and a
// viewer's session gets a multivariant playlist an independent parser reads, one media playlist per
// rung with the same key and the same receipts, and every rung decodes at its own picture size as
// one continuous stream. The admin setting that picks the ladder is admin-only and audited.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as HLS from 'hls-parser';
import { DELIVERY_RECEIPT_HEADER } from '@lecturevault/contract';
import { callApi, tokensFor } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { lectureSegments } from '../kit/media';
import { readyRecording, recordingDoc } from '../kit/recordings';
import { segmentDecipher } from '../../src/domain/keys/segment-crypto';

const run = promisify(execFile);
const REC = 'rec-ladder';

interface Rung {
  uri: string;
  resolution?: { width: number; height: number };
  /** The rung's decrypted segments, concatenated. */
  stream: Buffer;
  receipts: string[];
  keyUris: string[];
}

async function probe(file: string): Promise<{ codec_type: string; width?: number; height?: number }[]> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,width,height',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(stdout) as { streams: { codec_type: string; width?: number; height?: number }[] }).streams;
}

describe('the adaptive ladder: ingest, storage and delivery of every rung', function () {
  this.timeout(240_000);
  let token: string;
  let rungs: Rung[];
  let multivariant: HLS.types.MasterPlaylist;
  let multivariantUrl: URL;

  const get = (url: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    await resetWorld({ ladder: 'full' });
    // 640×360 like the stand-in's egress: a source from which the ladder makes 234p and audio only.
    await readyRecording(REC, { files: lectureSegments(9).files, forensicMark: true, ladder: 'full' });
    ({ student1: token } = await tokensFor('student1'));
    const session = await callApi<{ multivariantUrl: string }>(`/recordings/${REC}/sessions`, {
      token,
      method: 'POST',
      body: {},
    });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    multivariantUrl = new URL(session.body.multivariantUrl, HOSTING_URL);
    const text = await (await get(multivariantUrl.href)).text();
    multivariant = HLS.parse(text) as HLS.types.MasterPlaylist;
    // The key once (it is rate limited per viewer): every rung names the same one.
    let key: Buffer | undefined;
    rungs = [];
    for (const variant of multivariant.variants) {
      const playlistUrl = new URL(variant.uri, multivariantUrl);
      const media = HLS.parse(await (await get(playlistUrl.href)).text()) as HLS.types.MediaPlaylist;
      const parts: Buffer[] = [];
      const receipts: string[] = [];
      assert.ok(!media.segments.some((s) => s.gap), `${variant.uri}: no gaps`);
      for (const segment of media.segments) {
        const keyUrl = new URL(segment.key!.uri!, playlistUrl);
        key ??= Buffer.from(await (await get(keyUrl.href)).arrayBuffer());
        const res = await get(new URL(segment.uri, playlistUrl).href);
        assert.equal(res.status, 200, `${segment.uri}`);
        receipts.push(res.headers.get(DELIVERY_RECEIPT_HEADER) ?? '');
        const decipher = segmentDecipher(key, segment.mediaSequenceNumber);
        parts.push(Buffer.concat([decipher.update(Buffer.from(await res.arrayBuffer())), decipher.final()]));
      }
      rungs.push({
        uri: variant.uri,
        resolution: variant.resolution,
        stream: Buffer.concat(parts),
        receipts,
        keyUris: media.segments.map((s) => new URL(s.key!.uri!, playlistUrl).href),
      });
    }
  });

  it('lists every rung as a variant: source, 234p and audio only, with measured bit rates and codecs', () => {
    assert.deepEqual(
      multivariant.variants.map((v) => [v.uri, v.resolution?.height, v.codecs]),
      [
        ['playlist.m3u8', 360, 'avc1.64001e,mp4a.40.2'],
        ['rungs/r234.m3u8', 234, 'avc1.64001e,mp4a.40.2'],
        ['rungs/audio.m3u8', undefined, 'mp4a.40.2'],
      ],
    );
    for (const v of multivariant.variants) assert.ok(v.averageBandwidth! > 0 && v.averageBandwidth! <= v.bandwidth);
    const [source, low, audio] = multivariant.variants;
    assert.ok(source!.averageBandwidth! > low!.averageBandwidth! && low!.averageBandwidth! > audio!.averageBandwidth!);
  });

  it('narrows the multivariant playlist to audio only on request (the player’s "Audio only"), and refuses another narrowing', async () => {
    const audioOnly = HLS.parse(
      await (await get(`${multivariantUrl.href}?only=audio`)).text(),
    ) as HLS.types.MasterPlaylist;
    assert.deepEqual(
      audioOnly.variants.map((v) => [v.uri, v.codecs]),
      [['rungs/audio.m3u8', 'mp4a.40.2']],
    );
    const refused = await get(`${multivariantUrl.href}?only=video`);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /only/);
  });

  it('decodes every rung at its own picture size as one continuous stream, with no packet taken for lost', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ladder-'));
    for (const rung of rungs) {
      const file = path.join(dir, rung.uri.replace(/\W/g, '_') + '.ts');
      writeFileSync(file, rung.stream);
      const streams = await probe(file);
      const video = streams.find((s) => s.codec_type === 'video');
      if (rung.resolution)
        assert.deepEqual([video?.width, video?.height], [rung.resolution.width, rung.resolution.height]);
      else assert.equal(video, undefined, 'audio only has no picture');
      assert.ok(
        streams.some((s) => s.codec_type === 'audio'),
        `${rung.uri} has audio`,
      );
      // Every frame decodes; the segments' own muxes restart their continuity counters, which they flag.
      const { stderr } = await run('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
      assert.doesNotMatch(stderr, /corrupt/i, `${rung.uri}: ${stderr}`);
    }
  });

  it('serves every rung under the one key with the same receipts, so watched time is the same whatever the rung', () => {
    const [source, ...others] = rungs;
    for (const rung of others) {
      assert.deepEqual(rung.receipts, source!.receipts, `${rung.uri}: the receipts of the source rung`);
      assert.deepEqual(new Set(rung.keyUris), new Set(source!.keyUris), `${rung.uri}: the same key`);
    }
  });

  it('counts every rung in storage, the ladder’s share apart', async () => {
    const recording = (await recordingDoc(REC))!;
    const docs = (await db().collection(`recordings/${REC}/segments`).get()).docs.map((d) => d.data());
    const ladderBytes = docs.flatMap((d) => d.ladder.rungs).reduce((sum, r: { bytes: number }) => sum + r.bytes, 0);
    assert.ok(ladderBytes > 0);
    assert.equal(recording.ladderBytes, ladderBytes);
    assert.equal(
      recording.storedBytes,
      docs.reduce((sum, d) => sum + d.bytes, 0),
    );
    for (const d of docs)
      assert.equal(
        d.bytes,
        d.variants.a.bytes +
          d.variants.b.bytes +
          d.variants.ref.bytes +
          d.ladder.rungs.reduce((s: number, r: { bytes: number }) => s + r.bytes, 0),
      );
    const storage = await callApi<{ ladderBytes: number }>('/storage', {
      token: (await tokensFor('admin')).admin,
    });
    assert.equal(storage.status, 200);
    assert.equal(storage.body.ladderBytes, ladderBytes);
  });

  it('lets only an admin pick the ladder of new recordings, audited, and refuses a ladder it does not know', async () => {
    const t = await tokensFor('admin', 'teacher1');
    const put = (who: string, body: unknown) => callApi('/settings/ladder', { token: who, method: 'PUT', body });
    assert.equal((await put(t.teacher1, { ladder: 'source-only' })).status, 403);
    const bad = await put(t.admin, { ladder: 'ultra' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error!.message, /full|source-only/);
    assert.equal((await db().doc('settings/global').get()).get('ladder'), 'full');
    assert.equal((await put(t.admin, { ladder: 'source-only' })).status, 200);
    assert.equal((await db().doc('settings/global').get()).get('ladder'), 'source-only');
    const audit = (await db().collection('auditLog').where('action', '==', 'set-ladder').get()).docs.map((d) => [
      d.get('outcome'),
      d.get('reason'),
    ]);
    assert.deepEqual(audit.sort(), [
      ['denied', 'not-admin'],
      ['ok', 'source-only'],
    ]);
  });
});
