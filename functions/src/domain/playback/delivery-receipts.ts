// Watched time measured by the server. Each segment the server delivers carries a receipt (an
// HMAC over the session and the sequence number, in the X-Delivery-Receipt header); the player
// hands the receipts back with its next heartbeat, which credits each segment once per viewer. A
// client can withhold receipts (and lose credit) but cannot mint one for a segment it never
// fetched, so fake heartbeats gain nothing, and the writes stay one per heartbeat, not per segment.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Playback faster than 2× is not offered, so a session cannot honestly receive more per second. */
export const MAX_PLAYBACK_RATE = 2;
/** What hls.js buffers ahead of the playhead (maxMaxBufferLength 20 s) and a segment in flight. */
export const BUFFER_AHEAD_SECONDS = 30;

export function receiptKey(kek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), 'lecturevault/delivery-receipts/v1', 32));
}

const mac = (key: Buffer, sessionId: string, seq: number): string =>
  createHmac('sha256', key).update(`delivered/${sessionId}/${seq}`).digest('base64url').slice(0, 22);

/** The receipt for one delivered segment: `seq.mac`. */
export const signReceipt = (key: Buffer, sessionId: string, seq: number): string =>
  `${seq}.${mac(key, sessionId, seq)}`;

/** The sequence number a receipt proves was delivered to this session, or null. */
export function verifyReceipt(keys: readonly Buffer[], sessionId: string, receipt: string): number | null {
  const match = /^(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(receipt);
  if (!match) return null;
  const seq = Number(match[1]);
  const given = Buffer.from(match[2]);
  return keys.some((key) => timingSafeEqual(Buffer.from(mac(key, sessionId, seq)), given)) ? seq : null;
}

/** How often the player sends a heartbeat (hosting's player model): credit arrives a beat at a time. */
export const HEARTBEAT_SECONDS = 60;
/**
 * The most a viewer's allowance holds however long they were away: one beat's worth at the fastest
 * rate plus the buffer ahead (150 s), so a player that played a whole beat is credited all of it.
 */
export const MAX_BANKED_SECONDS = BUFFER_AHEAD_SECONDS + MAX_PLAYBACK_RATE * HEARTBEAT_SECONDS;

/**
 * The most seconds a session may have been credited by `nowMs`: real time at the fastest rate plus
 * what the player buffers ahead.
 */
export const creditAllowanceSeconds = (sessionCreatedAtMs: number, nowMs: number): number =>
  (Math.max(0, nowMs - sessionCreatedAtMs) / 1000) * MAX_PLAYBACK_RATE + BUFFER_AHEAD_SECONDS;

/** What is left of a viewer's allowance for one recording, as of `atMs` (kept on their viewing document). */
export interface CreditBank {
  seconds: number;
  atMs: number;
}

/**
 * A viewer's allowance for one recording now, across all their sessions together (issue 26: per
 * session, six sessions opened at once were six allowances). It grows at the fastest playback rate
 * with real time, up to MAX_BANKED_SECONDS, and each credited segment spends its length. A viewer
 * credited nothing since this session opened is starting (again): they get no more than a new
 * session could (30 s of buffer plus 2 × its age), however long ago they last watched.
 */
export function viewerAllowanceSeconds(
  bank: CreditBank | undefined,
  sessionCreatedAtMs: number,
  nowMs: number,
): number {
  const asNewSession = Math.min(MAX_BANKED_SECONDS, creditAllowanceSeconds(sessionCreatedAtMs, nowMs));
  if (!bank) return asNewSession;
  const refilled = Math.min(
    MAX_BANKED_SECONDS,
    Math.max(0, bank.seconds) + (Math.max(0, nowMs - bank.atMs) / 1000) * MAX_PLAYBACK_RATE,
  );
  return bank.atMs < sessionCreatedAtMs ? Math.min(refilled, asNewSession) : refilled;
}

// ── The delivered set: one bit per sequence number, base64 (a 24 h recording is 1.5 KiB) ───────

export function decodeSeqs(bitmap: string | undefined): Set<number> {
  const bytes = Buffer.from(bitmap ?? '', 'base64');
  const seqs = new Set<number>();
  bytes.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) seqs.add(i * 8 + bit);
  });
  return seqs;
}

export function encodeSeqs(seqs: Iterable<number>): string {
  const list = [...seqs];
  const bytes = Buffer.alloc(list.length ? Math.floor(Math.max(...list) / 8) + 1 : 0);
  for (const seq of list) bytes[seq >> 3] |= 1 << (seq & 7);
  return bytes.toString('base64');
}

export interface Credit {
  /** The merged delivered set. */
  seqs: Set<number>;
  /** Sequence numbers new to this viewer. */
  added: number[];
}

/**
 * Merges verified sequence numbers into a viewer's delivered set, each counted once, at most
 * `maxNew` of them (the session's allowance in segments), lowest first.
 */
export function creditSeqs(have: Set<number>, delivered: Iterable<number>, maxNew: number): Credit {
  const seqs = new Set(have);
  const added: number[] = [];
  for (const seq of [...new Set(delivered)].sort((a, b) => a - b)) {
    if (seqs.has(seq) || added.length >= maxNew) continue;
    seqs.add(seq);
    added.push(seq);
  }
  return { seqs, added };
}

/** Seconds watched from the delivered set: nominal segment length each, capped at the recording's length. */
export const watchedSecondsOf = (count: number, segmentSeconds: number, durationSeconds: number): number =>
  Math.round(Math.min(count * segmentSeconds, durationSeconds > 0 ? durationSeconds : Infinity));

export const completionOf = (watchedSeconds: number, durationSeconds: number): number =>
  durationSeconds > 0 ? Math.min(1, Math.round((watchedSeconds / durationSeconds) * 1000) / 1000) : 0;
