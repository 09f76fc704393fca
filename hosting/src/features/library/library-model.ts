// The student's library as a model: the search words, the meeting filter and the sort are signals;
// a change reloads the first page (a late answer to an older query is dropped), "More" appends the
// next page. Components render its signals. A createModel model: a pending search dies with it.
import { batch, createModel, signal, type ReadonlySignal } from '@preact/signals';
import type { LibraryPage, LibraryQuery, RecordingSummary } from '../../api/recordings-api';
import { errorMessage } from '../../ui/loader-model';
import { onDispose } from '../../ui/model-lifetime';

export type LibrarySortChoice = NonNullable<LibraryQuery['sort']>;

export interface LibraryModel {
  readonly rows: ReadonlySignal<readonly RecordingSummary[]>;
  readonly meetings: ReadonlySignal<LibraryPage['meetings']>;
  readonly loading: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  readonly hasMore: ReadonlySignal<boolean>;
  readonly q: ReadonlySignal<string>;
  readonly meetingId: ReadonlySignal<string>;
  readonly sort: ReadonlySignal<LibrarySortChoice>;
  setQuery(q: string): void;
  setMeeting(meetingId: string): void;
  setSort(sort: LibrarySortChoice): void;
  more(): Promise<void>;
  reload(): Promise<void>;
}

export interface LibraryPort {
  page(query: LibraryQuery): Promise<LibraryPage>;
}

export const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;

export const LibraryModel = createModel<LibraryModel, [LibraryPort]>((port) => {
  const rows = signal<readonly RecordingSummary[]>([]);
  const meetings = signal<LibraryPage['meetings']>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const next = signal<string | null>(null);
  const hasMore = signal(false);
  const q = signal('');
  const meetingId = signal('');
  const sort = signal<LibrarySortChoice>('newest');
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(append: boolean): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await port.page({
        q: q.value.trim() || undefined,
        meetingId: meetingId.value || undefined,
        sort: sort.value,
        limit: PAGE_SIZE,
        after: append ? (next.value ?? undefined) : undefined,
      });
      if (mine !== generation) return;
      batch(() => {
        rows.value = append ? [...rows.value, ...page.recordings] : page.recordings;
        meetings.value = page.meetings;
        next.value = page.next;
        hasMore.value = page.next !== null;
        error.value = null;
      });
    } catch (e) {
      if (mine === generation) error.value = errorMessage(e, 'Could not load your library.');
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const reloadSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(false), DEBOUNCE_MS);
  };
  onDispose(() => clearTimeout(timer));
  void load(false);

  return {
    rows,
    meetings,
    loading,
    error,
    hasMore,
    q,
    meetingId,
    sort,
    setQuery(text) {
      q.value = text;
      reloadSoon();
    },
    setMeeting(id) {
      meetingId.value = id;
      void load(false);
    },
    setSort(choice) {
      sort.value = choice;
      void load(false);
    },
    more: () => load(true),
    reload: () => load(false),
  };
});
