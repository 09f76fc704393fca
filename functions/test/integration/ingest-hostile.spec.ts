// Issue 14: the ingest trusts no object name. Whoever holds the egress credential can write any
// name and size into the ingest bucket; a crafted sequence number, an unknown or finished
// recording, or an oversized object is deleted with one admin alert per recording and reason, and
// the recording goes on unaffected. And the longest recording we accept still finalizes into one
// Firestore document.
import assert from 'node:assert/strict';
import { bucket, db, eventually, ingestBucket, resetWorld, putObject } from '../kit/emulators';
import { realSegments } from '../kit/media';
import { afterIngest, createRecording, recordingDoc, totalUsage } from '../kit/recordings';
import type { Recording } from '../../src/store/recordings';
import { redriveStrandedChunks } from '../../src/services/ingest/segment-ingest';
import { commitCompiledPlaylist, compiledPlaylist } from '../../src/store/playlists';
import { compilePlaylist, MAX_SEGMENTS, missingSegments } from '../../src/domain/playback/playlist';
import { MAX_SEGMENT_BYTES, UNCLAIMED_CHUNK_AFTER_MS } from '../../src/domain/ingest/ingest-limits';
import { MAX_POSTER_BYTES } from '../../src/domain/ingest/poster-image';
import { rawSegmentName, seq5 } from '../kit/names';

const MEETING = 'meeting-cardio-101';

const newRecording = (id: string, extra: Partial<Recording> = {}) =>
  createRecording(id, { meetingId: MEETING, ...extra });

const rawName = rawSegmentName;
const upload = (name: string, body: Buffer) => putObject(ingestBucket().file(name), body, 'video/mp2t');
const exists = async (name: string) => (await ingestBucket().file(name).exists())[0];
const refusals = async () =>
  (await db().collection('alerts').where('kind', '==', 'ingest-refused').get()).docs.map((d) => d.data());
/**
 * The refusal alerts once at least `count` are there: a refusal deletes the object first and
 * alerts after, and a loaded run that read the alerts as soon as the object was gone found none.
 */
const refusalsSeen = (count: number, recordingId?: string) =>
  eventually(
    async () => {
      const found = (await refusals()).filter((a) => !recordingId || a.recordingId === recordingId);
      return found.length >= count ? found : undefined;
    },
    30_000,
    `${count} refusal alert(s)`,
  );
const segmentIds = async (id: string) =>
  (await db().collection(`recordings/${id}/segments`).get()).docs.map((d) => d.id);

/** The recording's fields a refused object must leave as they were. */
const countersOf = async (id: string) => {
  const doc = await recordingDoc(id);
  return [doc?.status, doc?.confirmedSegments, doc?.storedBytes, doc?.finalized, await segmentIds(id)];
};

