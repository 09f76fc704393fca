// The sweep's second run of what a trigger run that died left in the ingest bucket, made real by
// switching the background triggers off (the Emulator Hub's switch) while the objects land. This
// spec runs first in its lane (scripts/dev.mjs): switching the triggers off waits for every running
// function (each recording's watchdog call sleeps up to 30 s in the emulator), and switching them on
// re-loads every function and drops every idle worker. First, there is nothing to wait for or
// drop, and the rules specs that follow need no function, so the re-load is done before any spec
// needs a trigger again (docs/test-time.md).
import assert from 'node:assert/strict';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { ingestBucket, resetWorld } from '../kit/emulators';
import { startStandIn } from '../kit/livekit-dev';
import { realSegments, stillJpeg } from '../kit/media';
import { alerts, createRecording, recordingDoc } from '../kit/recordings';
import { sweep } from '../../src/services/livekit-sync/reconciliation';
import type { Recording } from '../../src/store/recordings';

describe('the sweep after a dead trigger run', () => {
  let livekit: LiveKitDev;
  before(async () => {
    livekit = await startStandIn(); // the sweep asks LiveKit which egresses are active
    await resetWorld({ forensicWatermark: false });
  });
  after(() => livekit?.close());

  // Found by the soak (docs/soak.md, seed 1): a functions worker killed while a captured image was
  // being made the poster left that picture of the lecture in plaintext in the ingest bucket; the
  // sweep re-drove only segments. The dead run is made real by switching background triggers off
  // (the Emulator Hub's switch) while the image is uploaded.
  // The soak's seed 47 likewise: a chunk that landed after its recording was finalized, whose run
  // died, was left for the bucket's 1-day lifecycle rule (the sweep skipped finalized recordings).
  it('the sweep drives again what a dead run left: a captured image becomes the poster, a finished recording’s late chunk is deleted; no plaintext left', async function () {
    this.timeout(120_000);
    const image = 'ingest/rec-poster/poster_00000.jpeg';
    const late = 'ingest/rec-finished/seg_00003.ts';
    await createRecording('rec-poster');
    await createRecording('rec-finished', {
      meetingId: 'meeting-neuro-201',
      status: 'incomplete',
      endedAtMs: Date.now() - 60_000,
      finalized: true,
    } as Partial<Recording>);
    const jpeg = stillJpeg('64x36');
    // Off for the whole test: the Storage emulator delivers its event a moment after the upload,
    // and the sweep runs here, in-process, not as a trigger.
    const hub = `http://${process.env['FIREBASE_EMULATOR_HUB']}/functions`;
    assert.ok((await fetch(`${hub}/disableBackgroundTriggers`, { method: 'PUT' })).ok);
    try {
      await ingestBucket().file(image).save(jpeg, { contentType: 'image/jpeg', resumable: false });
      await ingestBucket().file(late).save(realSegments().files[0]!, { contentType: 'video/mp2t', resumable: false });
      const uploadedAtMs = Date.now();
      assert.deepEqual((await sweep(uploadedAtMs + 30_000)).redriven, [], 'younger than 60 s: left to its own run');
      assert.ok((await ingestBucket().file(image).exists())[0]);
      assert.deepEqual((await sweep(uploadedAtMs + 61_000)).redriven.sort(), [late, image].sort());
      assert.equal((await recordingDoc('rec-poster'))?.posterType, 'image/jpeg', 'the image became the poster');
      assert.ok(!(await ingestBucket().file(image).exists())[0], 'no plaintext left');
      assert.ok(!(await ingestBucket().file(late).exists())[0], 'no plaintext left of the finished recording');
      const refused = (await alerts()).filter(
        (a) => a['kind'] === 'ingest-refused' && a['recordingId'] === 'rec-finished',
      );
      assert.equal(refused.length, 1, 'the late chunk alerted, as its own run would have');
      assert.equal((await recordingDoc('rec-finished'))?.['storedBytes'] ?? 0, 0, 'nothing counted');
    } finally {
      assert.ok((await fetch(`${hub}/enableBackgroundTriggers`, { method: 'PUT' })).ok);
    }
  });
});
