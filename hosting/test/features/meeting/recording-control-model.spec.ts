// The recording control model against a small literal API fake (the server itself is covered by
// the integration and browser suites; here the subject is the model's own choices).
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http-api';
import type { MeetingState, MeetingsApi } from '../../../src/api/meetings-api';
import type { Model } from '@preact/signals';
import type { PushedRecordingState } from '@lecturevault/contract';
import type { RecordingFeed } from '../../../src/api/pushed-feed';
import {
  RecordingControlModel,
  sessionConsentStore,
  type RecordingControlPort,
} from '../../../src/features/meeting/recording-control-model';
import { fakeFeed } from '../../kit/fake-feed';
import { until } from '../../kit/until';

const idle: MeetingState = {
  meetingId: 'm1',
  title: 'Heart sounds',
  canControl: true,
  participants: [],
  recording: null,
};
const recording = (id = 'rec-1'): MeetingState => ({
  ...idle,
  recording: {
    id,
    status: 'recording',
    elapsedSeconds: 5,
    stopRequestedAtMs: null,
    forceStopAvailable: false,
    reason: null,
  },
});

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The meetings API as the model calls it: an idle meeting and a 900 MB/h estimate, unless a test says otherwise. */
function stubApi(api: Partial<MeetingsApi> = {}): RecordingControlPort['api'] {
  return {
    state: async () => idle,
    estimate: async (hours: number) => ({ hours, estimatedBytes: hours * 900e6, freeBytes: 40e9, warnings: [] }),
    start: async () => undefined,
    stop: async () => undefined,
    forceStop: async () => undefined,
    ...api,
  };
}

