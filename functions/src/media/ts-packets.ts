// MPEG-TS packet surgery on ffmpeg's output: ffmpeg's muxer writes a Service Description Table
// (PID 0x11, a DVB broadcast table) before the PAT and PMT at the start of every output, and no
// option of its mpegts muxer turns that off. RFC 8216 §3.2 asks a segment to start with the PAT and
// PMT; the SDT tells an HLS player nothing, so it is dropped, packet by packet, as the stream flows.
import { Transform } from 'node:stream';
import { TS_PACKET_BYTES } from '../domain/ingest/ingest-limits';

const SYNC_BYTE = 0x47;
const SDT_PID = 0x11;

/** The PID of the packet at `offset`. */
const pidAt = (chunk: Buffer, offset: number): number => ((chunk[offset + 1]! & 0x1f) << 8) | chunk[offset + 2]!;

/**
 * A stream of whole TS packets without the SDT's. Bytes that are not aligned packets (no sync byte
 * where one belongs) pass through untouched from there on: this never breaks what it cannot parse.
 */
export function withoutSdt(): Transform {
  let rest = Buffer.alloc(0);
  let aligned = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!aligned) return done(null, chunk);
      const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      const whole = data.length - (data.length % TS_PACKET_BYTES);
      const kept: Buffer[] = [];
      for (let offset = 0; offset < whole; offset += TS_PACKET_BYTES) {
        if (data[offset] !== SYNC_BYTE) {
          aligned = false;
          kept.push(data.subarray(offset));
          rest = Buffer.alloc(0);
          return done(null, Buffer.concat(kept));
        }
        if (pidAt(data, offset) !== SDT_PID) kept.push(data.subarray(offset, offset + TS_PACKET_BYTES));
      }
      rest = Buffer.from(data.subarray(whole));
      done(null, kept.length ? Buffer.concat(kept) : undefined);
    },
    flush(done) {
      done(null, rest.length ? rest : undefined);
    },
  });
}
