// Encrypted ingest: raw segments uploaded under ingest/ are encrypted (AES-128, IV = sequence
// number), confirmed, indexed, counted once and deleted; failures retry 2/4/8 s then alert;
// finished recordings get a compiled VOD playlist (with EXT-X-GAP where a segment is missing).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocumentReference, Transaction } from 'firebase-admin/firestore';
import { bucket, db, eventually, ingestBucket, resetWorld, putObject } from '../kit/emulators';
import { afterIngest, createRecording, recordingDoc, totalUsage } from '../kit/recordings';
import { realSegments } from '../kit/media';
import type { Recording } from '../../src/store/recordings';
import { recordingKey } from '../../src/store/keys';
import { segmentDecipher } from '../../src/domain/keys/segment-crypto';
import { ingestObject } from '../../src/services/ingest/segment-ingest';
import { openRawObject } from '../../src/store/ingest';
import { confirmSegment } from '../../src/store/segments';
import { maybeFinalize } from '../../src/services/ingest/finalize-recording';
import { rawSegmentName, sealedSegmentName, seq5 } from '../kit/names';

const newRecording = (id: string, extra: Partial<Recording> = {}) => createRecording(id, extra);

const rawName = rawSegmentName;
const upload = (name: string, body: Buffer | string, contentType = 'video/mp2t') =>
  putObject(ingestBucket().file(name), body, contentType);
const confirmedCount = async (id: string) =>
  (await db().collection(`recordings/${id}/segments`).where('status', '==', 'confirmed').get()).size;

/**
 * The sweep's forced finalize. The test's own status update fired recordingUpdated, whose finalize
 * may commit first once this one has listed the absent segments missing (both compile the same
 * playlist; seen once in a busy run), so the check is that the recording ends finalized, whichever
 * committed.
 */
async function forceFinalize(recordingId: string): Promise<void> {
  await maybeFinalize(recordingId, Date.now(), true);
  await eventually(
    async () => (await recordingDoc(recordingId))?.finalized === true,
    15_000,
    `${recordingId} finalized`,
  );
}

