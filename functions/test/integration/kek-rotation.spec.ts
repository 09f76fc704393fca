// KEK rotation without losing a recording: a new version goes first in RECORDING_KEK, the admin's
// re-wrap moves every stored key to it (resumable, idempotent), and then the old version can be
// destroyed while old and new recordings still decrypt. Server code runs in-process, where the
// test sets RECORDING_KEK itself; the HTTP route is checked against the functions emulator.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import { callApi, tokensFor } from '../kit/api';
import { db, resetWorld } from '../kit/emulators';
import '../kit/recordings'; // sets the in-process params, RECORDING_KEK among them
import { segmentCipher, segmentDecipher } from '../../src/domain/keys/segment-crypto';
import { createKeyInBatch, recordingKey, rewrapKeyPage } from '../../src/store/keys';
import { rewrapRecordingKeys } from '../../src/services/keys/kek-rotation';
import { db as serverDb } from '../../src/store/firebase';

const OLD = process.env.RECORDING_KEK!; // the demo secret: a bare key, version "1"
const NEW = randomBytes(32).toString('base64');
const admin = { uid: 'u-admin', email: 'admin@lecturevault.dev' };

async function newKey(recordingId: string): Promise<Buffer> {
  const batch = serverDb().batch();
  createKeyInBatch(batch, recordingId, Date.now());
  await batch.commit();
  return recordingKey(recordingId);
}

function encryptOnce(key: Buffer, text: string): Buffer {
  const cipher = segmentCipher(key, 3);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}
function decrypt(key: Buffer, data: Buffer): string {
  const decipher = segmentDecipher(key, 3);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString();
}

describe('KEK rotation', () => {
  beforeEach(resetWorld);
  afterEach(() => (process.env.RECORDING_KEK = OLD));

  it('rotates: new keys take the new version, the re-wrap moves the old ones, then the old version can go', async () => {
    process.env.RECORDING_KEK = OLD;
    const oldKey = await newKey('rec-old');
    // As stored before versions existed: no kekVersion at all.
    await db().doc('recordingKeys/rec-old').update({ kekVersion: FieldValue.delete() });
    const oldSegment = encryptOnce(oldKey, 'a segment recorded before the rotation');

    process.env.RECORDING_KEK = `v2:${NEW},${OLD}`;
    const newKeyBytes = await newKey('rec-new');
    assert.equal((await db().doc('recordingKeys/rec-new').get()).get('kekVersion'), 'v2');
    assert.deepEqual(await recordingKey('rec-old'), oldKey, 'the old version still unwraps before the re-wrap');

    const result = await rewrapRecordingKeys(admin, null);
    assert.deepEqual(result, {
      currentVersion: 'v2',
      scanned: 2,
      rewrapped: 1,
      unreadable: [],
      next: null,
      done: true,
    });
    assert.equal((await db().doc('recordingKeys/rec-old').get()).get('kekVersion'), 'v2');
    assert.equal((await rewrapRecordingKeys(admin, null)).rewrapped, 0, 'a second run has nothing to do');

    process.env.RECORDING_KEK = `v2:${NEW}`; // the old version destroyed
    assert.equal(decrypt(await recordingKey('rec-old'), oldSegment), 'a segment recorded before the rotation');
    assert.deepEqual(await recordingKey('rec-new'), newKeyBytes);
    const audit = (await db().collection('auditLog').where('action', '==', 'kek-rewrap').get()).docs.map((d) =>
      d.data(),
    );
    assert.equal(audit.length, 2);
    assert.ok(audit.every((e) => e.outcome === 'ok' && e.uid === 'u-admin'));
  });

  it('destroying the old version too early is refused loudly, and the re-wrap names what it cannot read', async () => {
    process.env.RECORDING_KEK = OLD;
    await newKey('rec-old');
    process.env.RECORDING_KEK = `v2:${NEW}`;
    await assert.rejects(recordingKey('rec-old'), /KEK version 1, which RECORDING_KEK no longer holds/);
    const result = await rewrapRecordingKeys(admin, null);
    assert.deepEqual(result.unreadable, ['rec-old']);
    assert.equal(result.rewrapped, 0);
    assert.equal(
      (await db().doc('recordingKeys/rec-old').get()).get('kekVersion'),
      '1',
      'the unreadable key is left as it was',
    );
    process.env.RECORDING_KEK = `v2:${NEW},${OLD}`; // putting the old version back recovers it
    assert.equal((await rewrapRecordingKeys(admin, null)).rewrapped, 1);
  });

  it('works page by page and resumes where it stopped', async () => {
    process.env.RECORDING_KEK = OLD;
    const keys = [await newKey('rec-a'), await newKey('rec-b'), await newKey('rec-c')];
    process.env.RECORDING_KEK = `v2:${NEW},${OLD}`;
    const first = await rewrapKeyPage(null, 2, Date.now());
    assert.deepEqual([first.scanned, first.rewrapped, first.next], [2, 2, 'rec-b']);
    const second = await rewrapKeyPage(first.next, 2, Date.now());
    assert.deepEqual([second.scanned, second.rewrapped, second.next], [1, 1, null]);
    process.env.RECORDING_KEK = `v2:${NEW}`;
    assert.deepEqual([await recordingKey('rec-a'), await recordingKey('rec-b'), await recordingKey('rec-c')], keys);
  });

  it('POST /api/admin/kek/rewrap: admins only, a bad body is a 400', async () => {
    const { admin: adminToken, student1 } = await tokensFor('admin', 'student1');
    assert.equal((await callApi('/admin/kek/rewrap', { token: student1, method: 'POST', body: {} })).status, 403);
    assert.equal((await callApi('/admin/kek/rewrap', { method: 'POST', body: {} })).status, 401);
    assert.equal(
      (await callApi('/admin/kek/rewrap', { token: adminToken, method: 'POST', body: { after: '../x' } })).status,
      400,
    );
    const ok = await callApi('/admin/kek/rewrap', { token: adminToken, method: 'POST', body: {} });
    assert.equal(ok.status, 200);
    assert.deepEqual({ version: ok.body.currentVersion, done: ok.body.done }, { version: '1', done: true });
  });
});
