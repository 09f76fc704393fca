import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  encryptedSize,
  kekFromSecret,
  newRecordingKey,
  segmentCipher,
  sequenceIv,
  unwrapKey,
  wrapKey,
} from '../../../../src/domain/keys/segment-crypto';

const kek = randomBytes(32);

describe('segment encryption (RFC 8216 AES-128)', () => {
  it('is decrypted by openssl with the key and the sequence-number IV to the exact bytes', () => {
    const key = newRecordingKey();
    for (const [seq, size] of [
      [0, 188 * 1000],
      [41, 1_600_003],
      [1542, 15],
    ] as const) {
      const plain = randomBytes(size);
      const cipher = segmentCipher(key, seq);
      const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
      assert.equal(encrypted.length, encryptedSize(size));
      assert.notDeepEqual(encrypted.subarray(0, 32), plain.subarray(0, 32));
      const decrypted = execFileSync(
        'openssl',
        ['enc', '-d', '-aes-128-cbc', '-K', key.toString('hex'), '-iv', sequenceIv(seq).toString('hex')],
        { input: encrypted, maxBuffer: 8 * 1024 * 1024 },
      );
      assert.ok(decrypted.equals(plain), `segment ${seq}`);
    }
  });

  it('uses the media sequence number as a 128-bit big-endian IV', () => {
    assert.equal(sequenceIv(0).toString('hex'), '0'.repeat(32));
    assert.equal(sequenceIv(1542).toString('hex'), '0'.repeat(28) + '0606');
  });

  it('wraps keys so only the same KEK and recording id unwrap them', () => {
    const key = newRecordingKey();
    const wrapped = wrapKey(key, kek, 'rec-1');
    assert.ok(!Buffer.from(wrapped, 'base64').includes(key), 'the key does not appear in the wrapped form');
    assert.ok(unwrapKey(wrapped, kek, 'rec-1').equals(key));
    assert.throws(() => unwrapKey(wrapped, randomBytes(32), 'rec-1'));
    assert.throws(() => unwrapKey(wrapped, kek, 'rec-2'), 'bound to its recording');
    assert.notEqual(wrapKey(key, kek, 'rec-1'), wrapped, 'a fresh nonce each time');
  });

  it('refuses a KEK that is not 32 bytes', () => {
    assert.throws(() => kekFromSecret(Buffer.alloc(16).toString('base64')), /32 bytes/);
    assert.equal(kekFromSecret(kek.toString('base64')).length, 32);
  });
});
