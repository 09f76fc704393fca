// The "Trace a leak" page: pick a clip (and, if known, its recording), send it to the tracer,
// show its report. The words for each verdict and each suspect are pure functions beside the model.
import { signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage } from '../../ui/loader-model';
import { formatBytes } from '../../ui/format-derive';
import type { AdminApi, TraceReport } from '../../api/admin-api';
import { TRACE_CLIP_MAX_BYTES } from '../../api/wire';

export type TraceState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'tracing'; readonly fileName: string; readonly bytes: number }
  | { readonly kind: 'done'; readonly report: TraceReport }
  | { readonly kind: 'failed'; readonly message: string };

export interface TraceModel {
  readonly state: ReadonlySignal<TraceState>;
  /** Sends the clip; a clip the server would refuse is refused here first, without uploading it. */
  trace(clip: File, recordingId: string): Promise<void>;
  reset(): void;
}

/** Why a picked file cannot be traced, before anything is sent; null when it can. */
export function clipProblem(clip: { size: number; name: string } | null): string | null {
  if (!clip) return 'Choose a video file first.';
  if (clip.size === 0) return `${clip.name} is empty.`;
  if (clip.size > TRACE_CLIP_MAX_BYTES)
    return `${clip.name} is ${formatBytes(clip.size)}; the tracer takes up to ${formatBytes(TRACE_CLIP_MAX_BYTES)}. Cut a shorter part of it (a few minutes are enough).`;
  return null;
}

/** The report's headline and what it means for the admin. */
export function verdictText(report: TraceReport): { headline: string; explanation: string; tone: 'ok' | 'warn' } {
  const n = report.suspects.length;
  switch (report.verdict) {
    case 'identified':
      return {
        headline:
          n === 1 ? 'Identified: the copy came from one viewer.' : `Identified: the copy mixes ${n} viewers’ copies.`,
        explanation:
          'Each named codeword matches the clip far beyond chance; the figure beside each is the bound on a false match.',
        tone: 'ok',
      };
    case 'not-enough-footage':
      return {
        headline: 'Not enough footage to name anyone.',
        explanation:
          'Too few segments of the clip could be read to name a viewer safely. Try a longer clip (several minutes) of the same copy.',
        tone: 'warn',
      };
    case 'unknown':
      return {
        headline: 'Unknown: no viewer can be named.',
        explanation:
          'The clip matches no recording, or no codeword issued for it matches well enough. The tracer names no one rather than guess.',
        tone: 'warn',
      };
  }
}

/** "1 in 2,000,000,000" or "below 1 in 10¹²": the chance an innocent codeword matches this well. */
export function falseMatchText(p: number): string {
  if (p <= 0 || p < 1e-12) return 'below 1 in 10¹²';
  if (p >= 0.5) return `${Math.round(p * 100)} %`;
  return `1 in ${Math.round(1 / p).toLocaleString('en')}`;
}

export interface SuspectRow {
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly uid: string;
  readonly how: string;
  readonly startedAtMs: number;
  readonly ip: string;
  readonly matched: string;
  readonly falseMatch: string;
}

export function suspectRows(report: TraceReport): SuspectRow[] {
  return report.suspects.map((s) => ({
    key: s.markId,
    name: s.name,
    email: s.email,
    uid: s.uid,
    how: s.kind === 'download' ? 'Download' : 'Playback session',
    startedAtMs: s.startedAtMs,
    ip: s.ip ?? 'not recorded',
    matched: `${s.matched} of ${s.of}`,
    falseMatch: falseMatchText(s.falseMatchChance),
  }));
}

/** What the tracer read: "42.0 s of video, 6 segments read (seq 12–17) of Cardiac cycle". */
export function readingText(report: TraceReport): string {
  const span = report.firstSeq === undefined ? '' : ` (segments ${report.firstSeq}–${report.lastSeq})`;
  const of = report.recordingId ? ` of ${report.title ?? report.recordingId}` : '';
  return `${report.clipSeconds.toFixed(1)} s of video, ${report.segmentsRead} segment${report.segmentsRead === 1 ? '' : 's'} read${span}${of}.`;
}

export function createTraceModel(api: Pick<AdminApi, 'trace'>): TraceModel {
  const state = signal<TraceState>({ kind: 'idle' });
  let generation = 0;
  return {
    state,
    async trace(clip, recordingId) {
      const problem = clipProblem(clip);
      if (problem) {
        state.value = { kind: 'failed', message: problem };
        return;
      }
      const mine = ++generation;
      state.value = { kind: 'tracing', fileName: clip.name, bytes: clip.size };
      try {
        const report = await api.trace(clip, recordingId || undefined);
        if (mine === generation) state.value = { kind: 'done', report };
      } catch (failure) {
        if (mine === generation)
          state.value = { kind: 'failed', message: errorMessage(failure, 'Could not trace this clip. Try again.') };
      }
    },
    reset() {
      generation++;
      state.value = { kind: 'idle' };
    },
  };
}
