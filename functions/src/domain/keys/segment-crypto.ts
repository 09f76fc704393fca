// Encryption at rest, RFC 8216 style: each segment is AES-128-CBC with PKCS#7 padding under the
// recording's 16-byte key, IV = the segment's media sequence number (big-endian, 16 bytes), so the
// playlist needs no IV attribute. The recording key is stored only wrapped: AES-256-GCM under the
// key-encryption key, bound to the recording id (AAD) so a wrapped key cannot be moved to another.
import { createCipheriv, createDecipheriv, randomBytes, type Cipher, type Decipher } from 'node:crypto';

export const RECORDING_KEY_BYTES = 16;
const WRAP_VERSION = 1;

export function newRecordingKey(): Buffer {
  return randomBytes(RECORDING_KEY_BYTES);
}

/** The key-encryption key from its secret (32 bytes, base64). */
export function kekFromSecret(secret: string): Buffer {
  const kek = Buffer.from(secret.trim(), 'base64');
  if (kek.length !== 32) throw new Error('RECORDING_KEK must be 32 bytes, base64-encoded');
  return kek;
}

export function wrapKey(key: Buffer, kek: Buffer, recordingId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(Buffer.from(recordingId));
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64');
}

export function unwrapKey(wrapped: string, kek: Buffer, recordingId: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64');
  if (bytes[0] !== WRAP_VERSION || bytes.length !== 1 + 12 + RECORDING_KEY_BYTES + 16)
    throw new Error('unknown wrapped key format');
  const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(1, 13)).setAAD(Buffer.from(recordingId));
  decipher.setAuthTag(bytes.subarray(13 + RECORDING_KEY_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(13, 13 + RECORDING_KEY_BYTES)), decipher.final()]);
}

/** RFC 8216 §5.2: without an IV attribute, the IV is the media sequence number as a 128-bit big-endian integer. */
export function sequenceIv(seq: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(seq), 8);
  return iv;
}

export function segmentCipher(key: Buffer, seq: number): Cipher {
  return createCipheriv('aes-128-cbc', key, sequenceIv(seq));
}

export function segmentDecipher(key: Buffer, seq: number): Decipher {
  return createDecipheriv('aes-128-cbc', key, sequenceIv(seq));
}

/** Ciphertext size of a plaintext of n bytes under CBC with PKCS#7 (always at least one pad byte). */
export function encryptedSize(plainBytes: number): number {
  return (Math.floor(plainBytes / 16) + 1) * 16;
}

/**
 * The poster frame at rest: AES-128-CBC under the recording's key like its segments (so deleting the
 * key shreds it too, and the main bucket holds no plaintext), with a random IV stored in front: it
 * has no sequence number, and an IV must never repeat under one key.
 */
export function sealPoster(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

export function openPoster(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', key, sealed.subarray(0, 16));
  return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);
}
