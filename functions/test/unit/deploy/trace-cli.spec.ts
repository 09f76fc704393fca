// npm run trace: the report as a person reads it in a terminal.
import assert from 'node:assert/strict';
import { formatReport } from '../../../../scripts/trace.mjs';

describe('npm run trace: the printed report', () => {
  it('names each suspect with uid, email, session start, IP, matches and the chance of a false match', () => {
    const text = formatReport({
      verdict: 'identified',
      message: 'The clip matches one viewer’s codeword.',
      recordingId: 'rec-1',
      title: 'Cardiac cycle',
      clipSeconds: 301.4,
      segmentsRead: 43,
      firstSeq: 12,
      lastSeq: 54,
      suspects: [
        {
          markId: 'AbCdEf0123456789',
          kind: 'playback',
          uid: 'u-student1',
          name: 'Sam Patel',
          email: 'student1@lecturevault.dev',
          startedAtMs: Date.UTC(2026, 2, 3, 9, 15, 0),
          ip: '203.0.113.7',
          matched: 42,
          of: 43,
          falseMatchChance: 3.2e-9,
        },
      ],
    });
    assert.match(text, /^Verdict: identified$/m);
    assert.match(text, /Recording: Cardiac cycle \(rec-1\)/);
    assert.match(text, /Clip: 301\.4 s, 43 segment\(s\) read, segments 12–54/);
    assert.match(text, /Sam Patel <student1@lecturevault\.dev> {2}uid u-student1/);
    assert.match(text, /playback session AbCdEf0123456789, started 2026-03-03 09:15:00 UTC from 203\.0\.113\.7/);
    assert.match(text, /42\/43 segments match its codeword; chance of a false match ≤ 3\.2e-9/);
  });

  it('says why it names no one, and lists nobody', () => {
    const text = formatReport({
      verdict: 'not-enough-footage',
      message: 'Too little of the clip could be read to name anyone safely.',
      clipSeconds: 9,
      segmentsRead: 1,
      suspects: [],
    });
    assert.match(text, /^Verdict: not-enough-footage\nToo little of the clip/);
    assert.doesNotMatch(text, /Named|Recording:/);
  });
});
