// Who the recording widget's own Firebase app is signed in as, and the listener over it: the widget
// follows recordingStates/ signed in as the host page's current user and nobody else. Before each
// follow it compares that user (the subject of the host's ID token) with its own session's: the same
// user keeps the session, another user (or none) ends it first, and a missing session is made by
// trading the host's token for a custom token (POST /api/embed/feed-token). A minute after the last
// widget stopped following, the session is signed out. The Firebase side is widget-feed.ts; this
// module only decides.
import type { PushedRecordingState } from '@lecturevault/contract';
import type { FeedEvent as PushedEvent, RecordingFeed } from '../api/pushed-feed';

type FeedEvent = PushedEvent<PushedRecordingState>;

export interface FeedSessionPort {
  /** The host's signed-in user now (its ID token's subject), or null when it has none. */
  hostUser(): Promise<string | null>;
  /** Who the widget's own app is signed in as, or null. */
  signedInAs(): string | null;
  /** Trades the host's token for a custom token and signs the widget's own app in with it. */
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** The listener over the widget's own app (api/pushed-feed.ts). */
  readonly feed: RecordingFeed;
}

/** Why no session could be made: the listener ends with this code and the model follows again later. */
export class FeedSessionError extends Error {
  override readonly name = 'FeedSessionError';
  constructor(readonly code: string) {
    super(`The recording feed has no session: ${code}`);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unavailable';
}

/**
 * How long a session nobody follows is kept: a listener the rules ended is followed again within
 * 30 s (the model's backoff), and should not trade a new token each time; a widget that went (the
 * host signed out, the element was removed) leaves no session behind for longer than this.
 */
export const IDLE_SIGN_OUT_MS = 60_000;

export function createFeedSession(port: FeedSessionPort, idleMs = IDLE_SIGN_OUT_MS): RecordingFeed {
  // Sign-ins and sign-outs one after the other: two widgets opening at once trade one token.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  let followers = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const signedInAsHost = () =>
    serially(async () => {
      const host = await port.hostUser();
      if (host !== null && port.signedInAs() === host) return;
      if (port.signedInAs() !== null) await port.signOut();
      if (host === null) throw new FeedSessionError('signed-out');
      await port.signIn();
      // The host switched users while the token was being traded: follow again as the new one.
      if (port.signedInAs() !== host) throw new FeedSessionError('host-user-changed');
    });

  return {
    follow(meetingId, listener) {
      followers++;
      clearTimeout(idleTimer);
      let stopped = false;
      let stopInner = () => {};
      const forward = (event: FeedEvent) => {
        if (!stopped) listener(event);
      };
      signedInAsHost().then(
        () => {
          if (!stopped) stopInner = port.feed.follow(meetingId, forward);
        },
        (error: unknown) => forward({ kind: 'ended', code: codeOf(error) }),
      );
      return () => {
        if (stopped) return;
        stopped = true;
        stopInner();
        if (--followers > 0) return;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(
          () =>
            void serially(async () => {
              if (followers === 0 && port.signedInAs() !== null) await port.signOut();
            }).catch(() => undefined),
          idleMs,
        );
      };
    },
  };
}
