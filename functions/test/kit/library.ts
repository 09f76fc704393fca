// A generated semester: meetings of batch A with their recordings (documents only; no media), for
// the library's search and paging tests and its benchmark.
import { searchTokens } from '../../src/domain/library/library-search';
import { db } from './emulators';

const TOPICS = ['Heart sounds', 'Valve disease', 'Arrhythmias', 'Heart failure', 'Electrocardiogram basics'];

export const LIBRARY_MEETINGS = [
  { id: 'meeting-lib-anatomy', title: 'Cardiac anatomy', teacherUid: 'u-teacher1', teacherName: 'Dr. Meredith Grey' },
  {
    id: 'meeting-lib-pharma',
    title: 'Cardiac pharmacology',
    teacherUid: 'u-teacher2',
    teacherName: 'Dr. Gregory House',
  },
] as const;

/** `count` ready recordings across meeting-cardio-101 and two more meetings of batch A, one a minute back from now. */
export async function seedLibrary(
  count: number,
  nowMs = Date.now(),
): Promise<Array<{ id: string; meetingId: string; createdAtMs: number; hidden: boolean }>> {
  const writer = db().bulkWriter();
  for (const m of LIBRARY_MEETINGS) {
    void writer.set(db().doc(`meetings/${m.id}`), {
      title: m.title,
      roomName: m.id,
      batchId: 'batch-cardio-2026',
      teacherUid: m.teacherUid,
      teacherCanDownload: false,
    });
  }
  const meetings = [
    { id: 'meeting-cardio-101', title: 'Cardiac cycle and heart sounds', teacherName: 'Dr. Meredith Grey' },
    ...LIBRARY_MEETINGS,
  ];
  const made = [];
  for (let i = 0; i < count; i++) {
    const meeting = meetings[i % meetings.length]!;
    const id = `rec-lib-${String(i).padStart(4, '0')}`;
    const createdAtMs = nowMs - (i + 1) * 60_000;
    const title = `Week ${Math.floor(i / 10) + 1}: ${TOPICS[i % TOPICS.length]}`;
    const hidden = i % 50 === 7; // an incomplete stub now and then: students never see it
    void writer.set(db().doc(`recordings/${id}`), {
      meetingId: meeting.id,
      roomName: meeting.id,
      status: hidden ? 'incomplete' : 'ready',
      hidden,
      createdAtMs,
      startedAtMs: createdAtMs,
      endedAtMs: createdAtMs + 45 * 60_000,
      startedBy: 'u-teacher1',
      finalized: true,
      storedSeconds: 2700,
      durationSeconds: 2700,
      title,
      searchTokens: searchTokens(title, meeting.title, meeting.teacherName),
    });
    made.push({ id, meetingId: meeting.id, createdAtMs, hidden });
  }
  await writer.close();
  return made;
}
