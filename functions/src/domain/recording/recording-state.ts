// The recording state machine. Pure: given the stored recording and what LiveKit says about
// its egress (a webhook or a ListEgress poll), decide the next state. Transitions only move
// forward, so duplicated, reordered or late events can never move a recording backwards.

import type { RecordingStatus } from '@lecturevault/contract';

export type { RecordingStatus };

export const ACTIVE_STATUSES: readonly RecordingStatus[] = ['starting', 'recording', 'stopping'];
export const TERMINAL_STATUSES: readonly RecordingStatus[] = ['ready', 'incomplete', 'failed'];

/** A recording shorter than this is kept but marked incomplete and hidden from playback lists. */
export const MIN_PLAYABLE_SECONDS = 10;

const RANK: Record<RecordingStatus, number> = {
  starting: 0,
  recording: 1,
  stopping: 2,
  ready: 3,
  incomplete: 3,
  failed: 3,
};

export function isActive(status: RecordingStatus): boolean {
  return RANK[status] < 3;
}

const UNCLEAN_ENDINGS: readonly EndReason[] = ['egress-failed', 'egress-lost', 'force-stopped'];

/**
 * Whether the egress ended without a clean stop (it crashed, vanished, or was cut off by Force
 * Stop): then the segment count it last reported is a lower bound, as an upload already under way
 * can still land after that report, so the recording is not finalized on that count alone.
 */
export function endedUncleanly(reason: string | undefined): boolean {
  return UNCLEAN_ENDINGS.includes(reason as EndReason);
}

/** LiveKit's EgressStatus enum (livekit/protocol). */
export enum EgressStatus {
  STARTING = 0,
  ACTIVE = 1,
  ENDING = 2,
  COMPLETE = 3,
  FAILED = 4,
  ABORTED = 5,
  LIMIT_REACHED = 6,
}

/** What we keep of an EgressInfo: plain numbers, no BigInt. Times in ms since epoch. */
export interface EgressFacts {
  egressId: string;
  status: EgressStatus;
  startedAtMs?: number;
  endedAtMs?: number;
  error?: string;
  segmentCount?: number;
  /** Recorded media duration as LiveKit reports it (segment results); preferred over wall-clock times. */
  durationMs?: number;
}

export interface RecordingFacts {
  status: RecordingStatus;
  startedAtMs?: number;
}

export type EndReason = 'too-short' | 'egress-failed' | 'aborted' | 'force-stopped' | 'egress-lost' | 'limit-reached';

export interface Transition {
  status: RecordingStatus;
  startedAtMs?: number;
  endedAtMs?: number;
  durationSeconds?: number;
  reason?: EndReason;
  detail?: string;
  /** An incomplete recording shorter than MIN_PLAYABLE_SECONDS never shows in playback lists. */
  hidden?: boolean;
  /** A human (admin) should know about this outcome. */
  alert?: boolean;
}

/**
 * The next state of a recording given the egress facts, or null when the facts would not move
 * it forward (a duplicate, a late or an out-of-order event).
 */
export function nextFromEgress(current: RecordingFacts, egress: EgressFacts): Transition | null {
  const proposed = proposeFromEgress(current, egress);
  if (!proposed || RANK[proposed.status] <= RANK[current.status]) return null;
  return proposed;
}

function proposeFromEgress(current: RecordingFacts, egress: EgressFacts): Transition | null {
  const startedAtMs = current.startedAtMs ?? egress.startedAtMs;
  switch (egress.status) {
    case EgressStatus.STARTING:
      return { status: 'starting' };
    case EgressStatus.ACTIVE:
      return { status: 'recording', startedAtMs };
    case EgressStatus.ENDING:
      return { status: 'stopping', startedAtMs };
    case EgressStatus.COMPLETE:
    case EgressStatus.LIMIT_REACHED:
    case EgressStatus.FAILED:
    case EgressStatus.ABORTED:
      return finish(startedAtMs, egress);
    default:
      return null;
  }
}

function finish(startedAtMs: number | undefined, egress: EgressFacts): Transition {
  const endedAtMs = egress.endedAtMs;
  const wallClockSeconds =
    startedAtMs !== undefined && endedAtMs !== undefined ? Math.max(0, (endedAtMs - startedAtMs) / 1000) : 0;
  const durationSeconds = egress.durationMs ? egress.durationMs / 1000 : wallClockSeconds;
  const base = { startedAtMs, endedAtMs, durationSeconds };
  if (egress.status === EgressStatus.FAILED) {
    const nothingRecorded = (egress.segmentCount ?? 0) === 0;
    return {
      ...base,
      status: nothingRecorded ? 'failed' : 'incomplete',
      reason: 'egress-failed',
      detail: egress.error || 'The recording engine failed.',
      hidden: nothingRecorded || durationSeconds < MIN_PLAYABLE_SECONDS,
      alert: true,
    };
  }
  if (egress.status === EgressStatus.ABORTED) {
    return {
      ...base,
      status: 'incomplete',
      reason: 'aborted',
      detail: egress.error || 'Stopped before recording began.',
      hidden: true,
    };
  }
  if (durationSeconds < MIN_PLAYABLE_SECONDS) {
    return {
      ...base,
      status: 'incomplete',
      reason: 'too-short',
      detail: `Recording lasted ${durationSeconds.toFixed(1)} s.`,
      hidden: true,
    };
  }
  if (egress.status === EgressStatus.LIMIT_REACHED) {
    return {
      ...base,
      status: 'ready',
      reason: 'limit-reached',
      detail: egress.error || 'Session limit reached.',
      alert: true,
    };
  }
  return { ...base, status: 'ready' };
}

/** Force Stop: the only human-driven terminal transition; allowed from any active state. */
export function forceStop(current: RecordingFacts, nowMs: number, who: string): Transition | null {
  if (!isActive(current.status)) return null;
  const durationSeconds = current.startedAtMs ? Math.max(0, (nowMs - current.startedAtMs) / 1000) : 0;
  return {
    status: 'incomplete',
    reason: 'force-stopped',
    detail: `Force-stopped by ${who}; every uploaded segment was kept.`,
    startedAtMs: current.startedAtMs,
    endedAtMs: nowMs,
    durationSeconds,
    hidden: durationSeconds < MIN_PLAYABLE_SECONDS,
  };
}

/** The egress has vanished from LiveKit (ListEgress no longer knows it). */
export function egressLost(current: RecordingFacts, nowMs: number): Transition | null {
  if (!isActive(current.status)) return null;
  const durationSeconds = current.startedAtMs ? Math.max(0, (nowMs - current.startedAtMs) / 1000) : 0;
  return {
    status: 'incomplete',
    reason: 'egress-lost',
    detail: 'The recording engine no longer knows this recording (crash or restart).',
    startedAtMs: current.startedAtMs,
    endedAtMs: nowMs,
    durationSeconds,
    hidden: durationSeconds < MIN_PLAYABLE_SECONDS,
    alert: true,
  };
}

/** Stop requested by a user: recording → stopping (the egress confirms the end later). */
export function stopRequested(current: RecordingFacts): Transition | null {
  return RANK[current.status] < RANK.stopping ? { status: 'stopping' } : null;
}
