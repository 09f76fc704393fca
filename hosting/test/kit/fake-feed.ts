// A literal feed for the models that follow a pushed document (src/api/pushed-feed.ts): the test
// plays the listener's events; the fake counts subscriptions, when each began, and their ends.
import type { FeedEvent } from '../../src/api/pushed-feed';

export function fakeFeed<T>() {
  const listeners: ((event: FeedEvent<T>) => void)[] = [];
  const followedAt: number[] = [];
  let unfollowed = 0;
  return {
    /** What a feed's follow does with the model's listener; answers the unsubscribe. */
    follow(listener: (event: FeedEvent<T>) => void): () => void {
      listeners.push(listener);
      followedAt.push(Date.now());
      return () => void unfollowed++;
    },
    followedAt,
    /** Plays an event to the newest listener. */
    emit: (event: FeedEvent<T>) => listeners.at(-1)!(event),
    get follows() {
      return listeners.length;
    },
    get unfollowed() {
      return unfollowed;
    },
  };
}
