// What names a recording and how long it is, everywhere it is shown: one owner for each.
// Title: the one staff gave it; else "Lecture 3 · 4 Dec", its number among its meeting's recordings
// (fixed at the start) and the day it started in the school's time zone; else (a recording older
// than numbering, or one adopted from LiveKit) its meeting's title.
// Length: the seconds that play (the confirmed segments'), not the wall clock between start and stop,
// which also counts the engine's start-up and the last upload (a 21 s recording read 00:28 there).

export interface LectureFacts {
  readonly title?: string;
  readonly lectureNumber?: number;
  readonly createdAtMs: number;
  readonly storedSeconds?: number;
  readonly durationSeconds?: number;
}

/** "4 Dec": the day in `timeZone` (an IANA name; an unknown one falls back to UTC). */
export function lectureDay(atMs: number, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: zone }).format(atMs);
  try {
    return format(timeZone || 'UTC');
  } catch {
    return format('UTC');
  }
}

/** "Lecture 3 · 4 Dec". */
export const defaultLectureTitle = (lectureNumber: number, atMs: number, timeZone: string): string =>
  `Lecture ${lectureNumber} · ${lectureDay(atMs, timeZone)}`;

/** The title a recording is shown under. */
export function lectureTitle(recording: LectureFacts, meetingTitle: string, timeZone: string): string {
  if (recording.title) return recording.title;
  if (recording.lectureNumber) return defaultLectureTitle(recording.lectureNumber, recording.createdAtMs, timeZone);
  return meetingTitle;
}

/** The recording's length in seconds: what plays, once segments are confirmed; the wall clock before. */
export const lectureSeconds = (recording: Pick<LectureFacts, 'storedSeconds' | 'durationSeconds'>): number =>
  recording.storedSeconds ?? recording.durationSeconds ?? 0;
