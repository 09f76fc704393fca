// Recording control model for one meeting: follows the pushed recording state (recordingStates/,
// Firestore's listener, through `feed`), loads the meeting's state from the API on opening (and
// keeps polling it only for those who control the recording: participants, force stop), runs
// Start / Stop / Force Stop with their confirmations, ticks the timer, and remembers which
// recordings this viewer has acknowledged in the consent banner. A listener that ends is followed
// again with backoff; while the feed is out of reach the last state stays on screen with
// "connection lost" (never "not recording" while a recording runs). A createModel model: its
// listener and timers stop when it is disposed.
import { batch, computed, createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../../api/http-api';
import type { ConsentAnswer, Estimate, LiveRecording, MeetingsApi, MeetingState } from '../../api/meetings-api';
import { errorMessage } from '../../ui/loader-model';
import { onDispose } from '../../ui/model-lifetime';
import { isLive } from '../../ui/recording-status';
import type { PushedRecordingState } from '@lecturevault/contract';
import { followPushed } from '../../api/follow-pushed';
import type { FeedEvent, RecordingFeed } from '../../api/pushed-feed';
import {
  consentNeeded,
  describeStartRefusal,
  forceStopOffered,
  liveElapsedSeconds,
  shownRecording,
} from './meeting-derive';

export interface ConsentStore {
  has(recordingId: string): boolean;
  add(recordingId: string): void;
}

export interface RecordingControlPort {
  readonly api: Pick<MeetingsApi, 'state' | 'estimate' | 'start' | 'stop' | 'forceStop'>;
  readonly consent: ConsentStore;
  /** Tells the server the banner's answer (the consent ledger); absent, the answer stays in this tab. */
  readonly answerConsent?: (recordingId: string, answer: ConsentAnswer) => Promise<void>;
  /** The pushed state's listener (loaded lazily); absent, everyone polls the API. */
  readonly feed?: () => Promise<RecordingFeed>;
  readonly now?: () => number;
  readonly pollMs?: number;
  /** First wait before following an ended listener again; doubles up to 30 s. */
  readonly retryMs?: number;
  /** How long the feed may be out of reach before "connection lost" shows (a blip flashes nothing). */
  readonly offlineGraceMs?: number;
}

const MAX_RETRY_MS = 30_000;

export type Busy = 'start' | 'stop' | 'force-stop' | null;

export interface RecordingControlModel {
  readonly state: ReadonlySignal<MeetingState | null>;
  /** Why the state could not be loaded (first load) or refreshed (later polls). */
  readonly loadError: ReadonlySignal<ApiError | null>;
  /** After loading, the state may be stale: a poll failed or the pushed state is out of reach. */
  readonly connectionLost: ReadonlySignal<boolean>;
  readonly recording: ReadonlySignal<LiveRecording | null>;
  readonly live: ReadonlySignal<boolean>;
  readonly elapsedSeconds: ReadonlySignal<number>;
  readonly forceStopOffered: ReadonlySignal<boolean>;
  readonly showConsent: ReadonlySignal<boolean>;
  readonly busy: ReadonlySignal<Busy>;
  readonly actionError: ReadonlySignal<string | null>;
  readonly confirmingEmptyRoom: ReadonlySignal<boolean>;
  readonly expectedHours: ReadonlySignal<number>;
  readonly estimate: ReadonlySignal<Estimate | null>;
  setExpectedHours(hours: number): void;
  start(confirmEmptyRoom?: boolean): Promise<void>;
  cancelEmptyRoom(): void;
  stop(): Promise<void>;
  forceStop(): Promise<void>;
  acknowledgeConsent(): void;
  /**
   * LiveKit's own word from the host page (room.isRecording): true shows the banner at once and asks
   * the API now; our state stays the authority, so the first report after the hint decides.
   */
  hintLiveKitRecording(recording: boolean): void;
  /** "Leave meeting" on the banner: the server hears it (best effort, a few seconds at most) before the page goes. */
  declineConsent(): Promise<void>;
  refresh(): Promise<void>;
}

export const RecordingControlModel = createModel<
  RecordingControlModel,
  [meetingId: string, port: RecordingControlPort]
>((meetingId, port) => {
  const now = port.now ?? Date.now;
  const state = signal<MeetingState | null>(null);
  const loadError = signal<ApiError | null>(null);
  const polledAt = signal(now());
  const tick = signal(now());
  const stoppingSeenAt = signal<number | null>(null);
  const busy = signal<Busy>(null);
  const actionError = signal<string | null>(null);
  const confirmingEmptyRoom = signal(false);
  const expectedHours = signal(1);
  const estimate = signal<Estimate | null>(null);
  const acknowledged = signal<ReadonlySet<string>>(new Set());
  const pushed = signal<PushedRecordingState | null>(null);
  const pushedAt = signal(now());
  const feedLost = signal(false);
  /** Reports (answers and snapshots) seen so far, and how many had been seen when LiveKit hinted. */
  const reports = signal(0);
  const hintedAt = signal<number | null>(null);
  const answeredBeforeState = signal(false);
  const hintPending = computed(() => hintedAt.value !== null && reports.value === hintedAt.value);

  const shown = computed(() => shownRecording(state.value?.recording ?? null, pushed.value, pushedAt.value));
  const recording = shown;
  // The timer runs from whichever report the shown recording came from.
  const reportedAt = computed(() =>
    shown.value === (state.value?.recording ?? null) ? polledAt.value : pushedAt.value,
  );
  const live = computed(() => (recording.value ? isLive(recording.value.status) : false));
  let disposed = false;
  let estimateAsked = false;

  async function refresh(): Promise<void> {
    try {
      const next = await port.api.state(meetingId);
      if (disposed) return;
      const current = next.recording;
      batch(() => {
        state.value = next;
        loadError.value = null;
        polledAt.value = now();
        reports.value++;
        if (current?.status !== 'stopping') stoppingSeenAt.value = null;
        else if (stoppingSeenAt.value === null) stoppingSeenAt.value = now();
        noteAcknowledged(current?.id);
      });
      // The storage estimate is staff-only (a 403 for everyone else): asked once the state says this
      // user controls the recording, never by a student's page.
      if (next.canControl && !estimateAsked) {
        estimateAsked = true;
        void loadEstimate();
      }
    } catch (error) {
      if (!disposed)
        loadError.value = error instanceof ApiError ? error : new ApiError(0, 'unknown', 'Could not load the meeting.');
    }
  }

  // "Continue" pressed on the hint's banner, before our state named the recording: it answers that one.
  effect(() => {
    if (!answeredBeforeState.value || hintPending.value) return; // still waiting for our first report
    const current = recording.value;
    const running = live.value;
    untracked(() => {
      answeredBeforeState.value = false;
      if (current && running) acknowledge(current.id);
    });
  });

  function acknowledge(recordingId: string): void {
    port.consent.add(recordingId);
    acknowledged.value = new Set([...acknowledged.value, recordingId]);
    void sendAnswer(recordingId, 'continue');
  }

  /** A recording this tab already answered (before a reload) needs no banner. */
  function noteAcknowledged(recordingId: string | null | undefined): void {
    if (recordingId && port.consent.has(recordingId) && !acknowledged.value.has(recordingId)) {
      acknowledged.value = new Set([...acknowledged.value, recordingId]);
    }
  }

  // ── The pushed state ──
  let offlineTimer: ReturnType<typeof setTimeout> | null = null;
  const clearOffline = () => {
    if (offlineTimer) clearTimeout(offlineTimer);
    offlineTimer = null;
  };

  function onFeed(event: FeedEvent<PushedRecordingState>): void {
    if (disposed) return;
    if (event.kind === 'offline') {
      // Under load the SDK can flap between cache and server; a notice that comes and goes would
      // move the controls under the pointer. Only an outage that lasts is reported.
      offlineTimer ??= setTimeout(() => (feedLost.value = true), port.offlineGraceMs ?? 3000);
      return;
    }
    clearOffline();
    if (event.kind === 'ended') {
      feedLost.value = true; // followPushed follows again with backoff
      return;
    }
    const previous = pushed.peek();
    batch(() => {
      feedLost.value = false;
      pushed.value = event.state;
      pushedAt.value = now();
      reports.value++;
      noteAcknowledged(event.state?.recordingId);
    });
    // Controllers also need what only the API says (force stop, participants) as soon as it moves.
    const moved = previous?.recordingId !== event.state?.recordingId || previous?.status !== event.state?.status;
    if (moved && previous && state.peek()?.canControl) void refresh();
  }

  async function loadEstimate(): Promise<void> {
    const hours = expectedHours.value;
    try {
      const next = await port.api.estimate(hours);
      if (!disposed && expectedHours.value === hours) estimate.value = next;
    } catch {
      if (!disposed) estimate.value = null; // the estimate is advice; Start still works without it
    }
  }

  async function act(kind: Exclude<Busy, null>, run: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    batch(() => {
      busy.value = kind;
      actionError.value = null;
    });
    try {
      await run();
      await refresh();
    } finally {
      busy.value = null;
    }
  }

  /** The answer to the server: retried twice (a dropped answer is a "never answered" in the ledger), never thrown. */
  async function sendAnswer(recordingId: string, answer: ConsentAnswer): Promise<void> {
    for (let attempt = 0; attempt < 3 && port.answerConsent; attempt++) {
      try {
        return await port.answerConsent(recordingId, answer);
      } catch (error) {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return; // refused: retrying will not help
        await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
      }
    }
  }

  // With the feed, only controllers poll (participants, force stop); a failed first load is retried by hand.
  const poll = setInterval(() => {
    if (!port.feed || state.peek()?.canControl) void refresh();
  }, port.pollMs ?? 2000);
  const clock = setInterval(() => (tick.value = now()), 1000);
  void refresh();
  const feed = port.feed;
  const unfollow = feed
    ? followPushed(feed, (f, listener) => f.follow(meetingId, listener), onFeed, {
        firstRetryMs: port.retryMs ?? 1000,
        maxRetryMs: MAX_RETRY_MS,
      })
    : () => {};
  onDispose(() => {
    disposed = true;
    clearInterval(poll);
    clearInterval(clock);
    clearOffline();
    unfollow();
  });

  return {
    state,
    loadError,
    connectionLost: computed(() => state.value !== null && (loadError.value !== null || feedLost.value)),
    recording,
    live,
    elapsedSeconds: computed(() =>
      recording.value ? liveElapsedSeconds(recording.value, reportedAt.value, tick.value) : 0,
    ),
    forceStopOffered: computed(() =>
      recording.value ? forceStopOffered(recording.value, stoppingSeenAt.value, tick.value) : false,
    ),
    showConsent: computed(
      () =>
        consentNeeded(recording.value, acknowledged.value) ||
        (hintPending.value && !live.value && !answeredBeforeState.value),
    ),
    busy,
    actionError,
    confirmingEmptyRoom,
    expectedHours,
    estimate,
    setExpectedHours(hours) {
      expectedHours.value = hours;
      void loadEstimate();
    },
    start: (confirmEmptyRoom = false) =>
      act('start', async () => {
        confirmingEmptyRoom.value = false;
        try {
          await port.api.start(meetingId, { confirmEmptyRoom, expectedHours: expectedHours.value });
        } catch (error) {
          const refusal = describeStartRefusal(error);
          if (refusal.kind === 'confirm-empty-room') confirmingEmptyRoom.value = true;
          else actionError.value = refusal.text;
        }
      }),
    cancelEmptyRoom() {
      confirmingEmptyRoom.value = false;
    },
    stop: () =>
      act('stop', async () => {
        try {
          await port.api.stop(meetingId);
        } catch (error) {
          actionError.value = errorMessage(error, 'Could not stop the recording.');
        }
      }),
    forceStop: () =>
      act('force-stop', async () => {
        try {
          await port.api.forceStop(meetingId);
        } catch (error) {
          actionError.value = errorMessage(error, 'Could not force-stop the recording.');
        }
      }),
    acknowledgeConsent() {
      const current = recording.value;
      if (current && live.value) acknowledge(current.id);
      else if (hintPending.value) answeredBeforeState.value = true;
    },
    hintLiveKitRecording(recordingNow) {
      if (!recordingNow) {
        hintedAt.value = null;
        return;
      }
      if (hintedAt.peek() !== null) return;
      hintedAt.value = reports.peek();
      void refresh();
    },
    async declineConsent() {
      const current = recording.value;
      if (current) await sendAnswer(current.id, 'leave');
    },
    refresh,
  };
});

/** Consent choices last for the browser tab (sessionStorage): a reload does not ask again. */
export function sessionConsentStore(storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage): ConsentStore {
  const KEY = 'lv.consented';
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (id) => read().includes(id),
    add(id) {
      try {
        storage.setItem(KEY, JSON.stringify([...read().filter((x) => x !== id), id].slice(-50)));
      } catch {
        /* private mode: the banner simply asks again after a reload */
      }
    },
  };
}
