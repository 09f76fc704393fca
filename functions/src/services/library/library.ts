// Lists of recordings by role: the console's whole list (GET /api/recordings) and the library's
// searched, filtered, sorted pages (GET /api/library), both through one access filter and one
// document → summary converter.
import type { Caller } from '../../domain/access/caller';
import { checkAccess } from '../../domain/access/access-check';
import { expiryOf } from '../../domain/recording/retention';
import { lectureSeconds, lectureTitle } from '../../domain/recording/lecture-identity';
import { schoolTimeZone } from '../../params';
import { accessListsOfEmail, batchesWithMember } from '../../store/access';
import { allMeetings, type Meeting } from '../../store/meetings';
import type * as wire from '@lecturevault/contract';
import type { ParsedQueryOf } from '@lecturevault/contract';
import {
  latestRecordings,
  recordingsByIds,
  recordingsOfMeetings,
  recordingsPage,
  type Recording,
} from '../../store/recordings';
import { retentionDays } from '../../store/settings';
import { viewingsOf } from '../../store/viewing';
import { userNames, type UserProfile } from '../../store/users';
import {
  decodeCursor,
  encodeCursor,
  matchesAll,
  queryTokens,
  compareFor,
  isAfter,
} from '../../domain/library/library-search';
import { InvalidInput } from '../../errors';
import { requireEnrolled } from '../access/role-gates';

/** A recording as the library lists it (the contract's RecordingSummary), with when it started. */
export type RecordingSummary = wire.RecordingSummary & { startedAtMs: number | null };

/** What a user may list: their meetings' recordings (and, for students, granted ones), through the access check. */
export interface Scope {
  user: UserProfile;
  meetings: Map<string, Meeting>;
  days: number;
  /** The meetings whose recordings this user lists (before the per-recording check). */
  meetingIds: string[];
  /** Students: recordings granted to them by email, wherever they are. */
  granted: Set<string>;
  visible(r: Recording): boolean;
}

export async function scopeOf(actor: Caller, nowMs: number): Promise<Scope> {
  const user = await requireEnrolled(actor);
  const [meetingList, days] = await Promise.all([allMeetings(), retentionDays()]);
  const meetings = new Map(meetingList.map((m) => [m.id, m]));
  const notDeleting = (r: Recording) => !r.deletingAtMs;
  if (user.role === 'admin')
    return { user, meetings, days, meetingIds: [...meetings.keys()], granted: new Set(), visible: notDeleting };
  if (user.role === 'teacher') {
    const own = meetingList.filter((m) => m.teacherUid === user.uid).map((m) => m.id);
    const mine = new Set(own);
    return {
      user,
      meetings,
      days,
      meetingIds: own,
      granted: new Set(),
      visible: (r) => notDeleting(r) && mine.has(r.meetingId),
    };
  }
  const [{ granted, revoked }, inBatch] = await Promise.all([
    accessListsOfEmail(user.email),
    batchesWithMember(
      user.uid,
      meetingList.map((m) => m.batchId),
    ),
  ]);
  const meetingIds = meetingList.filter((m) => m.batchId && inBatch.has(m.batchId)).map((m) => m.id);
  const visible = (r: Recording) => {
    const meeting = meetings.get(r.meetingId);
    return (
      notDeleting(r) &&
      !r.hidden &&
      checkAccess({
        user: { uid: user.uid, role: user.role },
        recording: r,
        meeting: meeting ? { teacherUid: meeting.teacherUid, batchId: meeting.batchId } : null,
        granted: granted.has(r.id),
        revoked: revoked.has(r.id),
        batchMember: Boolean(meeting?.batchId && inBatch.has(meeting.batchId)),
        retentionDays: days,
        nowMs,
      }).allow
    );
  };
  return { user, meetings, days, meetingIds, granted, visible };
}

/** The one Recording → RecordingSummary converter, with what the caller's role may see. */
async function summariesOf(scope: Scope, listed: Recording[]): Promise<RecordingSummary[]> {
  const { user, meetings, days } = scope;
  // Progress is the students' (staff lists would pay a read per row for bars nobody reads).
  const viewed =
    user.role === 'student'
      ? await viewingsOf(
          user.uid,
          listed.map((r) => r.id),
        )
      : new Map();
  const timeZone = schoolTimeZone();
  return listed.map((r) => {
    const meeting = meetings.get(r.meetingId);
    const own = viewed.get(r.id);
    return {
      id: r.id,
      meetingId: r.meetingId,
      title: lectureTitle(r, meeting?.title ?? r.meetingId, timeZone),
      description: r.description ?? null,
      status: r.status,
      createdAtMs: r.createdAtMs,
      startedAtMs: r.startedAtMs ?? null,
      durationSeconds: lectureSeconds(r),
      reason: user.role === 'student' ? null : (r.reason ?? null),
      storedBytes: user.role === 'admin' ? (r.storedBytes ?? 0) : null,
      canDownload: user.role === 'admin' || (user.role === 'teacher' && meeting?.teacherCanDownload === true),
      expiresAtMs: user.role === 'admin' ? expiryOf(r, days) : null,
      expiryOverrideMs: user.role === 'admin' ? (r.expiresAtMs ?? null) : null,
      progress: own
        ? { watchedSeconds: own.watchedSeconds, completion: own.completion, resumeAtSeconds: own.positionSeconds }
        : null,
      hasPoster: r.posterType !== undefined,
    };
  });
}

