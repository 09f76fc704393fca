// Pure rules of the alerts inbox: a readable name for each kind of alert.

const ALERT_KINDS: Readonly<Record<string, string>> = {
  'segment-missing': 'Upload failed',
  'upload-gap': 'Segments missing',
  'storage-threshold': 'Storage',
  'orphan-adopted': 'Recovered recording',
  'stray-egress': 'Stray recording stopped',
  'egress-failed': 'Recording crashed',
  'limit-reached': 'Length limit reached',
  'egress-lost': 'Recording engine restarted',
};

export function alertKindLabel(kind: string): string {
  return ALERT_KINDS[kind] ?? kind.replace(/-/g, ' ');
}
