// Storage accounting seen by admins, and the threshold alert raised once per crossing.
import assert from 'node:assert/strict';
import { FieldValue } from 'firebase-admin/firestore';
import { callApi, tokensFor } from '../kit/api';
import { db, eventually, ingestBucket, resetWorld, putObject } from '../kit/emulators';
import { getRecording } from '../../src/store/recordings';
import { confirmSegment } from '../../src/store/segments';
import { USAGE_SHARDS } from '../../src/store/usage';
import { createRecording, totalUsage } from '../kit/recordings';
import { playlistTemplate } from '../../src/services/ingest/playlists';
import { checkUsageThreshold } from '../../src/services/storage/storage-usage';
import { PRICES_READ_ON, type MonthlyCostSummary as CostSummary } from '../../src/domain/storage/cost-model';

const segment = Buffer.alloc(188 * 5000, 0x47); // ~0.9 MB of TS-sized packets: content does not matter here
const confirmed = async (id: string) =>
  (await db().collection(`recordings/${id}/segments`).where('status', '==', 'confirmed').get()).size;

describe('storage accounting', function () {
  this.timeout(90_000);
  beforeEach(resetWorld);

  it('counts bytes per meeting and in total, alerts once when the threshold is crossed, and serves the live playlist', async () => {
    // Capacity 2 MB with the alert at 80 %: the second segment crosses it.
    await db().doc('settings/global').update({ storageCapacityBytes: 2_000_000, alertThresholdRatio: 0.8 });
    await createRecording('rec-usage', { meetingId: 'meeting-neuro-201' });
    for (const seq of [0, 1, 2]) {
      await putObject(ingestBucket().file(`ingest/rec-usage/seg_0000${seq}.ts`), segment, 'video/mp2t');
      await eventually(async () => (await confirmed('rec-usage')) === seq + 1, 30_000, `segment ${seq}`);
    }
    const alerts = (await db().collection('alerts').where('kind', '==', 'storage-threshold').get()).docs.map((d) =>
      d.get('message'),
    );
    assert.equal(alerts.length, 1, 'one alert for one crossing');
    assert.equal(alerts[0], 'Recordings use 1.8 MB of 1.9 MB (94 %, alert at 80 %).');

    const { admin, teacher2 } = await tokensFor('admin', 'teacher2');
    assert.equal((await callApi('/storage', { token: teacher2 })).status, 403);
    const summary = await callApi<{
      usedBytes: number;
      meetings: { meetingId: string; bytes: number }[];
      capacityBytes: number;
      costEstimate: CostSummary;
    }>('/storage', { token: admin });
    const rec = await getRecording('rec-usage');
    assert.equal(summary.body.usedBytes, rec?.storedBytes);
    assert.deepEqual(
      summary.body.meetings.map((m) => [m.meetingId, m.bytes]),
      [['meeting-neuro-201', rec?.storedBytes]],
    );
    // The monthly estimate: today's stored bytes and the last 30 days' activity (3 × 7 s recorded, nothing watched).
    const { costEstimate } = summary.body;
    assert.equal(costEstimate.pricesReadOn, PRICES_READ_ON);
    assert.equal(costEstimate.basis.storedBytes, rec?.storedBytes);
    assert.equal(costEstimate.basis.viewerHours, 0);
    assert.ok(
      Math.abs(costEstimate.basis.recordedHours - (rec?.storedSeconds ?? 0) / 3600) < 1e-9,
      `recorded hours ${costEstimate.basis.recordedHours}`,
    );
    // A few MB and a minute of recording stay inside every free tier but one: the sweep's Storage
    // listing of the ingest bucket, once a minute whatever is recorded (43,200 Class A a month).
    assert.deepEqual(
      costEstimate.lines.filter((l) => l.usd > 0).map((l) => l.key),
      ['storage-ops'],
      JSON.stringify(costEstimate.lines),
    );
    assert.ok(costEstimate.monthlyUsd > 0.1 && costEstimate.monthlyUsd < 0.25, `${costEstimate.monthlyUsd} USD`);
    assert.deepEqual(
      costEstimate.lines.map((l) => l.key),
      ['storage', 'storage-ops', 'firestore', 'functions', 'hosting', 'tasks', 'scheduler'],
    );

    const live = await playlistTemplate(rec!);
    assert.match(live!, /#EXT-X-PLAYLIST-TYPE:EVENT/);
    assert.doesNotMatch(live!, /ENDLIST/);
    assert.equal(live!.match(/\{\{seg:\d+\}\}/g)?.length, 3);
  });

  // usage/total once took every segment's increment: 50 recordings at one segment per 7 s are
  // 7 writes/s on one document, past the ~1/s Firestore sustains. The total is sharded now.
  it('sums many concurrent confirms exactly, spread over the shards, each segment once', async () => {
    const recordings = 40;
    const before = await totalUsage();
    await Promise.all(
      Array.from({ length: recordings }, (_, i) =>
        db()
          .doc(`recordings/rec-c${i}`)
          .set({ meetingId: `meeting-c${i}`, roomName: `room-c${i}`, status: 'recording', finalized: false }),
      ),
    );
    const bytesOf = (i: number, seq: number) => 100_000 + i * 10 + seq;
    // Two segments of each recording and a redelivery of the first, all at once: 120 confirms.
    const results = await Promise.all(
      Array.from({ length: recordings }, (_, i) =>
        [0, 1, 0].map((seq) =>
          confirmSegment(
            `rec-c${i}`,
            `meeting-c${i}`,
            seq,
            { bytes: bytesOf(i, seq), plainBytes: 1, crc32c: 'x' },
            7,
            Date.now(),
          ),
        ),
      ).flat(),
    );
    assert.equal(results.filter((r) => r === 'confirmed').length, recordings * 2, 'each segment counted once');
    const expectedBytes = Array.from({ length: recordings }, (_, i) => bytesOf(i, 0) + bytesOf(i, 1)).reduce(
      (a, b) => a + b,
      0,
    );
    const after = await totalUsage();
    assert.deepEqual([after.bytes - before.bytes, after.seconds - before.seconds], [expectedBytes, recordings * 2 * 7]);
    const shards = await db().collection('usage/total/shards').get();
    assert.ok(
      shards.size > 1 && shards.docs.every((d) => Number(d.id) < USAGE_SHARDS),
      `${shards.size} shards written`,
    );
    const meeting7 = (await db().doc('usageMeetings/meeting-c7').get()).data();
    assert.deepEqual([meeting7?.bytes, meeting7?.seconds], [bytesOf(7, 0) + bytesOf(7, 1), 14]);
    const { admin } = await tokensFor('admin');
    assert.equal(
      (await callApi<{ usedBytes: number }>('/storage', { token: admin })).body.usedBytes,
      after.bytes,
      'the dashboard sums the shards',
    );
  });

  // Two readers once had their own defaults: 5 TiB for the start guard, none (so never) for the alert.
  it('alerts at the default capacity when no capacity is set, the same capacity the dashboard shows', async () => {
    const defaultCapacity = 5 * 1024 ** 4;
    await db().doc('settings/global').update({ storageCapacityBytes: FieldValue.delete(), alertThresholdRatio: 0.8 });
    // Just under 80 % of the default: the next stored segment crosses the threshold.
    await db()
      .doc('usage/total')
      .set({ bytes: Math.floor(defaultCapacity * 0.8) - segment.length / 2, seconds: 0 });
    await createRecording('rec-default', { meetingId: 'meeting-neuro-201' });
    await putObject(ingestBucket().file('ingest/rec-default/seg_00000.ts'), segment, 'video/mp2t');
    const storageAlerts = async () =>
      (await db().collection('alerts').where('kind', '==', 'storage-threshold').get()).docs.map((d) =>
        d.get('message'),
      );
    const alerts = await eventually(
      async () => {
        const found = await storageAlerts();
        return found.length ? found : undefined;
      },
      30_000,
      'the storage-threshold alert',
    );
    assert.deepEqual(alerts, ['Recordings use 4.0 TB of 5.0 TB (80 %, alert at 80 %).']);
    assert.equal(await checkUsageThreshold(), false, 'still above: no second alert for the same crossing');
    assert.equal((await storageAlerts()).length, 1);

    const { admin } = await tokensFor('admin');
    const summary = await callApi<{ capacityBytes: number; alertThresholdRatio: number }>('/storage', { token: admin });
    assert.equal(summary.body.capacityBytes, defaultCapacity);
    assert.equal(summary.body.alertThresholdRatio, 0.8);
  });

  it('estimates the month from the last 30 days: hours recorded and hours watched, older ones left out', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const recording = {
      meetingId: 'meeting-neuro-201',
      roomName: 'neuro-201',
      status: 'ready',
      startedBy: 'u-admin',
      finalized: true,
    };
    await db()
      .doc('recordings/rec-recent')
      .set({ ...recording, createdAtMs: now - 2 * day, storedSeconds: 2 * 3600 });
    await db()
      .doc('recordings/rec-old')
      .set({ ...recording, createdAtMs: now - 40 * day, storedSeconds: 5 * 3600 });
    const session = {
      uid: 'u-student1',
      email: 'student1@lecturevault.dev',
      recordingId: 'rec-recent',
      expiresAtMs: now,
    };
    await db()
      .doc('playbackSessions/session-recent-1')
      .set({ ...session, createdAtMs: now - 3 * 3600_000, lastHeartbeatMs: now - 2 * 3600_000 });
    await db()
      .doc('playbackSessions/session-recent-2')
      .set({ ...session, createdAtMs: now - day, lastHeartbeatMs: now - day + 1800_000 });
    await db()
      .doc('playbackSessions/session-old')
      .set({ ...session, createdAtMs: now - 31 * day, lastHeartbeatMs: now - 31 * day + 3600_000 });
    const { admin } = await tokensFor('admin');
    const { body } = await callApi<{ costEstimate: CostSummary }>('/storage', { token: admin });
    assert.equal(body.costEstimate.basis.days, 30);
    assert.equal(body.costEstimate.basis.recordedHours, 2);
    assert.equal(body.costEstimate.basis.viewerHours, 1.5);
  });
});