/** Admins: the latest 500; teachers: their meetings'; students: what the access check allows, minus hidden ones. Newest first. */
export async function listRecordings(actor: Caller, nowMs = Date.now()): Promise<RecordingSummary[]> {
  const scope = await scopeOf(actor, nowMs);
  const { user } = scope;
  let candidates: Recording[];
  if (user.role === 'admin') candidates = await latestRecordings(500);
  else if (user.role === 'teacher') candidates = await recordingsOfMeetings(scope.meetingIds);
  else {
    const byMeeting = await recordingsOfMeetings(scope.meetingIds);
    const byGrant = await recordingsByIds(scope.granted);
    candidates = [...new Map([...byMeeting, ...byGrant].map((r) => [r.id, r])).values()];
  }
  return summariesOf(
    scope,
    candidates.filter(scope.visible).sort((a, b) => b.createdAtMs - a.createdAtMs),
  );
}

/** GET /api/library's query, as the handler parsed it. */
export type LibraryQuery = ParsedQueryOf<typeof wire.getLibrary>;

/** Rounds of reading before a page is sent short (a page whose rows the access check mostly drops). */
const MAX_ROUNDS = 4;

/**
 * One page of the library: searched (title, meeting, teacher), filtered (meeting, batch), sorted
 * (newest, oldest), read a page at a time with a cursor. Reads: the meetings, then per page about
 * the page (plus one per 30 meetings), and for students their grants and revocations.
 */
export async function libraryPage(actor: Caller, query: LibraryQuery, nowMs = Date.now()): Promise<wire.LibraryPage> {
  const after = query.after ? decodeCursor(query.after) : null;
  if (query.after && !after) throw new InvalidInput('after: not a cursor this server gave out');
  const scope = await scopeOf(actor, nowMs);
  const inFilter = (meetingId: string) => {
    const meeting = scope.meetings.get(meetingId);
    return (
      (!query.meetingId || meetingId === query.meetingId) && (!query.batchId || meeting?.batchId === query.batchId)
    );
  };
  const meetingIds = scope.meetingIds.filter(inFilter);
  const words = queryTokens(query.q ?? '');
  const wanted = (r: Recording) => scope.visible(r) && inFilter(r.meetingId) && matchesAll(r.searchTokens, words);

  const rows: Recording[] = [];
  let cursor = after;
  let exhausted = meetingIds.length === 0;
  for (let round = 0; round < MAX_ROUNDS && !exhausted && rows.length <= query.limit; round++) {
    const { recordings: batch, exhausted: done } = await recordingsPage({
      meetingIds,
      token: words[0],
      sort: query.sort,
      after: cursor,
      // +1 to see whether more follow, +1 for the cursor's own row (the range includes its instant).
      limit: query.limit + 2,
    });
    exhausted = done;
    if (batch.length) cursor = batch[batch.length - 1]!;
    rows.push(...batch.filter(wanted));
  }
  // Granted recordings outside the student's meetings: a handful, read by id and merged in.
  const inMeetings = new Set(scope.meetingIds);
  const extra = [...scope.granted].filter((id) => !rows.some((r) => r.id === id));
  if (extra.length) {
    const granted = await recordingsByIds(extra);
    rows.push(
      ...granted.filter((r) => !inMeetings.has(r.meetingId) && wanted(r) && (!after || isAfter(r, after, query.sort))),
    );
  }
  // Rows past the meetings' last read position may skip unread ones: only what precedes it is certain.
  const certain = rows
    .sort(compareFor(query.sort))
    .filter((r) => exhausted || !cursor || !isAfter(r, cursor, query.sort));
  const page = certain.slice(0, query.limit);
  const more = certain.length > query.limit || !exhausted;
  const teacherNames = await userNames(new Set(scope.meetingIds.map((id) => scope.meetings.get(id)!.teacherUid)));
  return {
    recordings: await summariesOf(scope, page),
    // An empty page that stopped reading early still moves on from where it stopped.
    next: more ? encodeCursor(page[page.length - 1] ?? cursor ?? after!) : null,
    meetings: scope.meetingIds.map((id) => {
      const m = scope.meetings.get(id)!;
      return { id, title: m.title, teacherName: teacherNames.get(m.teacherUid) ?? '', batchId: m.batchId };
    }),
  };
}
