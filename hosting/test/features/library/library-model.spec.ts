// The library model against a literal port: queries it sends, pages appended, stale answers dropped.
import assert from 'node:assert/strict';
import type { LibraryPage, LibraryQuery } from '../../../src/api/recordings-api';
import { LibraryModel } from '../../../src/features/library/library-model';

const row = (id: string) =>
  ({
    id,
    meetingId: 'm1',
    title: id,
    description: null,
    status: 'ready',
    createdAtMs: 1,
    durationSeconds: 60,
    reason: null,
    storedBytes: null,
    canDownload: false,
    expiresAtMs: null,
    expiryOverrideMs: null,
    progress: null,
    hasPoster: false,
  }) as const;
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('library model', () => {
  it('loads the first page, appends the next, and sends search, filter and sort', async () => {
    const asked: LibraryQuery[] = [];
    const model = new LibraryModel({
      async page(query): Promise<LibraryPage> {
        asked.push(query);
        return query.after
          ? { recordings: [row('b')], next: null, meetings: [] }
          : {
              recordings: [row('a')],
              next: 'cursor-1',
              meetings: [{ id: 'm1', title: 'M', teacherName: 'T', batchId: null }],
            };
      },
    });
    await settle();
    assert.deepEqual(
      model.rows.value.map((r) => r.id),
      ['a'],
    );
    assert.equal(model.hasMore.value, true);
    await model.more();
    assert.deepEqual(
      model.rows.value.map((r) => r.id),
      ['a', 'b'],
    );
    assert.equal(model.hasMore.value, false);
    assert.equal(asked[1]?.after, 'cursor-1');
    model.setSort('oldest');
    model.setMeeting('m1');
    await settle();
    assert.deepEqual(asked.at(-1), { q: undefined, meetingId: 'm1', sort: 'oldest', limit: 20, after: undefined });
    model.setQuery('  heart ');
    await settle(300);
    assert.equal(asked.at(-1)?.q, 'heart');
    model[Symbol.dispose]();
  });

  it('drops a late answer to an older query', async () => {
    const answers: Array<(page: LibraryPage) => void> = [];
    const model = new LibraryModel({ page: () => new Promise((resolve) => answers.push(resolve)) });
    model.setSort('oldest');
    answers[1]!({ recordings: [row('new')], next: null, meetings: [] });
    answers[0]!({ recordings: [row('old')], next: null, meetings: [] });
    await settle();
    assert.deepEqual(
      model.rows.value.map((r) => r.id),
      ['new'],
    );
    model[Symbol.dispose]();
  });

  it('drops a pending search when the model is disposed', async () => {
    const asked: LibraryQuery[] = [];
    const model = new LibraryModel({
      async page(query) {
        asked.push(query);
        return { recordings: [], next: null, meetings: [] };
      },
    });
    await settle();
    model.setQuery('heart');
    model[Symbol.dispose]();
    await settle(300);
    assert.equal(asked.length, 1, 'only the first page was asked for');
  });
});
