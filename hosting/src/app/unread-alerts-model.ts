// The admin's unread-alert count for the navigation badge: follows adminBadges/alerts, the count the
// functions push with every alert raised or marked read (through `feed`, the lazy Firestore chunk),
// and is set directly whenever the inbox loads, so marking an alert read shows in the badge at once.
// The API is asked only while the document holds no exact count yet (it never existed, or alerts
// predate it: that request has the server count them). A listener that ends is followed again with
// backoff, keeping the last count; the badge is a hint, so no error is ever shown for it.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { PushedAlertsBadge } from '@lecturevault/contract';
import { followPushed } from '../api/follow-pushed';
import type { AlertsBadgeFeed, FeedEvent } from '../api/pushed-feed';

export interface UnreadAlertsPort {
  /** The badge document's listener (a lazy chunk). */
  readonly feed: () => Promise<AlertsBadgeFeed>;
  /** The inbox's unread count from the API (GET /api/alerts?limit=1). */
  readonly load: () => Promise<number>;
  /** First wait before following an ended listener again; doubles up to MAX_RETRY_MS. */
  readonly retryMs?: number;
}

/** A hint need not hurry back: a listener refused for good (a demoted admin) costs one try in 5 min. */
export const MAX_RETRY_MS = 300_000;

export interface UnreadAlertsModel {
  /** null until known (and for non-admins). */
  readonly count: ReadonlySignal<number | null>;
  /** The inbox just loaded: its count is the freshest there is. */
  set(count: number): void;
  /** Follows the badge; the returned function stops and forgets the count. */
  start(): () => void;
}

export function createUnreadAlertsModel(port: UnreadAlertsPort): UnreadAlertsModel {
  const count = signal<number | null>(null);
  // Every report (a snapshot, set(), an API answer) takes a number; an API answer is kept only if
  // nothing newer came meanwhile, so a slow request cannot undo a count pushed after it.
  let latest = 0;
  // Each start() is a session; stop() ends it, and anything still under way for it is dropped.
  let session = 0;

  return {
    count,
    set(n) {
      latest += 1;
      count.value = n;
    },
    start() {
      const mine = ++session;
      const current = () => mine === session;
      let asking = false;

      async function ask(): Promise<void> {
        if (asking) return;
        asking = true;
        const ticket = ++latest;
        try {
          const n = await port.load();
          if (current() && ticket === latest) count.value = n;
        } catch {
          // A hint: keep the last count; the next snapshot asks again if it is still not exact.
        } finally {
          asking = false;
        }
      }

      // 'offline' and 'ended' keep the last count: the SDK reconnects, followPushed follows again.
      function onFeed(event: FeedEvent<PushedAlertsBadge>): void {
        if (!current() || event.kind !== 'state') return;
        const badge = event.state;
        if (badge === null || badge.countedAtMs === null) return void ask();
        latest += 1;
        count.value = Math.max(0, badge.unread);
      }

      const unfollow = followPushed(port.feed, (feed, listener) => feed.follow(listener), onFeed, {
        firstRetryMs: port.retryMs ?? 1000,
        maxRetryMs: MAX_RETRY_MS,
      });
      return () => {
        session += 1;
        unfollow();
        latest += 1;
        count.value = null;
      };
    },
  };
}
