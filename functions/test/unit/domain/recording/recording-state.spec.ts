import assert from 'node:assert/strict';
import {
  EgressStatus,
  egressLost,
  forceStop,
  nextFromEgress,
  stopRequested,
  type EgressFacts,
  type RecordingFacts,
} from '../../../../src/domain/recording/recording-state';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const egress = (status: EgressStatus, extra: Partial<EgressFacts> = {}): EgressFacts => ({
  egressId: 'EG_1',
  status,
  startedAtMs: T0,
  ...extra,
});

/** Applies events in order, the way the webhook handler does. */
function replay(
  events: EgressFacts[],
  start: RecordingFacts = { status: 'starting' },
): RecordingFacts & { reason?: string; hidden?: boolean } {
  let current: RecordingFacts & { reason?: string; hidden?: boolean } = start;
  for (const event of events) {
    const next = nextFromEgress(current, event);
    if (next) current = { ...current, ...next };
  }
  return current;
}

describe('recording state machine', () => {
  it('follows STARTING → ACTIVE → ENDING → COMPLETE to ready', () => {
    const final = replay([
      egress(EgressStatus.STARTING),
      egress(EgressStatus.ACTIVE),
      egress(EgressStatus.ENDING),
      egress(EgressStatus.COMPLETE, { endedAtMs: T0 + 60_000, segmentCount: 9 }),
    ]);
    assert.equal(final.status, 'ready');
    assert.equal(final.reason, undefined);
  });

  it('marks a recording shorter than 10 s incomplete and hidden', () => {
    const final = replay([egress(EgressStatus.ACTIVE), egress(EgressStatus.COMPLETE, { endedAtMs: T0 + 9_500 })]);
    assert.deepEqual([final.status, final.reason, final.hidden], ['incomplete', 'too-short', true]);
  });

  it('keeps a 10 s recording playable', () => {
    const final = replay([egress(EgressStatus.ACTIVE), egress(EgressStatus.COMPLETE, { endedAtMs: T0 + 10_000 })]);
    assert.equal(final.status, 'ready');
  });

  it('turns a crash with segments into incomplete (alerted) and without segments into failed', () => {
    const crashed = nextFromEgress(
      { status: 'recording', startedAtMs: T0 },
      egress(EgressStatus.FAILED, { endedAtMs: T0 + 70_000, segmentCount: 10, error: 'process crashed' }),
    );
    assert.deepEqual(
      [crashed?.status, crashed?.reason, crashed?.detail, crashed?.alert],
      ['incomplete', 'egress-failed', 'process crashed', true],
    );
    const dead = nextFromEgress(
      { status: 'starting' },
      egress(EgressStatus.FAILED, { endedAtMs: T0 + 1_000, segmentCount: 0 }),
    );
    assert.equal(dead?.status, 'failed');
  });

  it('ends cleanly on LIMIT_REACHED with an alert', () => {
    const t = nextFromEgress(
      { status: 'recording', startedAtMs: T0 },
      egress(EgressStatus.LIMIT_REACHED, { endedAtMs: T0 + 3_600_000 }),
    );
    assert.deepEqual([t?.status, t?.reason, t?.alert], ['ready', 'limit-reached', true]);
  });

  it('ignores duplicates and late events: nothing moves backwards', () => {
    const ready: RecordingFacts = { status: 'ready', startedAtMs: T0 };
    for (const s of [
      EgressStatus.STARTING,
      EgressStatus.ACTIVE,
      EgressStatus.ENDING,
      EgressStatus.FAILED,
      EgressStatus.COMPLETE,
    ]) {
      assert.equal(nextFromEgress(ready, egress(s, { endedAtMs: T0 + 1 })), null, EgressStatus[s]);
    }
    assert.equal(nextFromEgress({ status: 'stopping' }, egress(EgressStatus.ACTIVE)), null);
    assert.equal(nextFromEgress({ status: 'recording' }, egress(EgressStatus.ACTIVE)), null);
  });

  it('reaches the same final state for every order of the same events (seeded shuffles)', () => {
    const events = [
      egress(EgressStatus.STARTING),
      egress(EgressStatus.ACTIVE),
      egress(EgressStatus.ENDING),
      egress(EgressStatus.COMPLETE, { endedAtMs: T0 + 120_000, segmentCount: 18 }),
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const shuffled = [...events, ...events.filter(() => random() < 0.5)].sort(() => random() - 0.5);
      const final = replay(shuffled);
      assert.equal(final.status, 'ready', `schedule ${i}`);
    }
  });

  it('force stop works from any active state and never from a final one', () => {
    const t = forceStop({ status: 'stopping', startedAtMs: T0 }, T0 + 600_000, 'u-admin');
    assert.deepEqual(
      [t?.status, t?.reason, t?.durationSeconds, t?.hidden],
      ['incomplete', 'force-stopped', 600, false],
    );
    assert.equal(forceStop({ status: 'ready' }, T0, 'u-admin'), null);
  });

  it('a lost egress closes an active recording with an alert', () => {
    const t = egressLost({ status: 'recording', startedAtMs: T0 }, T0 + 30_000);
    assert.deepEqual([t?.status, t?.reason, t?.alert], ['incomplete', 'egress-lost', true]);
    assert.equal(egressLost({ status: 'failed' }, T0), null);
  });

  it('stop moves starting/recording to stopping only', () => {
    assert.equal(stopRequested({ status: 'recording' })?.status, 'stopping');
    assert.equal(stopRequested({ status: 'stopping' }), null);
    assert.equal(stopRequested({ status: 'ready' }), null);
  });
});

describe('recording duration', () => {
  it('prefers the media duration LiveKit reports over wall-clock times', () => {
    const t = nextFromEgress(
      { status: 'recording', startedAtMs: T0 },
      egress(EgressStatus.COMPLETE, { endedAtMs: T0 + 5_000, durationMs: 21_000 }),
    );
    assert.deepEqual([t?.status, t?.durationSeconds], ['ready', 21]);
  });
});
