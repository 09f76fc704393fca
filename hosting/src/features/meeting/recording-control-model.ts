// Recording control model for one meeting: polls the live state, runs Start / Stop / Force Stop
// with their confirmations, ticks the timer, and remembers which recordings this viewer has
// acknowledged in the consent banner. A createModel model: its polling stops when it is disposed.
import { batch, computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../../api/http-api';
import type { ConsentAnswer, Estimate, LiveRecording, MeetingsApi, MeetingState } from '../../api/meetings-api';
import { errorMessage } from '../../ui/loader-model';
import { onDispose } from '../../ui/model-lifetime';
import { isLive } from '../../ui/recording-status';
import { consentNeeded, describeStartRefusal, forceStopOffered, liveElapsedSeconds } from './meeting-derive';

export interface ConsentStore {
  has(recordingId: string): boolean;
  add(recordingId: string): void;
}

export interface RecordingControlPort {
  readonly api: Pick<MeetingsApi, 'state' | 'estimate' | 'start' | 'stop' | 'forceStop'>;
  readonly consent: ConsentStore;
  /** Tells the server the banner's answer (the consent ledger); absent, the answer stays in this tab. */
  readonly answerConsent?: (recordingId: string, answer: ConsentAnswer) => Promise<void>;
  readonly now?: () => number;
  readonly pollMs?: number;
}

export type Busy = 'start' | 'stop' | 'force-stop' | null;

export interface RecordingControlModel {
  readonly state: ReadonlySignal<MeetingState | null>;
  /** Why the state could not be loaded (first load) or refreshed (later polls). */
  readonly loadError: ReadonlySignal<ApiError | null>;
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

  const recording = computed(() => state.value?.recording ?? null);
  const live = computed(() => (recording.value ? isLive(recording.value.status) : false));
  let disposed = false;

  async function refresh(): Promise<void> {
    try {
      const next = await port.api.state(meetingId);
      if (disposed) return;
      const current = next.recording;
      batch(() => {
        state.value = next;
        loadError.value = null;
        polledAt.value = now();
        if (current?.status !== 'stopping') stoppingSeenAt.value = null;
        else if (stoppingSeenAt.value === null) stoppingSeenAt.value = now();
        if (current && port.consent.has(current.id) && !acknowledged.value.has(current.id)) {
          acknowledged.value = new Set([...acknowledged.value, current.id]);
        }
      });
    } catch (error) {
      if (!disposed)
        loadError.value = error instanceof ApiError ? error : new ApiError(0, 'unknown', 'Could not load the meeting.');
    }
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

  const poll = setInterval(() => void refresh(), port.pollMs ?? 2000);
  const clock = setInterval(() => (tick.value = now()), 1000);
  onDispose(() => {
    disposed = true;
    clearInterval(poll);
    clearInterval(clock);
  });
  void refresh();
  void loadEstimate();

  return {
    state,
    loadError,
    recording,
    live,
    elapsedSeconds: computed(() =>
      recording.value ? liveElapsedSeconds(recording.value, polledAt.value, tick.value) : 0,
    ),
    forceStopOffered: computed(() =>
      recording.value ? forceStopOffered(recording.value, stoppingSeenAt.value, tick.value) : false,
    ),
    showConsent: computed(() => consentNeeded(recording.value, acknowledged.value)),
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
      if (!current) return;
      port.consent.add(current.id);
      acknowledged.value = new Set([...acknowledged.value, current.id]);
      void sendAnswer(current.id, 'continue');
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
