// A soak schedule from its seed, and nothing else: how long the lecture runs, whether it carries
// the forensic mark, and which real harm strikes at which moment. Pure, so `--replay <seed>`
// rebuilds exactly the schedule that failed.
import { prng } from '../prng';

export type HarmKind =
  | 'kill-egress-worker' // SIGKILL of the egress's ffmpeg process
  | 'restart-livekit' // the stand-in's server and its egress workers stopped, then started again
  | 'kill-functions-worker' // SIGKILL of the functions emulator's worker processes while ingest runs
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
    const harm: Harm = {
      kind,
      afterSegments: Math.floor(random() * segments),
      delayMs: Math.floor(random() * 700),
    };
    if (kind === 'restart-livekit') harm.durationMs = 200 + Math.floor(random() * 1300);
    if (kind === 'refuse-storage') harm.durationMs = 200 + Math.floor(random() * 2300);
    if (kind === 'fill-spool') harm.durationMs = 300 + Math.floor(random() * 2000);
    if ((kind === 'restart-livekit' || kind === 'refuse-storage') && random() < 0.5)
      harm.webhooks = { mode: 'drop', count: 1 + Math.floor(random() * 3) };
    if (kind === 'webhook-fault')
      harm.webhooks = {
        mode: (['drop', 'duplicate', 'reorder'] as const)[Math.floor(random() * 3)],
        count: 1 + Math.floor(random() * 3),
      };
    harms.push(harm);
  }
  harms.sort((a, b) => a.afterSegments - b.afterSegments || a.delayMs - b.delayMs);
  return { seed, segments, forensicMark, harms };
}

/** One line per harm, as a failing schedule prints it. */
export function describeHarm(h: Harm): string {
  const extra = [
    h.durationMs !== undefined ? `for ${h.durationMs} ms` : '',
    h.webhooks ? `webhooks ${h.webhooks.mode} ×${h.webhooks.count}` : '',
  ].filter(Boolean);
  return `after segment ${h.afterSegments} + ${h.delayMs} ms: ${h.kind}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
