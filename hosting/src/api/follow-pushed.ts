// Following a pushed document for as long as a page wants it: the feed is loaded (`load`, the lazy
// Firestore chunk), the listener made on it (`listen`), every event passed on, and a listener
// that ends (the rules refused it, the chunk did not load) is made again after a wait that doubles
// from `firstRetryMs` up to `maxRetryMs` and starts over once a state arrives. Not in the lazy
// chunk: only types come from pushed-feed.ts.
import type { FeedEvent } from './pushed-feed';

export interface FollowOptions {
  firstRetryMs: number;
  maxRetryMs: number;
}

/** Follows until the returned function is called; `onEvent` sees every event, 'ended' included. */
export function followPushed<F, T>(
  load: () => Promise<F>,
  listen: (feed: F, listener: (event: FeedEvent<T>) => void) => () => void,
  onEvent: (event: FeedEvent<T>) => void,
  { firstRetryMs, maxRetryMs }: FollowOptions,
): () => void {
  let stopped = false;
  let unfollow: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = firstRetryMs;

  function handle(event: FeedEvent<T>): void {
    if (stopped) return;
    if (event.kind === 'ended') {
      unfollow?.();
      unfollow = null;
      retryTimer = setTimeout(() => void follow(), retryMs);
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    } else if (event.kind === 'state') retryMs = firstRetryMs;
    onEvent(event);
  }

  async function follow(): Promise<void> {
    retryTimer = null;
    try {
      const feed = await load();
      if (!stopped) unfollow = listen(feed, handle); // stopped while the chunk loaded: follow nothing
    } catch {
      handle({ kind: 'ended', code: 'unavailable' }); // the chunk did not load: try again later
    }
  }

  void follow();
  return () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    unfollow?.();
  };
}
