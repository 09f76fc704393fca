// What firestore.indexes.json must hold: the composite indexes our queries need (indexed-query.ts
// checks every query against them) and the TTL policies of the collections that expire. Checked
// by functions/test/unit/store/index-catalogue.spec.ts and by `npm run preflight`.
export type IndexField =
  | { fieldPath: string; order: 'ASCENDING' | 'DESCENDING' }
  /** An array field an `array-contains` filter reads (the library's search tokens). */
  | { fieldPath: string; arrayConfig: 'CONTAINS' };

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION';
  fields: IndexField[];
}

const asc = (fieldPath: string): IndexField => ({ fieldPath, order: 'ASCENDING' });
const desc = (fieldPath: string): IndexField => ({ fieldPath, order: 'DESCENDING' });
const contains = (fieldPath: string): IndexField => ({ fieldPath, arrayConfig: 'CONTAINS' });
const index = (collectionGroup: string, ...fields: IndexField[]): CompositeIndex => ({
  collectionGroup,
  queryScope: 'COLLECTION',
  fields,
});

/** The audit log's filters, any combination of them, newest first (with or without a time range). */
export const AUDIT_FILTERS = ['action', 'outcome', 'recordingId', 'uid'] as const;

function nonEmptySubsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 2 ** items.length - 1 }, (_, i) => items.filter((_, bit) => ((i + 1) >> bit) & 1));
}

export const QUERY_INDEXES: readonly CompositeIndex[] = [
  // The latest recording of a meeting (meeting state, start guard).
  index('recordings', asc('meetingId'), desc('createdAtMs')),
  // The library's pages: its meetings, oldest first too, and searched by a token of title, meeting or teacher.
  index('recordings', asc('meetingId'), asc('createdAtMs')),
  index('recordings', asc('meetingId'), contains('searchTokens'), desc('createdAtMs')),
  index('recordings', asc('meetingId'), contains('searchTokens'), asc('createdAtMs')),
  // Open sessions to cut: a revoke or ungrant (recording + email), a removal from a batch (uid).
  index('playbackSessions', asc('email'), asc('recordingId'), asc('expiresAtMs')),
  index('playbackSessions', asc('uid'), asc('expiresAtMs')),
  // ... an expiry or a shorter retention (recording), a meeting's batch or teacher changed (meeting).
  index('playbackSessions', asc('recordingId'), asc('expiresAtMs')),
  index('playbackSessions', asc('meetingId'), asc('expiresAtMs')),
  // A user's live sessions, for the cap on concurrent ones (heartbeat within the last minutes).
  index('playbackSessions', asc('uid'), asc('lastHeartbeatMs')),
  // The cost estimate's sums over the last 30 days (an aggregation over a field other than the filter's).
  index('recordings', asc('createdAtMs'), asc('storedSeconds')),
  index('playbackSessions', asc('createdAtMs'), asc('lastHeartbeatMs')),
  ...nonEmptySubsets(AUDIT_FILTERS).map((fields) => index('auditLog', ...fields.map(asc), desc('atMs'))),
];

/** Collections whose documents carry a `removeAt` timestamp (store/firebase.ts) for a TTL policy. */
export const TTL_COLLECTIONS = ['downloadTickets', 'playbackSessions', 'rateLimits', 'webhookEvents'] as const;

export const indexKey = (index: CompositeIndex): string =>
  `${index.collectionGroup}(${index.fields.map((f) => `${f.fieldPath} ${'order' in f ? f.order : f.arrayConfig}`).join(', ')})`;

interface IndexesFile {
  indexes?: CompositeIndex[];
  fieldOverrides?: { collectionGroup: string; fieldPath: string; ttl?: boolean }[];
}

/** What firestore.indexes.json lacks, or has beyond the catalogue; empty when they agree. */
export function indexFileFindings(file: IndexesFile): string[] {
  const declared = new Set((file.indexes ?? []).map(indexKey));
  const needed = new Set(QUERY_INDEXES.map(indexKey));
  const findings = [...needed].filter((k) => !declared.has(k)).map((k) => `missing composite index ${k}`);
  findings.push(
    ...[...declared]
      .filter((k) => !needed.has(k))
      .map((k) => `index ${k} is used by no query (store/index-catalogue.ts)`),
  );
  for (const collectionGroup of TTL_COLLECTIONS) {
    const ttl = (file.fieldOverrides ?? []).some(
      (o) => o.collectionGroup === collectionGroup && o.fieldPath === 'removeAt' && o.ttl === true,
    );
    if (!ttl) findings.push(`missing TTL policy on ${collectionGroup}.removeAt`);
  }
  return findings;
}
