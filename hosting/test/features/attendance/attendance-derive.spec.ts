import assert from 'node:assert/strict';
import { csvFileName, viewersCsv } from '../../../src/features/attendance/attendance-derive';
import { csvCell } from '../../../src/ui/csv';
import { progressView, watchAction } from '../../../src/features/library/library-derive';

describe('attendance CSV', () => {
  it('writes a header and one row per viewer, quoting and defusing formulas', () => {
    const csv = viewersCsv([
      {
        uid: 'u1',
        name: 'Patel, "Sam"',
        email: 'sam@school.edu',
        watchedSeconds: 610,
        completion: 0.514,
        sessions: 2,
        firstWatchedAtMs: Date.UTC(2026, 0, 5, 9),
        lastWatchedAtMs: Date.UTC(2026, 0, 6, 18, 30),
      },
      {
        uid: 'u2',
        name: '=HYPERLINK("x")',
        email: 'b@school.edu',
        watchedSeconds: 0,
        completion: 0,
        sessions: 1,
        firstWatchedAtMs: 0,
        lastWatchedAtMs: 0,
      },
    ]);
    assert.deepEqual(csv.split('\r\n'), [
      'name,email,watched_seconds,completion_percent,sessions,first_watched_utc,last_watched_utc',
      '"Patel, ""Sam""",sam@school.edu,610,51,2,2026-01-05T09:00:00.000Z,2026-01-06T18:30:00.000Z',
      `"'=HYPERLINK(""x"")",b@school.edu,0,0,1,1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z`,
      '',
    ]);
    assert.equal(csvCell(-3), '-3', 'numbers are not defused');
    assert.equal(csvCell('@x'), "'@x");
  });

  it('names the file after the recording', () => {
    assert.equal(
      csvFileName('Cardiology 101: the heart!', Date.UTC(2026, 2, 1)),
      'viewers-Cardiology-101-the-heart-2026-03-01.csv',
    );
    assert.equal(csvFileName('***', 0), 'viewers-recording-1970-01-01.csv');
  });
});

describe('library progress', () => {
  it('is unwatched, started (resume at) or watched', () => {
    assert.deepEqual(progressView(null, 600), { kind: 'unwatched' });
    assert.deepEqual(progressView({ watchedSeconds: 0, completion: 0, resumeAtSeconds: 0 }, 600), {
      kind: 'unwatched',
    });
    assert.deepEqual(progressView({ watchedSeconds: 120, completion: 0.2, resumeAtSeconds: 130 }, 600), {
      kind: 'started',
      percent: 20,
      resumeAtSeconds: 130,
    });
    assert.deepEqual(progressView({ watchedSeconds: 300, completion: 0.5, resumeAtSeconds: 900 }, 600), {
      kind: 'started',
      percent: 50,
      resumeAtSeconds: 595,
    });
    assert.deepEqual(progressView({ watchedSeconds: 560, completion: 0.93, resumeAtSeconds: 590 }, 600), {
      kind: 'watched',
      percent: 93,
    });
  });

  it('offers Resume on a lecture left part-way, Watch otherwise', () => {
    assert.equal(watchAction({ kind: 'started', percent: 20, resumeAtSeconds: 130 }), 'Resume');
    assert.equal(watchAction({ kind: 'unwatched' }), 'Watch');
    assert.equal(watchAction({ kind: 'watched', percent: 93 }), 'Watch');
  });
});
