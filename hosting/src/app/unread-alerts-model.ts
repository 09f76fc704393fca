// The admin's unread-alert count for the navigation badge: polled while an admin is signed in, and
// set directly whenever the inbox loads, so marking an alert read shows in the badge at once.
import { signal, type ReadonlySignal } from '@preact/signals';

export const UNREAD_POLL_MS = 120_000;

export interface UnreadAlertsModel {
  /** null until known (and for non-admins). */
  readonly count: ReadonlySignal<number | null>;
  /** The inbox just loaded: its count is the freshest there is. */
  set(count: number): void;
  /** Loads now and every pollMs; the returned function stops and forgets the count. */
  start(): () => void;
}

export function createUnreadAlertsModel(load: () => Promise<number>, pollMs = UNREAD_POLL_MS): UnreadAlertsModel {
  const count = signal<number | null>(null);
  // Every load and set() takes a number; an answer is kept only if nothing newer came meanwhile,
  // so a slow poll cannot undo a mark-read the inbox already counted.
  let latest = 0;

  async function refresh(): Promise<void> {
    const mine = ++latest;
    try {
      const n = await load();
      if (mine === latest) count.value = n;
    } catch {
      // The badge is a hint: keep the last count, the next poll tries again.
    }
  }

  return {
    count,
    set(n) {
      latest += 1;
      count.value = n;
    },
    start() {
      void refresh();
      const timer = setInterval(() => void refresh(), pollMs);
      return () => {
        clearInterval(timer);
        latest += 1;
        count.value = null;
      };
    },
  };
}