describe('encrypted ingest (storage trigger in the functions emulator)', function () {
  this.timeout(120_000);
  const { files, playlist } = realSegments();

  beforeEach(resetWorld);

  it('stores only ciphertext that decrypts to the exact original bytes, and deletes the raw chunks', async () => {
    await newRecording('rec-ingest');
    for (const [seq, body] of files.entries()) await upload(rawName('rec-ingest', seq), body);
    await eventually(
      async () => (await confirmedCount('rec-ingest')) === files.length,
      30_000,
      'all segments confirmed',
    );

    const key = await recordingKey('rec-ingest');
    for (const [seq, original] of files.entries()) {
      const [stored] = await bucket().file(sealedSegmentName('rec-ingest', seq)).download();
      const syncBytes = [0, 188, 376, 564].filter((at) => stored[at] === 0x47).length;
      assert.ok(syncBytes < 4, `segment ${seq} shows no MPEG-TS sync pattern`);
      const decipher = segmentDecipher(key, seq);
      assert.ok(
        Buffer.concat([decipher.update(stored), decipher.final()]).equals(original),
        `segment ${seq} decrypts to the original`,
      );
      const doc = (
        await db()
          .doc(`recordings/rec-ingest/segments/${seq5(seq)}`)
          .get()
      ).data()!;
      assert.equal(doc.bytes, stored.length);
      assert.equal(doc.plainBytes, original.length);
      // The end-to-end check: the CRC32C we computed on the way out is the one Storage holds.
      const [meta] = await bucket().file(sealedSegmentName('rec-ingest', seq)).getMetadata();
      assert.ok(doc.crc32c, `segment ${seq} records its CRC32C`);
      assert.equal(doc.crc32c, meta.crc32c);
    }
    await eventually(
      async () => (await ingestBucket().getFiles({ prefix: 'ingest/rec-ingest/' }))[0].length === 0,
      10_000,
      'raw chunks deleted',
    );

    const rec = await recordingDoc('rec-ingest');
    const storedTotal = (
      await Promise.all(
        files.map((_, seq) =>
          db()
            .doc(`recordings/rec-ingest/segments/${seq5(seq)}`)
            .get(),
        ),
      )
    ).reduce((sum, d) => sum + (d.get('bytes') as number), 0);
    assert.equal(rec?.storedBytes, storedTotal);
    assert.equal((await totalUsage()).bytes, storedTotal);
    assert.equal((await db().doc('usageMeetings/meeting-cardio-101').get()).get('bytes'), storedTotal);
  });

  it('reads a raw segment with the CRC32C Storage holds for it, so the read is checked (not silently skipped)', async () => {
    const name = rawName('rec-crc', 0);
    await upload(name, files[0]);
    const raw = openRawObject(name);
    for await (const _chunk of raw.stream); // drain
    const [meta] = await ingestBucket().file(name).getMetadata();
    assert.ok(meta.crc32c, 'Storage reports a CRC32C');
    assert.equal(raw.storedCrc32c(), meta.crc32c);
  });

  it('handles out-of-order arrival and redelivery: each segment counted once', async () => {
    await newRecording('rec-order');
    await upload(rawName('rec-order', 2), files[2]);
    await upload(rawName('rec-order', 0), files[0]);
    await eventually(async () => (await confirmedCount('rec-order')) === 2, 30_000, 'two confirmed');
    // The same event delivered twice at once (a retried trigger), then the last one arrives.
    await upload(rawName('rec-order', 1), files[1]);
    const [a, b] = await Promise.all([ingestObject(rawName('rec-order', 1)), ingestObject(rawName('rec-order', 1))]);
    assert.ok([a, b].includes('confirmed') || (await confirmedCount('rec-order')) === 3, `${a}/${b}`);
    await eventually(async () => (await confirmedCount('rec-order')) === 3, 30_000, 'three confirmed');
    await new Promise((r) => setTimeout(r, 2_000)); // let the trigger's own delivery finish too
    const rec = await recordingDoc('rec-order');
    assert.equal(rec?.confirmedSegments, 3);
    const docs = await db().collection('recordings/rec-order/segments').get();
    assert.equal(
      rec?.storedBytes,
      docs.docs.reduce((sum, d) => sum + (d.get('bytes') as number), 0),
    );
    assert.equal(await ingestObject(rawName('rec-order', 1)), 'duplicate');
  });

  it('retries a failing step after 2, 4 and 8 s, then alerts an admin and lists the segment missing', async () => {
    await newRecording('rec-fail');
    const slept: number[] = [];
    // The raw object is gone (a real storage read failure), under a controlled clock.
    const outcome = await ingestObject(rawName('rec-fail', 4), {
      nowMs: Date.now,
      sleep: async (ms) => void slept.push(ms),
      retryDelaysMs: [2_000, 4_000, 8_000],
    });
    assert.equal(outcome, 'missing');
    assert.deepEqual(slept, [2_000, 4_000, 8_000]);
    const segment = (await db().doc('recordings/rec-fail/segments/00004').get()).data();
    assert.equal(segment?.status, 'missing');
    const alerts = (await db().collection('alerts').where('recordingId', '==', 'rec-fail').get()).docs.map((d) =>
      d.data(),
    );
    assert.equal(alerts.length, 1);
    assert.match(
      alerts[0].message,
      /^Segment 4 of recording rec-fail \(meeting meeting-cardio-101\) could not be stored after 4 attempts: .+/,
    );

    // An empty chunk (an egress whose disk was full uploads one): nothing to store, listed missing
    // at once with that reason (the soak's full-spool harm found it stored as a broken segment).
    assert.equal(await ingestObject({ name: rawName('rec-fail', 5), sizeBytes: 0 }), 'missing');
    const empty = (await db().doc('recordings/rec-fail/segments/00005').get()).data();
    assert.equal(empty?.status, 'missing');
    assert.match(empty?.reason, /empty segment \(0 bytes\)/);
    assert.equal((await bucket().getFiles({ prefix: 'recordings/rec-fail/' }))[0].length, 0, 'nothing stored');
  });

  it('stores a segment the egress cut short mid-packet as uploaded, noting the damage and alerting once', async () => {
    // The soak's seed 19: the egress's disk filled while it wrote a segment, and it uploaded what it had.
    await newRecording('rec-cut');
    const cut = files.slice(0, 2).map((body) => body.subarray(0, Math.floor(body.length / 2 / 188) * 188 + 100));
    for (const [seq, body] of cut.entries()) await upload(rawName('rec-cut', seq), body);
    await eventually(
      async () => (await confirmedCount('rec-cut')) === 2,
      30_000,
      'both confirmed: what they hold plays',
    );
    const key = await recordingKey('rec-cut');
    for (const [seq, body] of cut.entries()) {
      const doc = (
        await db()
          .doc(`recordings/rec-cut/segments/${seq5(seq)}`)
          .get()
      ).data();
      assert.match(doc?.damage, /cut short mid-packet \(100 bytes past its last whole 188-byte packet;/);
      const [stored] = await bucket().file(sealedSegmentName('rec-cut', seq)).download();
      const decipher = segmentDecipher(key, seq);
      assert.ok(Buffer.concat([decipher.update(stored), decipher.final()]).equals(body), 'stored as uploaded');
    }
    const damaged = await eventually(
      async () => {
        const docs = (await db().collection('alerts').where('kind', '==', 'segment-damaged').get()).docs;
        return docs.length ? docs : undefined;
      },
      10_000,
      'the damage alerted',
    );
    assert.equal(damaged.length, 1, 'one alert for the recording');
    assert.match(damaged[0]!.get('message'), /of recording rec-cut .* cut short mid-packet/);
    assert.equal((await recordingDoc('rec-cut'))?.status, 'recording', 'the recording goes on');
  });

  it('compiles a VOD playlist with real durations once the recording is ready, and removes LiveKit’s playlists', async () => {
    await newRecording('rec-vod');
    for (const [seq, body] of files.entries()) await upload(rawName('rec-vod', seq), body);
    await upload('ingest/rec-vod/playlist.m3u8', playlist, 'application/x-mpegurl');
    await eventually(async () => (await confirmedCount('rec-vod')) === 3, 30_000, 'segments confirmed');
    await db().doc('recordings/rec-vod').update({ status: 'ready', egressSegmentCount: 3, endedAtMs: Date.now() });
    const compiled = await eventually(
      async () => (await db().doc('playlists/rec-vod').get()).data(),
      20_000,
      'compiled playlist',
    );
    assert.match(compiled.template, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.match(compiled.template, /#EXT-X-ENDLIST\n$/);
    assert.deepEqual(compiled.template.match(/#EXTINF:[\d.]+/g), ['#EXTINF:7.000', '#EXTINF:7.000', '#EXTINF:3.000']);
    assert.deepEqual(compiled.missing, []);
    const rec = await recordingDoc('rec-vod');
    assert.deepEqual([rec?.status, rec?.storedSeconds, rec?.finalized], ['ready', 17, true]);
    // LiveKit's playlists go right after the commit that marks the recording finalized.
    await eventually(
      async () => (await ingestBucket().getFiles({ prefix: 'ingest/rec-vod/' }))[0].length === 0,
      20_000,
      'no raw object left',
    );
    assert.equal(await maybeFinalize('rec-vod'), false, 'compiled once');
  });

  it('gives an incomplete recording a playable partial playlist with EXT-X-GAP for the missing segment', async () => {
    await newRecording('rec-gap');
    await upload(rawName('rec-gap', 0), files[0]);
    await upload(rawName('rec-gap', 2), files[2]);
    await eventually(async () => (await confirmedCount('rec-gap')) === 2, 30_000, 'segments confirmed');
    await db()
      .doc('recordings/rec-gap')
      .update({ status: 'ready', egressSegmentCount: 3, endedAtMs: Date.now() - 10 * 60_000 });
    // Segment 1 never arrives: the sweep finalizes after its grace period.
    assert.equal(await maybeFinalize('rec-gap'), false, 'waits for the missing segment');
    await forceFinalize('rec-gap');
    const compiled = (await db().doc('playlists/rec-gap').get()).data()!;
    assert.deepEqual(compiled.missing, [1]);
    assert.match(
      compiled.template,
      /\{\{seg:0\}\}\n#EXT-X-GAP\n#EXTINF:7\.000,\n\{\{seg:1\}\}\n#EXTINF:[\d.]+,\n\{\{seg:2\}\}/,
    );
    const rec = await recordingDoc('rec-gap');
    assert.deepEqual([rec?.status, rec?.reason], ['incomplete', 'upload-gap']);
    // The gap says why (the soak's seed 12: a forced finalize listed segments with no record).
    const record = (await db().doc('recordings/rec-gap/segments/00001').get()).data();
    assert.equal(record?.status, 'missing');
    assert.match(record?.reason, /not ingested within the grace period/);
  });

  it('finalizes a crashed egress’s recording only after the grace: a segment landing past its last report is kept', async () => {
    // The soak's seed 49: the egress crashed reporting 2 segments while its uploader still sent segment 2.
    await newRecording('rec-crash');
    await upload(rawName('rec-crash', 0), files[0]);
    await upload(rawName('rec-crash', 1), files[1]);
    await afterIngest(async () => (await confirmedCount('rec-crash')) === 2, 'segments 0 and 1 confirmed');
    await db().doc('recordings/rec-crash').update({
      status: 'incomplete',
      reason: 'egress-failed',
      egressSegmentCount: 2,
      endedAtMs: Date.now(),
    });
    assert.equal(await maybeFinalize('rec-crash'), false, 'a crashed egress’s count is not the end');
    await upload(rawName('rec-crash', 2), files[2]);
    await afterIngest(async () => (await confirmedCount('rec-crash')) === 3, 'the late segment confirmed');
    assert.equal((await recordingDoc('rec-crash'))?.finalized, false, 'its own run did not finalize it either');
    assert.equal(await maybeFinalize('rec-crash', Date.now(), true), true, 'the sweep’s forced finalize closes it');
    const compiled = (await db().doc('playlists/rec-crash').get()).data()!;
    assert.deepEqual([compiled.segmentCount, compiled.missing], [3, []]);
  });

  it('deletes what a dead run stored of a segment listed missing, and confirms nothing once finalized', async () => {
    // The soak's seed 114: a run sealed segment 1 and died before its confirm; the forced finalize listed it missing.
    await newRecording('rec-dead-run');
    await upload(rawName('rec-dead-run', 0), files[0]);
    await afterIngest(async () => (await confirmedCount('rec-dead-run')) === 1, 'segment 0 confirmed');
    const orphan = bucket().file(sealedSegmentName('rec-dead-run', 1));
    await orphan.save(Buffer.alloc(4096, 1)); // stands in for the ciphertext the dead run wrote
    await db()
      .doc('recordings/rec-dead-run')
      .update({ status: 'ready', egressSegmentCount: 2, endedAtMs: Date.now() - 10 * 60_000 });
    const before = await totalUsage();
    await forceFinalize('rec-dead-run');
    assert.deepEqual((await recordingDoc('rec-dead-run'))?.missingSegments, [1]);
    await eventually(async () => !(await orphan.exists())[0], 15_000, 'the uncounted object deleted');
    const [left] = await bucket().getFiles({ prefix: 'recordings/rec-dead-run/' });
    assert.deepEqual(
      left.map((f) => f.name),
      [sealedSegmentName('rec-dead-run', 0)],
      'only the confirmed segment stays',
    );

    // A run that stored segment 1 and confirms only now (its confirm waited on a lock) is refused.
    const late = await confirmSegment(
      'rec-dead-run',
      'meeting-cardio-101',
      1,
      { bytes: 4096, plainBytes: 4000, crc32c: 'x' },
      7,
      Date.now(),
    );
    assert.equal(late, 'closed');
    assert.deepEqual(await totalUsage(), before, 'nothing counted');
    // And the chunk itself, driven again, is refused and deleted with whatever its run stored.
    await orphan.save(Buffer.alloc(4096, 1));
    await upload(rawName('rec-dead-run', 1), files[1]);
    await afterIngest(
      async () => !(await orphan.exists())[0] && !(await ingestBucket().file(rawName('rec-dead-run', 1)).exists())[0],
      'the late chunk and what its run stored deleted',
    );
    assert.deepEqual(await totalUsage(), before, 'still nothing counted');
  });

  it('confirms a segment without reading the recording, whose lock would make a Stop wait on confirms', async () => {
    // The soak's seed 38: a read in a transaction holds its document's lock until the commit (the
    // Firestore emulator's locks, as production's), and a confirm that read the recording made the
    // teacher's Stop wait on every confirm under way until "Transaction lock timeout".
    await newRecording('rec-confirm-reads');
    const read: string[] = [];
    const get = Transaction.prototype.get;
    Transaction.prototype.get = function (this: Transaction, ...args: Parameters<Transaction['get']>) {
      const [target] = args;
      read.push(target instanceof DocumentReference ? target.path : 'a query');
      return get.apply(this, args);
    } as Transaction['get'];
    try {
      const stored = { bytes: 4096, plainBytes: 4000, crc32c: 'x' };
      const confirmed = await confirmSegment('rec-confirm-reads', 'meeting-cardio-101', 0, stored, 7, Date.now());
      assert.equal(confirmed, 'confirmed');
    } finally {
      Transaction.prototype.get = get;
    }
    assert.ok(read.includes('playlists/rec-confirm-reads'), `it reads the compiled playlist: ${read.join(', ')}`);
    assert.ok(!read.includes('recordings/rec-confirm-reads'), `it never reads the recording: ${read.join(', ')}`);
    assert.equal((await recordingDoc('rec-confirm-reads'))?.confirmedSegments, 1, 'and still counts on it');
  });
});

// Keep the helper honest: the generated segments really are MPEG-TS.
describe('ingest fixture', () => {
  it('generates three real MPEG-TS segments', () => {
    const { files } = realSegments();
    assert.equal(files.length, 3);
    for (const f of files) assert.equal(f[0], 0x47);
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'probe-')), 'a.ts');
    writeFileSync(probe, files[0]);
    assert.match(
      execFileSync('ffprobe', ['-v', 'error', '-show_streams', probe], { encoding: 'utf8' }),
      /codec_name=h264/,
    );
  });
});
