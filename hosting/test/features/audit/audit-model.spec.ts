// The audit log's paging model and its query string.
import assert from 'node:assert/strict';
import { auditQuery, type AuditEntry } from '../../../src/api/admin-api';
import { ApiError } from '../../../src/api/http-api';
import { createAuditModel } from '../../../src/features/audit/audit-model';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('audit query', () => {
  it('builds the audit query string without empty filters', () => {
    assert.equal(auditQuery({ action: 'grant', outcome: '', uid: undefined }, 50, null), 'action=grant&limit=50');
    assert.equal(auditQuery({ fromMs: 5 }, 10, 99), 'fromMs=5&limit=10&after=99');
  });
});

describe('audit model', () => {
  const entry = (id: string): AuditEntry => ({
    id,
    atMs: 1,
    action: 'watch',
    outcome: 'ok',
    uid: null,
    email: null,
    recordingId: null,
    meetingId: null,
    reason: null,
    ip: null,
  });

  it('loads a page, appends the next one, and starts over when the filter changes', async () => {
    const calls: Array<[string | undefined, number | null]> = [];
    const model = createAuditModel({
      audit: async (filter, after) => {
        calls.push([filter.action, after]);
        return after === null ? { entries: [entry('1'), entry('2')], next: 42 } : { entries: [entry('3')], next: null };
      },
    });
    await settle();
    assert.deepEqual(
      model.entries.value.map((e) => e.id),
      ['1', '2'],
    );
    assert.equal(model.hasMore.value, true);
    await model.loadMore();
    assert.deepEqual(
      model.entries.value.map((e) => e.id),
      ['1', '2', '3'],
    );
    assert.equal(model.hasMore.value, false);
    await model.apply({ action: 'grant' });
    assert.deepEqual(
      model.entries.value.map((e) => e.id),
      ['1', '2'],
    );
    assert.deepEqual(calls, [
      [undefined, null],
      [undefined, 42],
      ['grant', null],
    ]);
  });

  it("shows the server's message when a page fails", async () => {
    const model = createAuditModel({
      audit: async () => {
        throw new ApiError(403, 'permission-denied', 'Only an admin can read the audit log.');
      },
    });
    await settle();
    assert.equal(model.error.value, 'Only an admin can read the audit log.');
    assert.equal(model.loading.value, false);
  });
});
