// KEK rotation, step two: re-wrap every stored recording key under the current KEK version (the
// first in RECORDING_KEK). Admin-triggered, resumable: each call works for a bounded time and
// answers where to continue; keys already current are skipped, so re-running is always safe.
import type { Caller } from '../../domain/access/caller';
import { writeAudit } from '../../store/audit-writer';
import { kekRing, rewrapKeyPage } from '../../store/keys';
import { requireAdmin } from '../access/role-gates';

const PAGE = 200;
/** Well inside the api function's timeout; the caller continues from `next`. */
const BUDGET_MS = 20_000;

export interface RewrapResult {
  currentVersion: string;
  scanned: number;
  rewrapped: number;
  unreadable: string[];
  next: string | null;
  done: boolean;
}

export async function rewrapRecordingKeys(
  actor: Caller,
  after: string | null,
  clock = Date.now,
): Promise<RewrapResult> {
  await requireAdmin(actor, 'kek-rewrap');
  const started = clock();
  const result: RewrapResult = {
    currentVersion: kekRing().current,
    scanned: 0,
    rewrapped: 0,
    unreadable: [],
    next: after,
    done: false,
  };
  do {
    const page = await rewrapKeyPage(result.next, PAGE, clock());
    result.scanned += page.scanned;
    result.rewrapped += page.rewrapped;
    result.unreadable.push(...page.unreadable);
    result.next = page.next;
  } while (result.next && clock() - started < BUDGET_MS);
  result.done = result.next === null;
  const reason = `${result.rewrapped} of ${result.scanned} re-wrapped to KEK ${result.currentVersion}; ${result.unreadable.length} unreadable${result.done ? '' : '; continues'}`;
  await writeAudit(
    actor,
    { action: 'kek-rewrap', outcome: result.unreadable.length ? 'error' : 'ok', reason },
    clock(),
  );
  return result;
}