describe('ingest trusts no object name', function () {
  this.timeout(180_000);
  const { files } = realSegments();

  beforeEach(resetWorld);

  it('a sequence number past 24 h: deleted, alerted once, and the recording records on', async () => {
    await newRecording('rec-live');
    await upload(rawName('rec-live', 0), files[0]);
    await eventually(async () => (await segmentIds('rec-live')).length === 1, 30_000, 'segment 0 confirmed');
    const before = await countersOf('rec-live');

    for (const seq of [30_000, 200_000, MAX_SEGMENTS]) await upload(rawName('rec-live', seq), files[1]);
    await afterIngest(
      async () => !(await exists(rawName('rec-live', 30_000))) && !(await exists(rawName('rec-live', 200_000))),
      'crafted objects deleted',
    );
    await afterIngest(async () => !(await exists(rawName('rec-live', MAX_SEGMENTS))), 'seq 12,343 deleted');
    const alerts = await refusalsSeen(1);
    assert.equal(alerts.length, 1, 'one alert per recording and reason, not one per object');
    assert.equal(alerts[0].recordingId, 'rec-live');
    assert.match(alerts[0].message, /sequence number is beyond 12342/);
    assert.deepEqual(await countersOf('rec-live'), before, 'recording unaffected');

    // The last sequence number we accept, and the next real segment, still go in.
    await upload(rawName('rec-live', 1), files[1]);
    await upload(rawName('rec-live', MAX_SEGMENTS - 1), files[2]);
    await afterIngest(async () => (await segmentIds('rec-live')).length === 3, 'segments 1 and 12342 confirmed');
    assert.deepEqual(await segmentIds('rec-live'), ['00000', '00001', '12342']);
  });

  it('an oversized object: deleted unread, alerted, recording unaffected', async () => {
    await newRecording('rec-big');
    const before = await countersOf('rec-big');
    await upload(rawName('rec-big', 0), Buffer.alloc(MAX_SEGMENT_BYTES + 1, 0x47));
    await afterIngest(async () => !(await exists(rawName('rec-big', 0))), 'oversized object deleted', 40_000);
    const alerts = await refusalsSeen(1);
    assert.deepEqual(
      alerts.map((a) => [a.recordingId, a.meetingId]),
      [['rec-big', MEETING]],
    );
    assert.match(alerts[0].message, /larger than 64 MiB/);
    assert.deepEqual(await countersOf('rec-big'), before);
    assert.equal((await totalUsage()).bytes, 0, 'nothing counted');
  });

  it('a captured image that is not one (a script, a truncated JPEG, an oversized one): deleted, alerted, no poster', async () => {
    await newRecording('rec-img');
    const before = await countersOf('rec-img');
    const image = (n: number) => `ingest/rec-img/poster_${seq5(n)}.jpeg`;
    const put = (name: string, body: Buffer) => putObject(ingestBucket().file(name), body, 'image/jpeg');
    await put(image(0), Buffer.from('<html><script>alert(document.cookie)</script></html>'.padEnd(256)));
    await put(image(1), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096)])); // no end marker
    await put(
      image(2),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_POSTER_BYTES), Buffer.from([0xff, 0xd9])]),
    );
    await afterIngest(
      async () => !(await exists(image(0))) && !(await exists(image(1))) && !(await exists(image(2))),
      'hostile images deleted',
      40_000,
    );
    const alerts = await refusalsSeen(2);
    assert.deepEqual(
      alerts.map((a) => a.recordingId),
      ['rec-img', 'rec-img'],
    );
    const messages = alerts.map((a) => String(a.message)).sort();
    assert.match(messages.join('\n'), /not a whole JPEG or PNG/);
    assert.match(messages.join('\n'), /1 MiB \(a poster image\)/);
    assert.equal((await recordingDoc('rec-img'))?.posterType, undefined, 'no poster kept');
    assert.deepEqual(
      (await bucket().getFiles({ prefix: 'recordings/rec-img/' }))[0].map((f) => f.name),
      [],
    );
    assert.deepEqual(await countersOf('rec-img'), before, 'recording unaffected');
  });

  it('a finished recording: a late object is deleted and alerted; its playlist stays as compiled', async () => {
    await newRecording('rec-done', {
      status: 'ready',
      endedAtMs: Date.now() - 10 * 60_000,
      finalized: true,
      playlistCompiledAtMs: Date.now() - 9 * 60_000,
    } as Partial<Recording>);
    const before = await countersOf('rec-done');
    await upload(rawName('rec-done', 3), files[0]);
    await upload(rawName('rec-done', 4), files[1]);
    await eventually(
      async () => !(await exists(rawName('rec-done', 3))) && !(await exists(rawName('rec-done', 4))),
      30_000,
      'late objects deleted',
    );
    // Only this recording's: a refusal of an earlier test may still be on its way on a loaded machine.
    const alerts = await refusalsSeen(1, 'rec-done');
    assert.equal(alerts.length, 1, 'one alert for the recording and reason');
    assert.match(alerts[0].message, /no longer recording/);
    assert.deepEqual(await countersOf('rec-done'), before);
  });

  it('an unknown recording: kept while the sweep may adopt its egress, then deleted with one alert', async () => {
    const names = [rawName('rec-nobody', 0), rawName('rec-nobody-2', 0)];
    for (const name of names) await upload(name, files[0]);
    await new Promise((r) => setTimeout(r, 3_000)); // the trigger's own runs: they keep the chunks
    assert.ok((await exists(names[0])) && (await exists(names[1])), 'kept for adoption');
    assert.deepEqual(await refusals(), []);

    await redriveStrandedChunks(Date.now() + 61_000);
    assert.ok(await exists(names[0]), 'still kept a minute later');
    await redriveStrandedChunks(Date.now() + UNCLAIMED_CHUNK_AFTER_MS + 1_000);
    assert.ok(!(await exists(names[0])) && !(await exists(names[1])), 'deleted once nobody adopted them');
    const alerts = await refusals();
    assert.equal(alerts.length, 1, 'one alert for all made-up recording ids');
    assert.match(alerts[0].message, /no recording of that id exists/);
    assert.equal((await db().collection('recordings').get()).size, 0, 'no recording conjured up');
  });

  it('the longest recording accepted (24 h, every segment missing) still commits its playlist in one document', async () => {
    await newRecording('rec-24h', { status: 'incomplete', endedAtMs: Date.now() });
    const missing = missingSegments([], MAX_SEGMENTS);
    const template = compilePlaylist({
      segments: [],
      expectedCount: MAX_SEGMENTS,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    const won = await commitCompiledPlaylist(
      'rec-24h',
      MEETING,
      { template, segmentCount: 0, missing, compiledAtMs: Date.now() },
      0,
    );
    assert.equal(won, true);
    const stored = await compiledPlaylist('rec-24h');
    assert.equal(stored?.template.length, template.length);
    assert.equal(stored?.missing.length, MAX_SEGMENTS);
  });
});
