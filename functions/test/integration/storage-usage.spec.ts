// Storage accounting seen by admins, and the threshold alert raised once per crossing.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../support/api';
import { bucket, db, eventually, resetWorld } from '../support/emulators';
import '../support/recordings';
import { claimAndCreate, getRecording } from '../../src/store/recordings';
import { playlistTemplate } from '../../src/services/playlists';

const segment = Buffer.alloc(188 * 5000, 0x47); // ~0.9 MB of TS-sized packets: content does not matter here
const confirmed = async (id: string) => (await db().collection(`recordings/${id}/segments`).where('status', '==', 'confirmed').get()).size;

describe('storage accounting', function () {
  this.timeout(90_000);
  beforeEach(resetWorld);

  it('counts bytes per meeting and in total, alerts once when the threshold is crossed, and serves the live playlist', async () => {
    // Capacity 2 MB with the alert at 80 %: the second segment crosses it.
    await db().doc('settings/global').update({ storageCapacityBytes: 2_000_000, alertThresholdRatio: 0.8 });
    assert.ok(await claimAndCreate({ id: 'rec-usage', meetingId: 'meeting-neuro-201', roomName: 'neuro-201', status: 'recording', createdAtMs: Date.now(), startedBy: 'u-admin', finalized: false }));
    for (const seq of [0, 1, 2]) {
      await bucket().file(`ingest/rec-usage/seg_0000${seq}.ts`).save(segment, { contentType: 'video/mp2t', resumable: false });
      await eventually(async () => (await confirmed('rec-usage')) === seq + 1, 30_000, `segment ${seq}`);
    }
    const alerts = (await db().collection('alerts').where('kind', '==', 'storage-threshold').get()).docs.map((d) => d.get('message'));
    assert.equal(alerts.length, 1, 'one alert for one crossing');
    assert.equal(alerts[0], 'Recordings use 1.8 MB of 1.9 MB (94 %, alert at 80 %).');

    const { admin, teacher2 } = await tokensFor('admin', 'teacher2');
    assert.equal((await callApi('/storage', { token: teacher2 })).status, 403);
    const summary = await callApi<{ usedBytes: number; meetings: { meetingId: string; bytes: number }[]; capacityBytes: number }>('/storage', { token: admin });
    const rec = await getRecording('rec-usage');
    assert.equal(summary.body.usedBytes, rec?.storedBytes);
    assert.deepEqual(summary.body.meetings.map((m) => [m.meetingId, m.bytes]), [['meeting-neuro-201', rec?.storedBytes]]);

    const live = await playlistTemplate(rec!);
    assert.match(live!, /#EXT-X-PLAYLIST-TYPE:EVENT/);
    assert.doesNotMatch(live!, /ENDLIST/);
    assert.equal(live!.match(/\{\{seg:\d+\}\}/g)?.length, 3);
  });
});
