// Pure rules of the alerts inbox: a readable name for each kind of alert, and which ones an admin
// acts on elsewhere.

const ALERT_KINDS: Readonly<Record<string, string>> = {
  'segment-missing': 'Upload failed',
  'upload-gap': 'Segments missing',
  'segment-damaged': 'Segment damaged at the source',
  'storage-threshold': 'Storage',
  'orphan-adopted': 'Recovered recording',
  'stray-egress': 'Stray recording stopped',
  'egress-failed': 'Recording crashed',
  'limit-reached': 'Length limit reached',
  'egress-lost': 'Recording engine restarted',
  'access-request': 'Access request',
};

/** An alert an admin answers on the Access page (a student's request for one recording). */
export const opensAccess = (alert: {
  kind: string;
  recordingId: string | null;
}): alert is { kind: string; recordingId: string } => alert.kind === 'access-request' && alert.recordingId !== null;

export function alertKindLabel(kind: string): string {
  return ALERT_KINDS[kind] ?? kind.replace(/-/g, ' ');
}
