// A codeword per playback session or download (docs/forensic-watermark.md): segment `seq` is served
// from variant bit(seq) of a keyed pseudo-random sequence. A random code: any two codewords differ
// in about half of any stretch of segments, so a copy's bits are decoded by maximum likelihood
// against every codeword issued for that recording, and an innocent codeword matches a copy only
// by chance (a binomial tail the tracer bounds before it names anyone).
import { createHmac, randomBytes } from 'node:crypto';
import type { Variant } from './forensic-mark';

/** A new codeword's secret seed (never sent to a client). */
export const newCodewordSeed = (): string => randomBytes(16).toString('base64url');

/** The codeword's bit at `seq`: 0 → variant A, 1 → variant B. */
export function codewordBit(seed: string, seq: number): 0 | 1 {
  const digest = createHmac('sha256', Buffer.from(seed, 'base64url')).update(`seq:${seq}`).digest();
  return (digest[0]! & 1) as 0 | 1;
}

export const variantOf = (seed: string, seq: number): Variant => (codewordBit(seed, seq) === 0 ? 'a' : 'b');
