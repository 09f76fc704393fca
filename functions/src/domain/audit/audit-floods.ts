// Which refusals the audit log counts instead of storing one by one: the kind a refusal belongs
// to in its time window, and the counter that kind is tallied in. Pure; the store keeps the tally.
import { createHash } from 'node:crypto';
import { networkOf } from '../http/client-ip';

/** The counting window: a refusal repeated within it adds one to the count, not an entry. */
export const FLOOD_WINDOW_MS = 10 * 60_000;
/** Whoever had no signed-in identity: counted per network, whatever session id they tried. */
export const ANONYMOUS = 'anonymous';

export interface Refusal {
  uid: string;
  ip?: string;
  action: string;
  outcome: string;
  recordingId?: string;
  reason?: string;
}

export interface FloodKind {
  /** auditCounters/{counterId}: window start, action, and a hash of who and what. */
  counterId: string;
  windowStartMs: number;
  /** Anonymous refusals: the caller's network (IPv4 /24, IPv6 /48), which is what the admin sees. */
  network: string | null;
}

/**
 * The kind of a refusal, or null for an outcome that is always an entry of its own (ok).
 * Anonymous: by action and network, so a scan over session ids from one network is one count.
 * Signed in: by account, action, recording and reason, so only exact repeats collapse.
 */
export function floodKind(refusal: Refusal, nowMs: number): FloodKind | null {
  if (refusal.outcome === 'ok') return null;
  const windowStartMs = nowMs - (nowMs % FLOOD_WINDOW_MS);
  const anonymous = refusal.uid === ANONYMOUS;
  const network = anonymous ? networkOf(refusal.ip ?? '') : null;
  const who = anonymous ? [ANONYMOUS, network] : [refusal.uid, refusal.recordingId ?? '', refusal.reason ?? ''];
  const digest = createHash('sha256')
    .update(JSON.stringify([refusal.action, refusal.outcome, ...who]))
    .digest('hex')
    .slice(0, 20);
  // The action is our own word (letters and -), so it is safe in a document id.
  return { counterId: `${windowStartMs}_${refusal.action}_${digest}`, windowStartMs, network };
}
