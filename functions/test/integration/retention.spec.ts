// Retention and deletion leave nothing behind: objects, segment docs, playlist, key, recording
// doc, usage; each deletion is audited; the daily job works in batches, resumes and can run twice.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { bucket, db, resetWorld, putObject } from '../kit/emulators';
import { auditActions, createRecording, recordingDoc, totalUsage } from '../kit/recordings';
import { enforceRetention } from '../../src/services/recording/retention';

const DAY = 86_400_000;

/** A finished recording with two stored segments, its docs, playlist and usage, as ingest leaves them. */
async function finishedRecording(id: string, endedAtMs: number): Promise<void> {
  await createRecording(id, { status: 'starting', createdAtMs: endedAtMs - 60_000 });
  await db().doc(`recordings/${id}`).update({
    status: 'ready',
    endedAtMs,
    storedBytes: 2000,
    storedSeconds: 14,
    finalized: true,
    playlistCompiledAtMs: endedAtMs,
  });
  await db().doc(`locks/meeting-cardio-101`).delete();
  for (const seq of [0, 1]) {
    await putObject(bucket().file(`recordings/${id}/segments/0000${seq}.ts`), Buffer.alloc(1000, seq));
    await db().doc(`recordings/${id}/segments/0000${seq}`).set({ seq, status: 'confirmed', bytes: 1000 });
  }
  await db()
    .doc(`playlists/${id}`)
    .set({ template: '#EXTM3U\n', segmentCount: 2, missing: [], compiledAtMs: endedAtMs });
  const add = { bytes: (await db().doc('usage/total').get()).get('bytes') ?? 0 };
  await db()
    .doc('usage/total')
    .set({ bytes: add.bytes + 2000, seconds: 14 }, { merge: true });
}

async function leftovers(id: string): Promise<string[]> {
  const found: string[] = [];
  if ((await bucket().getFiles({ prefix: `recordings/${id}/` }))[0].length) found.push('objects');
  if (!(await db().collection(`recordings/${id}/segments`).get()).empty) found.push('segment docs');
  for (const path of [`recordings/${id}`, `playlists/${id}`, `recordingKeys/${id}`])
    if ((await db().doc(path).get()).exists) found.push(path);
  return found;
}

describe('retention and deletion', () => {
  beforeEach(resetWorld);

  it('an admin deletes a recording: nothing is left, usage drops, the deletion is audited', async () => {
    await finishedRecording('rec-del', Date.now() - DAY);
    const { admin, teacher1, student1 } = await tokensFor('admin', 'teacher1', 'student1');
    for (const token of [teacher1, student1])
      assert.equal((await callApi('/recordings/rec-del', { token, method: 'DELETE' })).status, 403);
    assert.deepEqual(
      await leftovers('rec-del'),
      ['objects', 'segment docs', 'recordings/rec-del', 'playlists/rec-del', 'recordingKeys/rec-del'],
      'refused deletes changed nothing',
    );
    assert.equal((await callApi('/recordings/rec-del', { token: admin, method: 'DELETE' })).status, 204);
    assert.deepEqual(await leftovers('rec-del'), []);
    assert.equal((await totalUsage()).bytes, 0);
    const entries = await auditActions({ recordingId: 'rec-del' });
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome]),
      [
        ['delete', 'denied'],
        ['delete', 'denied'],
        ['delete', 'ok'],
      ],
    );
    assert.equal((await callApi('/recordings/rec-del', { token: admin, method: 'DELETE' })).status, 404);
  });

  it('refuses to delete a recording that is still running', async () => {
    await createRecording('rec-live');
    const { admin } = await tokensFor('admin');
    const reply = await callApi('/recordings/rec-live', { token: admin, method: 'DELETE' });
    assert.deepEqual([reply.status, reply.body.error?.code], [409, 'recording-active']);
    assert.ok(await recordingDoc('rec-live'));
  });

  it('the daily job deletes what the policy and manual expiries say, in batches, and is safe to run twice', async () => {
    const now = Date.now();
    await finishedRecording('rec-old-1', now - 91 * DAY);
    await finishedRecording('rec-old-2', now - 95 * DAY);
    await finishedRecording('rec-old-3', now - 120 * DAY);
    await finishedRecording('rec-recent', now - 10 * DAY);
    await finishedRecording('rec-expired', now - 5 * DAY);
    const { admin } = await tokensFor('admin');
    assert.equal(
      (
        await callApi('/recordings/rec-expired/expiry', {
          token: admin,
          method: 'PUT',
          body: { expiresAtMs: now - 1000 },
        })
      ).status,
      200,
    );

    const first = await enforceRetention(now, 2);
    assert.equal(first.deleted.length, 2);
    assert.equal(first.more, true);
    let rest = await enforceRetention(now, 2);
    const all = [...first.deleted, ...rest.deleted];
    while (rest.more && rest.deleted.length) all.push(...(rest = await enforceRetention(now, 2)).deleted);
    assert.deepEqual(all.sort(), ['rec-expired', 'rec-old-1', 'rec-old-2', 'rec-old-3']);
    assert.deepEqual((await enforceRetention(now, 2)).deleted, [], 'a second run finds nothing to do');
    assert.ok(await recordingDoc('rec-recent'));
    for (const id of all) assert.deepEqual(await leftovers(id), [], id);
    assert.equal((await totalUsage()).bytes, 2000);
  });

  it('a shorter retention policy applies at the next run; bad values are refused', async () => {
    const now = Date.now();
    await finishedRecording('rec-45d', now - 45 * DAY);
    const { admin, teacher1 } = await tokensFor('admin', 'teacher1');
    assert.equal(
      (await callApi('/settings/retention', { token: teacher1, method: 'PUT', body: { days: 30 } })).status,
      403,
    );
    const bad = await callApi('/settings/retention', { token: admin, method: 'PUT', body: { days: 45 } });
    assert.deepEqual([bad.status, bad.body.error?.message], [400, 'days: must be 30, 60 or 90']);
    assert.deepEqual((await enforceRetention(now)).deleted, []);
    assert.equal(
      (await callApi('/settings/retention', { token: admin, method: 'PUT', body: { days: 30 } })).status,
      200,
    );
    assert.deepEqual((await enforceRetention(now)).deleted, ['rec-45d']);
  });

  it('resumes a deletion that was cut short', async () => {
    await finishedRecording('rec-half', Date.now() - DAY);
    // As if a previous run marked it, counted it out of usage, then died.
    await db()
      .doc('recordings/rec-half')
      .update({ deletingAtMs: Date.now() - 1000 });
    assert.deepEqual((await enforceRetention()).deleted, ['rec-half']);
    assert.deepEqual(await leftovers('rec-half'), []);
    assert.equal((await totalUsage()).bytes, 2000, 'not subtracted twice');
  });
});
