// The CRC32C that guards stored segments: it must be Castagnoli's CRC (what Cloud Storage reports,
// base64 big-endian), the same whether a stream hands it one buffer or many, and the Storage
// client's validator must accept exactly the value Storage would report.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checksumTap, crc32cBase64, crc32cValidator } from '../../../src/store/object-checksum';

/** Bit-at-a-time CRC-32C (reflected polynomial 0x82F63B78): slow, obviously right, independent of the package. */
function referenceCrc32c(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const digestOf = (data: Buffer): string => {
  const v = crc32cValidator();
  v.update(data);
  return v.toString();
};

describe('object checksum (CRC32C)', () => {
  it('matches the RFC 3720 test vectors and the value Storage documents for "data"', () => {
    assert.equal(digestOf(Buffer.alloc(32)), crc32cBase64(0x8a9136aa));
    assert.equal(digestOf(Buffer.alloc(32, 0xff)), crc32cBase64(0x62a8ab43));
    assert.equal(digestOf(Buffer.from('123456789')), crc32cBase64(0xe3069283));
    assert.equal(digestOf(Buffer.from('data')), 'rth90Q==');
  });

  it('agrees with a bitwise reference on random data, however it is chunked', async () => {
    const data = randomBytes(300_001);
    const expected = crc32cBase64(referenceCrc32c(data));
    const tap = checksumTap();
    const chunks = [0, 1, 7, 4096, 65_536, 200_000, 300_001];
    await pipeline(
      Readable.from(chunks.slice(1).map((end, i) => data.subarray(chunks[i], end))),
      tap.stream,
      new Writable({ write: (_c, _e, done) => done() }),
    );
    assert.equal(tap.crc32c(), expected);
    assert.equal(tap.bytes(), data.length);
  });

  it('validates only the exact value: one flipped bit is refused', () => {
    const data = randomBytes(4096);
    const v = crc32cValidator();
    v.update(data);
    assert.ok(v.validate(crc32cBase64(referenceCrc32c(data))));
    data[100] ^= 0x01;
    assert.ok(!v.validate(crc32cBase64(referenceCrc32c(data))));
  });
});
