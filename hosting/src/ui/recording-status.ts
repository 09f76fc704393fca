// A recording's status in words, and whether it is still live: shared by the console, the library,
// the meeting controls and the player.
import type { RecordingStatus } from '../api/meetings-api';

export function isLive(status: RecordingStatus): boolean {
  return status === 'starting' || status === 'recording' || status === 'stopping';
}

const REASONS: Readonly<Record<string, string>> = {
  'too-short': 'stopped before 10 s',
  'force-stopped': 'force-stopped',
  'egress-failed': 'the recording engine crashed',
  'egress-lost': 'the recording engine restarted',
  'limit-reached': 'the length limit was reached',
  'upload-gap': 'some segments are missing',
  aborted: 'stopped before recording began',
};

export function reasonLabel(reason: string | null): string | null {
  return reason ? (REASONS[reason] ?? reason.replace(/-/g, ' ')) : null;
}

const STATUS_LABELS: Readonly<Record<RecordingStatus, string>> = {
  starting: 'Starting…',
  recording: 'Recording',
  stopping: 'Stopping…',
  ready: 'Ready',
  incomplete: 'Incomplete',
  failed: 'Failed',
};

export function statusLabel(status: RecordingStatus, reason: string | null): string {
  const why = status === 'incomplete' || status === 'failed' ? reasonLabel(reason) : null;
  return why ? `${STATUS_LABELS[status]} (${why})` : STATUS_LABELS[status];
}
