// Two buckets: egress writes plaintext only to the ingest bucket, the storage trigger listens only
// there and encrypts into the main bucket, and finalize leaves nothing of a recording behind in
// the ingest bucket. A recording made the real way: API → stand-in egress → trigger → finalize.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { GcsEmulatorUploader, type Uploader } from '../../../tools/livekit-dev/src/storage-upload';
import { callApi, tokensFor } from '../kit/api';
import { joinRoom } from '../kit/control';
import {
  bucket,
  db,
  eventually,
  HOSTING_URL,
  INGEST_BUCKET,
  ingestBucket,
  resetWorld,
  putObject,
} from '../kit/emulators';
import { startStandIn } from '../kit/livekit-dev';
import { realSegments } from '../kit/media';
import { createRecording, storedSegments, waitForFinalized, waitForStatus } from '../kit/recordings';
import { SEGMENT_SECONDS } from '../../src/domain/playback/playlist';
import { rawSegmentName, seq5 } from '../kit/names';

/** Every upload the stand-in's egress makes, with the bucket it went to. */
class RecordingUploader implements Uploader {
  readonly uploads: { bucket: string; name: string; sha256: string }[] = [];
  private readonly inner = new GcsEmulatorUploader(process.env.FIREBASE_STORAGE_EMULATOR_HOST!);

