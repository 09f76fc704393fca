// The consent ledger's rules: what the banner's answers and LiveKit's participant events say
// about each participant of a recording. Pure: the facts come in, a status goes out.

import type { ConsentAnswer, ConsentStatus } from '@lecturevault/contract';

export type { ConsentAnswer, ConsentStatus };

export interface LedgerFacts {
  answer?: ConsentAnswer | null;
  /** First seen in the room while recording (at the start, or a join event during it). */
  joinedAtMs?: number | null;
}

export function consentStatus(facts: LedgerFacts): ConsentStatus {
  if (facts.answer === 'continue') return 'acknowledged';
  if (facts.answer === 'leave') return 'left';
  return 'never-answered';
}

/** A presence change merged into what the ledger holds: first join wins, last leave wins (redeliveries change nothing). */
export function mergePresence(
  held: { joinedAtMs?: number | null; leftAtMs?: number | null },
  change: { kind: 'present' | 'left'; atMs: number },
): { joinedAtMs: number | null; leftAtMs: number | null } {
  const joinedAtMs = held.joinedAtMs ?? null;
  const leftAtMs = held.leftAtMs ?? null;
  if (change.kind === 'present') {
    return {
      joinedAtMs: joinedAtMs === null ? change.atMs : Math.min(joinedAtMs, change.atMs),
      // Back in after a leave: present again.
      leftAtMs: leftAtMs !== null && leftAtMs <= change.atMs ? null : leftAtMs,
    };
  }
  return { joinedAtMs: joinedAtMs ?? change.atMs, leftAtMs: Math.max(leftAtMs ?? 0, change.atMs) };
}
