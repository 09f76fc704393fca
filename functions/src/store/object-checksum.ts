// CRC32C, the checksum Cloud Storage itself keeps for every object, computed in hardware
// (@chainsafe/fast-crc32c over @node-rs/crc32's prebuilt SSE4.2 / ARMv8 binaries, with a pure-JS
// fallback when no binary loads). It is our end-to-end integrity check for stored segments, and it
// replaces the Storage client's default validator, a JavaScript table loop that runs over every
// byte each read and write stream carries (ingest reads, ingest writes, every segment a viewer
// streams) at a fraction of AES speed.
import fastCrc32c from '@chainsafe/fast-crc32c';
import { Transform } from 'node:stream';
import type { Cipher } from 'node:crypto';

/** Cloud Storage's wire form of a CRC32C: the 4 bytes big-endian, base64. */
export function crc32cBase64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

/** What the Storage client asks of a CRC32C validator (its CRC32CValidator interface). */
export interface Crc32cValidator {
  update(data: Buffer): void;
  toString(): string;
  validate(value: string): boolean;
}

/** A running CRC32C; also the Storage client's `crc32cGenerator` (store/firebase.ts installs it). */
export function crc32cValidator(): Crc32cValidator {
  let crc = 0;
  return {
    update(data) {
      crc = fastCrc32c.calculate(data, crc);
    },
    toString: () => crc32cBase64(crc),
    validate: (value) => value === crc32cBase64(crc),
  };
}

/**
 * A cipher as one stream stage that also counts what goes in and what comes out and takes the
 * CRC32C of the output: each stage of a pipeline costs a hop per chunk, and at AES speed three
 * stages (count, cipher, checksum) cost more than the checksum itself. With `inputCrc32c` (the
 * CRC32C Storage reported for the object being read, once known) it checks the input too, in the
 * same stage, and fails before its last output when they differ: the write it feeds never completes.
 * `highWaterMark` sizes the stage's buffers (bytes, each side; Node's default is 16 KiB).
 */
export function sealingStream(
  cipher: Cipher,
  inputCrc32c?: () => string | undefined,
  highWaterMark?: number,
): {
  stream: Transform;
  plainBytes: () => number;
  bytes: () => number;
  crc32c: () => string;
} {
  const crc = crc32cValidator();
  const input = inputCrc32c ? crc32cValidator() : undefined;
  let plainBytes = 0;
  let bytes = 0;
  const out = (sealed: Buffer): Buffer => {
    crc.update(sealed);
    bytes += sealed.length;
    return sealed;
  };
  const stream = new Transform({
    highWaterMark,
    transform(chunk: Buffer, _enc, done) {
      plainBytes += chunk.length;
      input?.update(chunk);
      done(null, out(cipher.update(chunk)));
    },
    flush(done) {
      const expected = inputCrc32c?.();
      if (input && expected !== undefined && !input.validate(expected))
        return done(new Error(`the object read does not match its stored CRC32C (${plainBytes} bytes read)`));
      done(null, out(cipher.final()));
    },
  });
  return { stream, plainBytes: () => plainBytes, bytes: () => bytes, crc32c: () => crc.toString() };
}

/**
 * A pass-through stage that checks its input against the CRC32C Storage reported for the object
 * (once known, as sealingStream does) and fails before its last output when they differ: for a raw
 * object that goes to ffmpeg rather than straight to a cipher.
 */
export function verifyingStream(inputCrc32c: () => string | undefined, highWaterMark?: number): Transform {
  const input = crc32cValidator();
  let bytes = 0;
  return new Transform({
    highWaterMark,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      input.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const expected = inputCrc32c();
      if (expected !== undefined && !input.validate(expected))
        return done(new Error(`the object read does not match its stored CRC32C (${bytes} bytes read)`));
      done();
    },
  });
}