  async upload(bucketName: string, name: string, body: Buffer, contentType: string): Promise<void> {
    await this.inner.upload(bucketName, name, body, contentType);
    this.uploads.push({ bucket: bucketName, name, sha256: createHash('sha256').update(body).digest('hex') });
  }
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const looksLikeTs = (body: Buffer) => [0, 188, 376, 564].every((at) => body[at] === 0x47);

describe('two buckets: plaintext only in the ingest bucket', function () {
  this.timeout(180_000);
  const uploader = new RecordingUploader();
  let livekit: LiveKitDev;

  before(async () => {
    livekit = await startStandIn({ speed: 5, uploader });
  });
  after(() => livekit?.close());
  beforeEach(async () => {
    await livekit.reset();
    await livekit.webhooks.idle();
    await resetWorld();
    uploader.uploads.length = 0;
  });

  it('lands raw chunks and playlists only in the ingest bucket, ciphertext only in the main bucket, and empties the ingest bucket at finalize', async () => {
    const { admin } = await tokensFor('admin');
    await joinRoom('cardio-101', 'student1');
    const started = await callApi<{ recording: { id: string } }>('/meetings/meeting-cardio-101/recording/start', {
      token: admin,
      method: 'POST',
      body: {},
    });
    assert.equal(started.status, 201);
    const id = started.body.recording.id;
    await eventually(async () => (await storedSegments(id)).length >= 3, 60_000, 'three segments');
    assert.equal(
      (await callApi('/meetings/meeting-cardio-101/recording/stop', { token: admin, method: 'POST', body: {} })).status,
      200,
    );
    await waitForStatus(id, 'ready', 60_000);
    await waitForFinalized(id, 60_000);
    const stored = await storedSegments(id);

    // Egress wrote only to the ingest bucket: every segment, and its playlist after each one.
    const mine = uploader.uploads.filter((u) => u.name.startsWith(`ingest/${id}/`));
    assert.deepEqual([...new Set(uploader.uploads.map((u) => u.bucket))], [INGEST_BUCKET]);
    const rawSegments = mine.filter((u) => u.name.endsWith('.ts'));
    const playlists = mine.filter((u) => u.name.endsWith('.m3u8'));
    assert.deepEqual(
      rawSegments.map((u) => u.name).sort(),
      stored.map((seq) => rawSegmentName(id, seq)),
    );
    assert.ok(playlists.length >= rawSegments.length, 'the playlist is re-uploaded after every segment');

    // Egress's stills went to the ingest bucket too; the first became the poster.
    const images = mine.filter((u) => u.name.endsWith('.jpeg'));
    assert.equal(images[0]?.name, `ingest/${id}/poster_00000.jpeg`);

    // The main bucket holds the encrypted copies and the sealed poster, nothing else: no raw chunk, no
    // playlist, no plaintext. The forensic watermark is on by default: each segment's copies are its
    // variants A and B and its reference frames (functions/test/integration/forensic-ingest.spec.ts).
    const [mainObjects] = await bucket().getFiles();
    assert.deepEqual(
      mainObjects.map((f) => f.name).sort(),
      [
        `recordings/${id}/poster`,
        ...stored.map((seq) => `recordings/${id}/forensic/${seq5(seq)}.ref`),
        ...stored.flatMap((seq) => ['a', 'b'].map((v) => `recordings/${id}/segments/${seq5(seq)}.${v}.ts`)),
      ].sort(),
    );
    const plaintext = new Set(mine.map((u) => u.sha256));
    for (const file of mainObjects) {
      const [body] = await file.download();
      assert.ok(!plaintext.has(sha256(body)) && !looksLikeTs(body), `${file.name} is ciphertext`);
    }

    // Finalize deleted LiveKit's playlists; every raw chunk went when its copy was confirmed.
    await eventually(
      async () => (await ingestBucket().getFiles({ prefix: `ingest/${id}/` }))[0].length === 0,
      20_000,
      'the ingest bucket empty for the recording',
    );

    // Trigger invocations: one per object finalized in the bucket it listens to. Listening to the
    // main bucket too, every encrypted copy fired it once more, to be ignored. Per recorded hour:
    // the measured writes per segment (the playlist also once more at the end) times 3600 / 7.
    const segmentsPerHour = Math.round(3600 / SEGMENT_SECONDS);
    const perSegment = {
      ingest: (rawSegments.length + playlists.length - 1) / stored.length,
      main: (mainObjects.length - 1) / stored.length,
    };
    const hourBefore = Math.round(segmentsPerHour * (perSegment.ingest + perSegment.main)) + 1;
    const hourNow = Math.round(segmentsPerHour * perSegment.ingest) + 1;
    console.log(
      `      trigger invocations for ${stored.length} segments: ${rawSegments.length + playlists.length + mainObjects.length - 1} before, ${rawSegments.length + playlists.length} now (+${images.length} image(s));` +
        ` per recorded hour (${segmentsPerHour} segments): ${hourBefore} before, ${hourNow} now, ${hourBefore - hourNow} saved`,
    );
    // A marked recording (the default) stores three objects per segment: A, B and the reference.
    assert.equal(mainObjects.length - 1, 3 * stored.length, 'one invocation saved per object stored');

    // The poster is served, decrypted, to whoever may watch, privately; not to a student without access.
    const { student1, student4 } = await tokensFor('student1', 'student4');
    const poster = await fetch(`${HOSTING_URL}/api/recordings/${id}/poster`, {
      headers: { authorization: `Bearer ${student1}` },
    });
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    assert.match(poster.headers.get('cache-control') ?? '', /^private\b/);
    const jpeg = Buffer.from(await poster.arrayBuffer());
    assert.equal(sha256(jpeg), images[0]!.sha256, 'the first still, byte for byte');
    assert.deepEqual([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)], [0xff, 0xd8, 0xff, 0xd9]);
    const library = await callApi<{ recordings: { id: string; hasPoster: boolean }[] }>('/library', {
      token: student1,
    });
    assert.equal(library.body.recordings.find((r) => r.id === id)?.hasPoster, true);
    const refused = await callApi(`/recordings/${id}/poster`, { token: student4 });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error?.code, 'permission-denied');
    assert.equal((await callApi(`/recordings/${id}/poster`)).status, 401);
    assert.equal(
      (await callApi('/recordings/rec-none/poster', { token: student1 })).status,
      403,
      'no such recording: refused like no access',
    );
  });

  it('ignores writes to the main bucket, even under an ingest/ name', async () => {
    const { files } = realSegments();
    await createRecording('rec-main');
    await createRecording('rec-sentinel', { meetingId: 'meeting-neuro-201' });
    await putObject(bucket().file('ingest/rec-main/seg_00000.ts'), files[0], 'video/mp2t');
    // A chunk in the ingest bucket, uploaded after it, shows the trigger is live and has had its turn.
    await putObject(ingestBucket().file('ingest/rec-sentinel/seg_00000.ts'), files[0], 'video/mp2t');
    await eventually(async () => (await storedSegments('rec-sentinel')).length === 1, 30_000, 'the sentinel ingested');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(
      (await db().collection('recordings/rec-main/segments').get()).size,
      0,
      'nothing ingested from the main bucket',
    );
    assert.ok((await bucket().file('ingest/rec-main/seg_00000.ts').exists())[0], 'and nothing deleted there');
  });
});
