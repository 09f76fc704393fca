// The emulator runs queries production refuses: every composite query needs its index in
// firestore.indexes.json. indexedQuery() derives the index a query needs and refuses one the
// catalogue lacks; here the catalogue is held equal to the file, so neither can drift.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { indexedQuery, requiredIndex } from '../../../src/store/indexed-query';
import { indexFileFindings, QUERY_INDEXES, TTL_COLLECTIONS } from '../../../src/store/index-catalogue';

const file = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../firestore.indexes.json'), 'utf8'));
// Building a query contacts nothing: an app of its own, never used for I/O.
const firestore = getFirestore(initializeApp({ projectId: 'demo-unit' }, 'index-catalogue-spec'));

describe('Firestore indexes: the catalogue and firestore.indexes.json', () => {
  it('agree: every index a query needs is declared, none is left over, and each expiring collection has its TTL policy', () => {
    assert.deepEqual(indexFileFindings(file), []);
  });

  it('removing any one index from the file is found', () => {
    for (const removed of QUERY_INDEXES) {
      const findings = indexFileFindings({
        ...file,
        indexes: file.indexes.filter((i: unknown) => JSON.stringify(i) !== JSON.stringify(removed)),
      });
      assert.equal(findings.length, 1, JSON.stringify(removed.fields));
      assert.match(findings[0]!, new RegExp(`^missing composite index ${removed.collectionGroup}\\(`));
    }
  });

  it('a missing TTL policy and an index no query uses are found', () => {
    const findings = indexFileFindings({
      indexes: [
        ...file.indexes,
        {
          collectionGroup: 'alerts',
          queryScope: 'COLLECTION',
          fields: [
            { fieldPath: 'kind', order: 'ASCENDING' },
            { fieldPath: 'atMs', order: 'DESCENDING' },
          ],
        },
      ],
      fieldOverrides: file.fieldOverrides.filter(
        (o: { collectionGroup: string }) => o.collectionGroup !== 'playbackSessions',
      ),
    });
    assert.deepEqual(findings, [
      'index alerts(kind ASCENDING, atMs DESCENDING) is used by no query (store/index-catalogue.ts)',
      'missing TTL policy on playbackSessions.removeAt',
    ]);
    assert.ok(TTL_COLLECTIONS.includes('webhookEvents'));
  });
});

describe('indexedQuery: the index a query needs', () => {
  it('needs none for equalities alone, or for sorting and ranges on one field', () => {
    assert.equal(requiredIndex('grants', { equals: { recordingId: 'r', email: 'e' } }), null);
    assert.equal(requiredIndex('recordings', { orderBy: [['createdAtMs', 'desc']], limit: 5 }), null);
    assert.equal(requiredIndex('recordings', { range: [['endedAtMs', '<', 5]] }), null);
    assert.equal(requiredIndex('recordings', { anyOf: { status: ['recording'] } }), null);
    assert.equal(
      requiredIndex('auditLog', { equals: { uid: undefined }, orderBy: [['atMs', 'desc']] }),
      null,
      'an undefined filter is left out',
    );
  });

  it('needs a composite one for equalities with a sort or a range: equalities by name, then sorts, then other ranges', () => {
    assert.deepEqual(
      requiredIndex('playbackSessions', { equals: { recordingId: 'r', email: 'e' }, range: [['expiresAtMs', '>', 1]] })
        ?.fields,
      [
        { fieldPath: 'email', order: 'ASCENDING' },
        { fieldPath: 'recordingId', order: 'ASCENDING' },
        { fieldPath: 'expiresAtMs', order: 'ASCENDING' },
      ],
    );
    assert.deepEqual(
      requiredIndex('auditLog', {
        equals: { uid: 'u' },
        range: [
          ['atMs', '>=', 1],
          ['atMs', '<=', 2],
        ],
        orderBy: [['atMs', 'desc']],
      })?.fields,
      [
        { fieldPath: 'uid', order: 'ASCENDING' },
        { fieldPath: 'atMs', order: 'DESCENDING' },
      ],
    );
  });

  it('builds catalogued queries and refuses one whose index nobody declared', () => {
    assert.ok(
      indexedQuery(firestore.collection('auditLog'), {
        equals: { action: 'key', uid: 'u' },
        orderBy: [['atMs', 'desc']],
        limit: 10,
      }),
    );
    assert.throws(
      () => indexedQuery(firestore.collection('alerts'), { equals: { kind: 'x' }, orderBy: [['atMs', 'desc']] }),
      /needs the composite index alerts\(kind ASCENDING, atMs DESCENDING\): add it to store\/index-catalogue.ts and firestore.indexes.json/,
    );
  });
});
