// The admin console's pure rules and its two small models (audit paging, the shared loader).
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http-api';
import type { RecordingSummary } from '../../../src/api/recordings-api';
import { auditQuery, type AuditEntry } from '../../../src/api/admin-api';
import {
  alertKindLabel,
  barGeometry,
  dateInputValue,
  endOfDayMs,
  groupByMeeting,
  startOfDayMs,
  usageLevel,
} from '../../../src/features/storage/storage-derive';
import { createAuditModel } from '../../../src/features/audit/audit-model';
import { createLoader } from '../../../src/ui/loader-model';

const rec = (id: string, meetingId: string, createdAtMs: number): RecordingSummary => ({
  id,
  meetingId,
  title: meetingId.toUpperCase(),
  status: 'ready',
  createdAtMs,
  durationSeconds: 60,
  reason: null,
  storedBytes: null,
  canDownload: false,
  expiresAtMs: null,
  expiryOverrideMs: null,
  progress: null,
  description: null,
  hasPoster: false,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('admin-derive', () => {
  it('groups recordings by meeting, the most recently recorded meeting first, rows newest first', () => {
    const groups = groupByMeeting([rec('a1', 'a', 1), rec('b1', 'b', 5), rec('a2', 'a', 9)]);
    assert.deepEqual(
      groups.map((g) => [g.meetingId, g.recordings.map((r) => r.id)]),
      [
        ['a', ['a2', 'a1']],
        ['b', ['b1']],
      ],
    );
  });

  it('round-trips date inputs in local time and rejects malformed dates', () => {
    const end = endOfDayMs('2027-02-28')!;
    assert.equal(dateInputValue(end), '2027-02-28');
    assert.equal(new Date(end).getHours(), 23);
    assert.equal(new Date(startOfDayMs('2027-02-28')!).getHours(), 0);
    assert.equal(endOfDayMs('2027-02-30'), null);
    assert.equal(endOfDayMs(''), null);
    assert.equal(dateInputValue(null), '');
  });

  it('grades storage use against the threshold', () => {
    assert.deepEqual(usageLevel(50, 100, 0.8), { ratio: 0.5, level: 'ok' });
    assert.equal(usageLevel(80, 100, 0.8).level, 'warn');
    assert.equal(usageLevel(96, 100, 0.8).level, 'critical');
    assert.equal(usageLevel(5, 0, 0.8).level, 'ok', 'no limit known');
  });

  it('scales chart bars to the largest value, keeping tiny non-zero values visible', () => {
    const bars = barGeometry(
      [
        { label: 'a', value: 200 },
        { label: 'b', value: 50 },
        { label: 'c', value: 0.001 },
        { label: 'd', value: 0 },
      ],
      100,
      20,
    );
    assert.deepEqual(
      bars.map((b) => [b.width, b.y]),
      [
        [100, 0],
        [25, 20],
        [2, 40],
        [0, 60],
      ],
    );
  });

  it('labels alert kinds, unknown ones readably', () => {
    assert.equal(alertKindLabel('egress-failed'), 'Recording crashed');
    assert.equal(alertKindLabel('something-new'), 'something new');
  });

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

describe('loader model', () => {
  it('ignores a late answer from an earlier load', async () => {
    const answers: Array<(v: string) => void> = [];
    const loader = createLoader(() => new Promise<string>((resolve) => answers.push(resolve)));
    void loader.reload();
    answers[1]!('new');
    await settle();
    answers[0]!('old');
    await settle();
    assert.deepEqual(loader.state.value, { kind: 'ready', value: 'new' });
  });

  it('turns a failure into its message, and recovers on reload', async () => {
    let fail = true;
    const loader = createLoader(async () => {
      if (fail) throw new ApiError(0, 'network', 'Could not reach LectureVault.');
      return 1;
    });
    await settle();
    assert.deepEqual(loader.state.value, { kind: 'error', message: 'Could not reach LectureVault.' });
    fail = false;
    await loader.reload();
    assert.deepEqual(loader.state.value, { kind: 'ready', value: 1 });
  });
});
