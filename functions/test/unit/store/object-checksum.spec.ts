// The CRC32C that guards stored segments: it must be Castagnoli's CRC (what Cloud Storage reports,
// base64 big-endian), the same whether a stream hands it one buffer or many, and the Storage
// client's validator must accept exactly the value Storage would report.
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32cBase64, crc32cValidator, sealingStream } from '../../../src/store/object-checksum';

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

  it('seals a stream: the CRC32C and sizes of exactly the ciphertext it emits, however the input is chunked', async () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const plain = randomBytes(300_001);
    const sealed = sealingStream(createCipheriv('aes-128-cbc', key, iv));
    const out: Buffer[] = [];
    const cuts = [0, 1, 7, 4096, 65_536, 200_000, 300_001];
    await pipeline(
      Readable.from(cuts.slice(1).map((end, i) => plain.subarray(cuts[i], end))),
      sealed.stream,
      new Writable({ write: (chunk: Buffer, _e, done) => (out.push(chunk), done()) }),
    );
    const ciphertext = Buffer.concat(out);
    assert.equal(sealed.crc32c(), crc32cBase64(referenceCrc32c(ciphertext)));
    assert.equal(sealed.bytes(), ciphertext.length);
    assert.equal(sealed.plainBytes(), plain.length);
    assert.equal(ciphertext.length, 300_016, 'PKCS#7 pads to the next block');
    const decipher = createDecipheriv('aes-128-cbc', key, iv);
    assert.ok(Buffer.concat([decipher.update(ciphertext), decipher.final()]).equals(plain));
  });

  it('with 2 MiB buffers (as ingest runs it) emits the same ciphertext as with the default ones', async () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const plain = randomBytes(1_600_000);
    const sealOnce = async (highWaterMark?: number) => {
      const out: Buffer[] = [];
      const sealed = sealingStream(createCipheriv('aes-128-cbc', key, iv), undefined, highWaterMark);
      await pipeline(
        Readable.from(
          [0, 65_536, 700_000, 1_600_000].slice(1).map((end, i, ends) => plain.subarray(i ? ends[i - 1] : 0, end)),
        ),
        sealed.stream,
        new Writable({ write: (chunk: Buffer, _e, done) => (out.push(chunk), done()) }),
      );
      return { ciphertext: Buffer.concat(out), crc32c: sealed.crc32c() };
    };
    const big = await sealOnce(2 * 1024 * 1024);
    const small = await sealOnce();
    assert.equal(big.ciphertext.length, 1_600_016);
    assert.ok(big.ciphertext.equals(small.ciphertext));
    assert.equal(big.crc32c, crc32cBase64(referenceCrc32c(big.ciphertext)));
  });

  it('checks its input against the CRC32C Storage reported, and fails before its last block when they differ', async () => {
    const plain = randomBytes(100_000);
    const run = async (expected: string) => {
      const out: Buffer[] = [];
      const sealed = sealingStream(createCipheriv('aes-128-cbc', randomBytes(16), randomBytes(16)), () => expected);
      const done = pipeline(
        Readable.from([plain.subarray(0, 60_000), plain.subarray(60_000)]),
        sealed.stream,
        new Writable({ write: (chunk: Buffer, _e, cb) => (out.push(chunk), cb()) }),
      );
      return { done, out };
    };
    const stored = crc32cBase64(referenceCrc32c(plain));
    const good = await run(stored);
    await good.done;
    assert.equal(Buffer.concat(good.out).length, 100_016, 'all of it, padding block included');
    plain[5] ^= 0x80; // what is read is no longer what Storage hashed
    const bad = await run(stored);
    await assert.rejects(bad.done, /does not match its stored CRC32C/);
    assert.ok(Buffer.concat(bad.out).length < 100_016, 'the final block never reaches the destination');
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
