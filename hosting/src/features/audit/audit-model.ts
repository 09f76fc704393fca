// Audit log viewer model: the filter, the pages loaded so far, and "load more".
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage } from '../../ui/loader-model';
import type { AdminApi, AuditEntry, AuditFilter } from '../../api/admin-api';

export interface AuditModel {
  readonly entries: ReadonlySignal<readonly AuditEntry[]>;
  readonly loading: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  readonly hasMore: ReadonlySignal<boolean>;
  apply(filter: AuditFilter): Promise<void>;
  loadMore(): Promise<void>;
  /**
   * Every entry of the filter applied (not only the pages shown), for the CSV export: pages of 200,
   * at most EXPORT_LIMIT entries (a narrower filter or range exports the rest).
   */
  everyEntry(): Promise<{ entries: readonly AuditEntry[]; cut: boolean }>;
}

/** The most entries one export holds: a few megabytes of CSV, fifty reads of the log. */
export const EXPORT_LIMIT = 10_000;

export function createAuditModel(api: Pick<AdminApi, 'audit'>, pageSize = 50): AuditModel {
  const entries = signal<readonly AuditEntry[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const next = signal<number | null>(null);
  const hasMore = signal(false);
  let filter: AuditFilter = {};
  let generation = 0;

  async function load(append: boolean): Promise<void> {
    const mine = ++generation;
    batch(() => {
      loading.value = true;
      error.value = null;
    });
    try {
      const page = await api.audit(filter, append ? next.value : null, pageSize);
      if (mine !== generation) return;
      batch(() => {
        entries.value = append ? [...entries.value, ...page.entries] : page.entries;
        next.value = page.next;
        hasMore.value = page.next !== null;
      });
    } catch (failure) {
      if (mine === generation) error.value = errorMessage(failure, 'Could not load the audit log.');
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  void load(false);
  return {
    entries,
    loading,
    error,
    hasMore,
    apply(nextFilter) {
      filter = nextFilter;
      return load(false);
    },
    loadMore: () => load(true),
    async everyEntry() {
      const all: AuditEntry[] = [];
      let after: number | null = null;
      do {
        const page = await api.audit(filter, after, 200);
        all.push(...page.entries);
        after = page.next;
      } while (after !== null && all.length < EXPORT_LIMIT);
      return { entries: all.slice(0, EXPORT_LIMIT), cut: after !== null };
    },
  };
}
