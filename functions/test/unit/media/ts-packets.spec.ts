import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { TS_PACKET_BYTES } from '../../../src/domain/ingest/ingest-limits';
import { withoutSdt } from '../../../src/media/ts-packets';

const packet = (pid: number, fill: number) => {
  const p = Buffer.alloc(TS_PACKET_BYTES, fill);
  p[0] = 0x47;
  p[1] = (pid >> 8) & 0x1f;
  p[2] = pid & 0xff;
  return p;
};
const pids = (bytes: Buffer) =>
  Array.from(
    { length: bytes.length / TS_PACKET_BYTES },
    (_, i) => ((bytes[i * 188 + 1]! & 0x1f) << 8) | bytes[i * 188 + 2]!,
  );
/** `bytes` cut into chunks of awkward sizes, as a pipe delivers them. */
const chunked = (bytes: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

describe('MPEG-TS segments start with their PAT and PMT', () => {
  it('drops the SDT packets wherever the chunks cut, and keeps every other packet in order', async () => {
    const input = Buffer.concat([
      packet(0x11, 1),
      packet(0, 2),
      packet(0x1000, 3),
      packet(0x100, 4),
      packet(0x11, 5),
      packet(0x101, 6),
    ]);
    for (const size of [1, 100, 188, 500, input.length]) {
      const out = await buffer(chunked(input, size).pipe(withoutSdt()));
      assert.deepEqual(pids(out), [0, 0x1000, 0x100, 0x101], `chunks of ${size}`);
    }
  });

  it('passes through what is not aligned packets, untouched', async () => {
    const odd = Buffer.concat([packet(0, 1), Buffer.from('not a packet at all'), packet(0x11, 2)]);
    assert.deepEqual(await buffer(chunked(odd, 64).pipe(withoutSdt())), odd);
  });
});
