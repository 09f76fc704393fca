// The audit log in words (names and titles, not ids) and its CSV export.
import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../src/api/admin-api';
import { auditCsv, subjectText, whoText } from '../../../src/features/audit/audit-derive';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  atMs: Date.UTC(2026, 11, 4, 9, 30),
  action: 'watch',
  outcome: 'ok',
  uid: 'u-student1',
  email: 's******1@lecturevault.dev',
  recordingId: 'rec-1',
  meetingId: null,
  reason: null,
  ip: '203.0.113.7',
  name: 'Sam Patel',
  recordingTitle: 'Lecture 3 · 4 Dec',
  meetingTitle: 'Cardiology 101',
  ...over,
});

describe('audit log in words', () => {
  it('names the person with the masked email the log kept, and the system by that word', () => {
    assert.equal(whoText(entry({})), 'Sam Patel (s******1@lecturevault.dev)');
    assert.equal(whoText(entry({ name: null })), 's******1@lecturevault.dev', 'an account since deleted');
    assert.equal(whoText(entry({ uid: 'system', name: null, email: null })), 'System');
    assert.equal(whoText(entry({ uid: 'anonymous', name: null, email: null })), 'Anonymous');
  });

  it('titles the recording, else its meeting, and keeps the id only when nothing better is known', () => {
    assert.equal(subjectText(entry({})), 'Lecture 3 · 4 Dec');
    assert.equal(subjectText(entry({ recordingTitle: null })), 'Cardiology 101 (recording rec-1)');
    assert.equal(subjectText(entry({ recordingTitle: null, meetingTitle: null })), 'rec-1');
    assert.equal(subjectText(entry({ recordingId: null, recordingTitle: null, meetingId: 'm-1' })), 'Cardiology 101');
  });

  it('exports names, titles and ids, with hostile text defused', () => {
    const csv = auditCsv([entry({ name: '@Evil Name', reason: '=HYPERLINK("http://x","y")', recordingTitle: '+1' })]);
    const [header, row, end] = csv.split('\r\n');
    assert.match(header!, /^time_utc,name,email_masked,user_id,action,outcome,recording_title,recording_id/);
    assert.equal(
      row,
      `2026-12-04T09:30:00.000Z,'@Evil Name,s******1@lecturevault.dev,u-student1,watch,ok,'+1,rec-1,Cardiology 101,,"'=HYPERLINK(""http://x"",""y"")",203.0.113.7`,
    );
    assert.equal(end, '');
  });
});
