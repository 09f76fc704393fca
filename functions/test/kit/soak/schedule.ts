// A soak schedule from its seed, and nothing else: how long the lecture runs, whether it carries
// the forensic mark, and which real harm strikes at which moment. Pure, so `--replay <seed>`
// rebuilds exactly the schedule that failed.
import { prng } from '../prng';

export type HarmKind =
  | 'kill-egress-worker' // SIGKILL of the egress's ffmpeg process
  | 'restart-livekit' // the stand-in's server and its egress workers stopped, then started again
  | 'kill-functions-worker' // SIGKILL of the ingest function's worker processes while ingest runs
  | 'refuse-storage' // the egress's uploads refused (connections reset) for a stretch
  | 'fill-spool' // the egress's spool directory (a small tmpfs) full for a stretch
  | 'webhook-fault'; // today's message faults: webhooks dropped, duplicated or reordered

export const HARM_KINDS: readonly HarmKind[] = [
  'kill-egress-worker',
  'restart-livekit',
  'kill-functions-worker',
  'refuse-storage',
  'fill-spool',
  'webhook-fault',
];

export interface Harm {
  kind: HarmKind;
  /** Strikes once the egress has uploaded this many segments… */
  afterSegments: number;
  /** …and this much later (ms), so the harm lands mid-segment or mid-ingest. */
  delayMs: number;
  /** How long an outage lasts (restart, refused writes, full disk). */
  durationMs?: number;
  /** Webhooks lost during the outage (refused writes, restart), or the message fault's size. */
  webhooks?: { mode: 'drop' | 'duplicate' | 'reorder'; count: number };
}

export interface Schedule {
  seed: number;
  /** A smoke schedule (smokeScheduleOf): replayed with `--smoke`. */
  smoke?: true;
  /** The lecture is stopped once the egress has uploaded this many 7 s segments. */
  segments: number;
  forensicMark: boolean;
  harms: Harm[];
}

// How often each harm is picked: the kills and outages carry the weight; the message faults,
// covered at length by the reconciliation spec, ride along.
const WEIGHTS: Record<HarmKind, number> = {
  'kill-egress-worker': 2,
  'restart-livekit': 2,
  'kill-functions-worker': 3,
  'refuse-storage': 2,
  'fill-spool': 2,
  'webhook-fault': 1,
};

function pick(random: () => number): HarmKind {
  const total = HARM_KINDS.reduce((sum, k) => sum + WEIGHTS[k], 0);
  let roll = random() * total;
  for (const kind of HARM_KINDS) {
    roll -= WEIGHTS[kind];
    if (roll < 0) return kind;
  }
  return HARM_KINDS[HARM_KINDS.length - 1];
}

export function scheduleOf(seed: number): Schedule {
  const random = prng(seed);
  const segments = 3 + Math.floor(random() * 4); // 21–42 s of lecture: always past the 10 s rule
  const forensicMark = random() < 0.1; // two extra encodes per segment at ingest: picked rarely
  const harms: Harm[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const kind = pick(random);
    harms.push(harmOf(kind, Math.floor(random() * segments), random));
  }
  harms.sort((a, b) => a.afterSegments - b.afterSegments || a.delayMs - b.delayMs);
  return { seed, segments, forensicMark, harms };
}

/**
 * Every harm's real-world particulars from the seed: the moment is given by the caller, the
 * outage's length is at most `maxOutageMs` (restart, refused writes, full spool).
 */
function harmOf(kind: HarmKind, afterSegments: number, random: () => number, maxOutageMs = Infinity): Harm {
  const outage = (min: number, spread: number) => min + Math.floor(random() * Math.min(spread, maxOutageMs - min));
  const harm: Harm = { kind, afterSegments, delayMs: Math.floor(random() * 700) };
  if (kind === 'restart-livekit') harm.durationMs = outage(200, 1300);
  if (kind === 'refuse-storage') harm.durationMs = outage(200, 2300);
  if (kind === 'fill-spool') harm.durationMs = outage(300, 2000);
  if ((kind === 'restart-livekit' || kind === 'refuse-storage') && random() < 0.5)
    harm.webhooks = { mode: 'drop', count: 1 + Math.floor(random() * 3) };
  if (kind === 'webhook-fault')
    harm.webhooks = {
      mode: (['drop', 'duplicate', 'reorder'] as const)[Math.floor(random() * 3)],
      count: 1 + Math.floor(random() * 3),
    };
  return harm;
}

/**
 * The smoke's harm by seed (seed mod 10): every kind within ten consecutive seeds, the ingest
 * function's workers killed once in ten (its cold start after the kill is the dearest harm).
 */
const SMOKE_KINDS: readonly HarmKind[] = [
  'kill-egress-worker',
  'restart-livekit',
  'refuse-storage',
  'fill-spool',
  'kill-functions-worker',
  'kill-egress-worker',
  'restart-livekit',
  'refuse-storage',
  'fill-spool',
  'webhook-fault',
];

/**
 * The smoke's kind of schedule (npm test): as fast as a schedule with a real kill can be — a
 * lecture of two 7 s segments (past the 10 s rule), unmarked, one harm (its kind by the seed, so
 * ten consecutive seeds cover every kind), outages of at most a second. Its moment and
 * particulars come from the seed, as for a full schedule.
 */
export function smokeScheduleOf(seed: number): Schedule {
  const random = prng(seed);
  const segments = 2;
  const kind = SMOKE_KINDS[seed % SMOKE_KINDS.length]!;
  const harm = harmOf(kind, Math.floor(random() * segments), random, 1_000);
  return { seed, smoke: true, segments, forensicMark: false, harms: [harm] };
}

/** One line per harm, as a failing schedule prints it. */
export function describeHarm(h: Harm): string {
  const extra = [
    h.durationMs !== undefined ? `for ${h.durationMs} ms` : '',
    h.webhooks ? `webhooks ${h.webhooks.mode} ×${h.webhooks.count}` : '',
  ].filter(Boolean);
  return `after segment ${h.afterSegments} + ${h.delayMs} ms: ${h.kind}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
