import assert from 'node:assert/strict';
import {
  compareFor,
  decodeCursor,
  encodeCursor,
  isAfter,
  matchesAll,
  queryTokens,
  searchTokens,
} from '../../../../src/domain/library/library-search';
import { requiredIndex } from '../../../../src/store/indexed-query';

describe('library search', () => {
  it('indexes word prefixes of title, meeting and teacher, folded', () => {
    const tokens = searchTokens('Électrocardiogramme: les bases', 'Cardiology 101', 'Dr. Meredith Grey');
    for (const t of ['el', 'electro', 'bases', 'ca', 'cardiolog', '10', '101', 'me', 'meredith', 'grey', 'dr'])
      assert.ok(tokens.includes(t), t);
    assert.ok(!tokens.includes('e'), 'no one-letter tokens');
    assert.ok(tokens.every((t) => t.length <= 15));
    assert.ok(searchTokens('x'.repeat(10_000), 'y '.repeat(500) + 'z'.repeat(40)).length <= 200);
  });

  it('matches a query word by word, longest first, whatever its case and accents', () => {
    assert.deepEqual(queryTokens('  Grey CARDIO  '), ['cardio', 'grey']);
    assert.deepEqual(queryTokens('a !'), []);
    assert.deepEqual(queryTokens('électrocardiogrammes'), ['electrocardiogr']);
    const tokens = searchTokens('Heart sounds', 'Cardiology 101', 'Meredith Grey');
    assert.ok(matchesAll(tokens, queryTokens('grey heart')));
    assert.ok(!matchesAll(tokens, queryTokens('grey lungs')));
    assert.ok(!matchesAll(undefined, ['x']));
  });

  it('round-trips cursors and refuses anything it did not mint', () => {
    const c = { createdAtMs: 1_764_000_000_000, id: 'rec-1' };
    assert.deepEqual(decodeCursor(encodeCursor(c)), c);
    for (const bad of [
      '',
      'x',
      encodeCursor({ createdAtMs: 1.5, id: 'a' }),
      Buffer.from('[1,"../x"]').toString('base64url'),
    ])
      assert.equal(decodeCursor(bad), null, bad);
  });

  it('orders by time, ties by id, both ways, and knows what comes after a cursor', () => {
    const rows = [
      { createdAtMs: 2, id: 'b' },
      { createdAtMs: 1, id: 'a' },
      { createdAtMs: 2, id: 'c' },
    ];
    assert.deepEqual(
      [...rows].sort(compareFor('newest')).map((r) => r.id),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      [...rows].sort(compareFor('oldest')).map((r) => r.id),
      ['a', 'b', 'c'],
    );
    assert.ok(isAfter({ createdAtMs: 2, id: 'b' }, { createdAtMs: 2, id: 'c' }, 'newest'));
    assert.ok(!isAfter({ createdAtMs: 2, id: 'c' }, { createdAtMs: 2, id: 'c' }, 'newest'));
    assert.ok(isAfter({ createdAtMs: 3, id: 'a' }, { createdAtMs: 2, id: 'c' }, 'oldest'));
  });

  it('needs a composite index with the array-contains field between the equalities and the sort', () => {
    const index = requiredIndex('recordings', {
      anyOf: { meetingId: ['m1'] },
      contains: ['searchTokens', 'ca'],
      orderBy: [['createdAtMs', 'desc']],
    });
    assert.deepEqual(index?.fields, [
      { fieldPath: 'meetingId', order: 'ASCENDING' },
      { fieldPath: 'searchTokens', arrayConfig: 'CONTAINS' },
      { fieldPath: 'createdAtMs', order: 'DESCENDING' },
    ]);
  });
});