describe('recording control model', () => {
  const built: Model<RecordingControlModel>[] = [];
  afterEach(() => built.splice(0).forEach((m) => m[Symbol.dispose]()));

  function build(api: Partial<MeetingsApi>, storage = memoryStorage()) {
    const model = new RecordingControlModel('m1', {
      api: stubApi(api),
      consent: sessionConsentStore(storage),
      pollMs: 60_000,
    });
    built.push(model);
    return model;
  }

  it('tells the server the banner’s answers for the running recording, retrying a network failure once more', async () => {
    const answers: string[] = [];
    let failures = 1;
    const model = new RecordingControlModel('m1', {
      api: {
        state: async () => recording('rec-7'),
        estimate: async (hours: number) => ({ hours, estimatedBytes: 0, freeBytes: 0, warnings: [] }),
        start: async () => undefined,
        stop: async () => undefined,
        forceStop: async () => undefined,
      },
      consent: sessionConsentStore(memoryStorage()),
      answerConsent: async (recordingId, answer) => {
        if (failures-- > 0) throw new ApiError(0, 'network', 'offline');
        answers.push(`${recordingId}:${answer}`);
      },
      pollMs: 60_000,
    });
    built.push(model);
    await settle();
    model.acknowledgeConsent();
    await model.declineConsent();
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual(answers.sort(), ['rec-7:continue', 'rec-7:leave']);
  });

  it('asks for the staff-only storage estimate only once the state says this user controls the recording', async () => {
    const asked: number[] = [];
    const estimate = async (hours: number) => {
      asked.push(hours);
      return { hours, estimatedBytes: 0, freeBytes: 0, warnings: [] };
    };
    const student = build({ state: async () => ({ ...idle, canControl: false }), estimate });
    await settle();
    await student.refresh();
    assert.deepEqual(asked, [], 'a student page never calls GET /api/recording-estimate (a 403)');
    assert.equal(student.estimate.value, null);

    const controller = build({ estimate });
    await settle();
    await controller.refresh();
    await settle();
    assert.deepEqual(asked, [1], 'asked once, for the default hour');
    assert.equal(controller.estimate.value?.hours, 1);
  });

  it('asks to confirm an empty room, then starts with confirmEmptyRoom', async () => {
    const calls: boolean[] = [];
    let current = idle;
    const m = build({
      state: async () => current,
      start: async (_id, options) => {
        calls.push(options.confirmEmptyRoom);
        if (!options.confirmEmptyRoom) throw new ApiError(409, 'empty-room', 'Nobody is in the room yet.');
        current = recording();
      },
    });
    await settle();
    await m.start();
    assert.equal(m.confirmingEmptyRoom.value, true);
    assert.equal(m.actionError.value, null);
    await m.start(true);
    assert.deepEqual(calls, [false, true]);
    assert.equal(m.confirmingEmptyRoom.value, false);
    assert.equal(m.live.value, true);
  });

  it("shows the server's refusal in words", async () => {
    const m = build({
      start: async () => {
        throw new ApiError(503, 'room-not-running', 'Recording engine unavailable: the meeting room is not running.');
      },
    });
    await m.start();
    assert.equal(m.actionError.value, 'Recording engine unavailable: the meeting room is not running.');
    assert.equal(m.busy.value, null);
  });

  it('shows the consent banner until the viewer continues, and remembers the choice', async () => {
    const storage = memoryStorage();
    const m = build({ state: async () => recording() }, storage);
    await settle();
    assert.equal(m.showConsent.value, true);
    m.acknowledgeConsent();
    assert.equal(m.showConsent.value, false);
    m[Symbol.dispose]();
    const again = build({ state: async () => recording() }, storage);
    await settle();
    assert.equal(again.showConsent.value, false, 'a reload in the same tab does not ask again');
    const next = build({ state: async () => recording('rec-2') }, storage);
    await settle();
    assert.equal(next.showConsent.value, true, 'a new recording asks again');
  });

  it('keeps the last state and reports the error when a poll fails', async () => {
    let fail = false;
    const m = build({
      state: async () => {
        if (fail) throw new ApiError(0, 'network', 'Could not reach LectureVault.');
        return recording();
      },
    });
    await settle();
    fail = true;
    await m.refresh();
    assert.equal(m.state.value?.recording?.id, 'rec-1');
    assert.equal(m.loadError.value?.code, 'network');
  });

  it('stops polling the meeting once disposed', async () => {
    let polls = 0;
    const model = new RecordingControlModel('m1', {
      api: {
        state: async () => (polls++, idle),
        estimate: async (hours: number) => ({ hours, estimatedBytes: 0, freeBytes: 0, warnings: [] }),
        start: async () => undefined,
        stop: async () => undefined,
        forceStop: async () => undefined,
      },
      consent: sessionConsentStore(memoryStorage()),
      pollMs: 5,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    model[Symbol.dispose]();
    const seen = polls;
    assert.ok(seen >= 2, 'it polled while alive');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(polls, seen);
  });
});

describe('recording control model: the pushed state (recordingStates/)', () => {
  const built: Model<RecordingControlModel>[] = [];
  afterEach(() => built.splice(0).forEach((m) => m[Symbol.dispose]()));

  const pushedState = (status: PushedRecordingState['status'], recordingId: string | null = 'rec-1') => ({
    meetingId: 'm1',
    recordingId,
    status,
    createdAtMs: 1_000,
    startedAtMs: status === 'starting' ? null : 2_000,
    startedByName: 'Dr. Meredith Grey',
    consentTextVersion: 1,
    updatedAtMs: 3_000,
  });

  /** The recording state's feed, a literal one (../../kit/fake-feed). */
  function fakeRecordingFeed() {
    const fake = fakeFeed<PushedRecordingState>();
    const feed: RecordingFeed = { follow: (_meetingId, listener) => fake.follow(listener) };
    return Object.assign(fake, { feed });
  }

  function build(feed: RecordingFeed, state: () => MeetingState, polls = { count: 0 }) {
    const model = new RecordingControlModel('m1', {
      api: stubApi({
        state: async () => {
          polls.count++;
          return state();
        },
      }),
      consent: sessionConsentStore(memoryStorage()),
      feed: async () => feed,
      pollMs: 20,
      retryMs: 10,
      offlineGraceMs: 30,
    });
    built.push(model);
    return model;
  }

  it('a participant shows the banner and the indicator from the document, without polling the API', async () => {
    const f = fakeRecordingFeed();
    const polls = { count: 0 };
    const m = build(f.feed, () => ({ ...idle, canControl: false }), polls);
    await settle();
    f.emit({ kind: 'state', state: null });
    assert.equal(m.live.value, false);
    f.emit({ kind: 'state', state: pushedState('recording') });
    assert.equal(m.live.value, true);
    assert.equal(m.showConsent.value, true);
    assert.equal(m.recording.value?.id, 'rec-1');
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(polls.count, 1, 'one load on opening, no 2 s poll');
    f.emit({ kind: 'state', state: pushedState('ready') });
    assert.equal(m.live.value, false);
  });

  it('a controller still polls (participants, force stop)', async () => {
    const f = fakeRecordingFeed();
    const polls = { count: 0 };
    build(f.feed, () => idle, polls);
    await until(() => polls.count >= 3, 'three polls'); // every 20 ms; a late timer only delays them
  });

  it('going offline keeps "recording" on screen and, once it lasts, says the connection is lost', async () => {
    const f = fakeRecordingFeed();
    const m = build(f.feed, () => ({ ...idle, canControl: false }));
    await settle();
    f.emit({ kind: 'state', state: pushedState('recording') });
    f.emit({ kind: 'offline' });
    f.emit({ kind: 'state', state: pushedState('recording') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(m.connectionLost.value, false, 'a blip shorter than the grace shows nothing');
    f.emit({ kind: 'offline' });
    assert.equal(m.connectionLost.value, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(m.connectionLost.value, true, 'an outage that lasts is reported');
    assert.equal(m.live.value, true, 'never "not recording" while it runs');
    f.emit({ kind: 'state', state: pushedState('recording') });
    assert.equal(m.connectionLost.value, false);
  });

  it('an ended listener (refused, say) is followed again with backoff, keeping the last state', async () => {
    const f = fakeRecordingFeed();
    const m = build(f.feed, () => ({ ...idle, canControl: false }));
    await settle();
    f.emit({ kind: 'state', state: pushedState('recording') });
    // Each time taken before the event: the retry is scheduled inside emit, so the wait measured
    // from here can only be longer than the one asked for, however late this process runs.
    const endedAt = Date.now();
    f.emit({ kind: 'ended', code: 'permission-denied' });
    assert.equal(m.connectionLost.value, true);
    assert.equal(m.live.value, true);
    await until(() => f.follows === 2, 'the second follow');
    assert.ok(f.followedAt[1]! - endedAt >= 9, 'followed again after the first wait (10 ms)');
    const endedAgainAt = Date.now();
    f.emit({ kind: 'ended', code: 'unavailable' });
    await until(() => f.follows === 3, 'the third follow');
    assert.ok(f.followedAt[2]! - endedAgainAt >= 19, 'the second wait is longer (20 ms)');
    f.emit({ kind: 'state', state: pushedState('stopping') });
    assert.equal(m.connectionLost.value, false);
    assert.equal(m.recording.value?.status, 'stopping');
  });

  it('a late poll does not move the pushed recording back, and disposing stops the listener', async () => {
    const f = fakeRecordingFeed();
    const m = build(f.feed, () => recording('rec-1'));
    await settle();
    f.emit({ kind: 'state', state: pushedState('stopping') });
    await new Promise((resolve) => setTimeout(resolve, 60)); // polls answer "recording" meanwhile
    assert.equal(m.recording.value?.status, 'stopping');
    m[Symbol.dispose]();
    built.splice(built.indexOf(m), 1);
    assert.equal(f.unfollowed, 1);
  });
});

describe('recording control model: LiveKit’s room.isRecording as a hint', () => {
  const built: Model<RecordingControlModel>[] = [];
  afterEach(() => built.splice(0).forEach((m) => m[Symbol.dispose]()));

  function build(state: () => MeetingState, answers: string[] = []) {
    const polls = { count: 0 };
    const model = new RecordingControlModel('m1', {
      api: stubApi({
        state: async () => {
          polls.count++;
          await new Promise((resolve) => setTimeout(resolve, 20)); // the API takes a moment
          return state();
        },
      }),
      consent: sessionConsentStore(memoryStorage()),
      answerConsent: async (recordingId, answer) => void answers.push(`${recordingId}:${answer}`),
      pollMs: 60_000,
    });
    built.push(model);
    return { model, polls };
  }

  it('shows the banner at once and asks the API now; our answer then decides', async () => {
    let current: MeetingState = { ...idle, canControl: false };
    const answers: string[] = [];
    const { model, polls } = build(() => current, answers);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(model.showConsent.value, false);
    current = { ...recording('rec-9'), canControl: false };
    model.hintLiveKitRecording(true);
    assert.equal(model.showConsent.value, true, 'at once, before the API answers');
    assert.equal(polls.count, 2, 'asked now, not at the next poll');
    model.acknowledgeConsent(); // answered on the hint's banner
    assert.equal(model.showConsent.value, false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(model.recording.value?.id, 'rec-9');
    assert.equal(model.showConsent.value, false, 'the answer carries over to the recording our state names');
    assert.deepEqual(answers, ['rec-9:continue']);
  });

  it('a hint our state contradicts (a recording that is not ours) drops the banner', async () => {
    const { model } = build(() => ({ ...idle, canControl: false }));
    await new Promise((resolve) => setTimeout(resolve, 40));
    model.hintLiveKitRecording(true);
    assert.equal(model.showConsent.value, true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(model.showConsent.value, false);
    assert.equal(model.live.value, false);
  });
});
