// Session-bound, expiring URLs for segments, and the playback cookie for native HLS players.
// HMAC-SHA256 under a key derived from the KEK (HKDF, its own label): no per-segment remote
// signing call, so a 3 h playlist signs in milliseconds. Verification is constant-time.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const URL_LIFETIME_MS = 90 * 60_000;

export function urlSigningKey(kek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), 'lecturevault/segment-urls/v1', 32));
}

const mac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signSegment(key: Buffer, sessionId: string, seq: number, expiresAtMs: number): string {
  return mac(key, `seg/${sessionId}/${seq}/${expiresAtMs}`);
}

export function verifySegment(
  key: Buffer,
  sessionId: string,
  seq: number,
  expiresAtMs: number,
  signature: string,
  nowMs: number,
): boolean {
  return unexpiredAndEqual(expiresAtMs, nowMs, () => signSegment(key, sessionId, seq, expiresAtMs), signature);
}

/** An expiry still ahead and a signature equal (constant-time) to the one `expected` computes. */
function unexpiredAndEqual(expiresAtMs: number, nowMs: number, expected: () => string, signature: string): boolean {
  return Number.isSafeInteger(expiresAtMs) && nowMs < expiresAtMs && equal(expected(), signature);
}

/** A subtitle track's WebVTT URL, bound to the session and its expiry as a segment's is. */
export function signSubtitle(key: Buffer, sessionId: string, track: string, expiresAtMs: number): string {
  return mac(key, `subs/${sessionId}/${track}/${expiresAtMs}`);
}

export function verifySubtitle(
  key: Buffer,
  sessionId: string,
  track: string,
  expiresAtMs: number,
  signature: string,
  nowMs: number,
): boolean {
  return unexpiredAndEqual(expiresAtMs, nowMs, () => signSubtitle(key, sessionId, track, expiresAtMs), signature);
}

/** Cookie value binding a browser to one playback session of one user (for native HLS). */
export function signCookie(key: Buffer, sessionId: string, uid: string, expiresAtMs: number): string {
  return `${sessionId}.${uid}.${expiresAtMs}.${mac(key, `cookie/${sessionId}/${uid}/${expiresAtMs}`)}`;
}

export function verifyCookie(key: Buffer, value: string, nowMs: number): { sessionId: string; uid: string } | null {
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [sessionId, uid, exp, signature] = parts;
  const expiresAtMs = Number(exp);
  if (!Number.isSafeInteger(expiresAtMs) || nowMs >= expiresAtMs) return null;
  return equal(mac(key, `cookie/${sessionId}/${uid}/${expiresAtMs}`), signature) ? { sessionId, uid } : null;
}
