// Pure rules of the student's library: what a row says about the student's own progress.
import type { RecordingSummary } from '../../api/recordings-api';

/** "Watched" from this completion on: the last seconds are credits and goodbyes. */
export const WATCHED_COMPLETION = 0.9;

export type ProgressView =
  | { readonly kind: 'unwatched' }
  | { readonly kind: 'started'; readonly percent: number; readonly resumeAtSeconds: number }
  | { readonly kind: 'watched'; readonly percent: number };

/** A library row's progress from the server-measured viewing (null: never delivered a segment). */
export function progressView(progress: RecordingSummary['progress'], durationSeconds: number): ProgressView {
  if (!progress || progress.watchedSeconds <= 0) return { kind: 'unwatched' };
  const percent = Math.round(progress.completion * 100);
  if (progress.completion >= WATCHED_COMPLETION) return { kind: 'watched', percent };
  const resumeAtSeconds = Math.min(progress.resumeAtSeconds, Math.max(0, durationSeconds - 5));
  return { kind: 'started', percent, resumeAtSeconds };
}

/** The card's button: "Resume" where the student stopped part-way, "Watch" otherwise. */
export const watchAction = (view: ProgressView): 'Resume' | 'Watch' => (view.kind === 'started' ? 'Resume' : 'Watch');
