// The library of a semester: a few hundred generated recordings over three meetings of batch A;
// paging through every page gives each visible recording once, in order; search by title, meeting
// and teacher; filters; sort; editing a title (audited) makes it findable by the new words.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { resetWorld } from '../kit/emulators';
import { seedLibrary } from '../kit/library';
import { auditActions } from '../kit/recordings';

type Page = {
  recordings: { id: string; title: string; meetingId: string; createdAtMs: number }[];
  next: string | null;
  meetings: { id: string }[];
};
const COUNT = 300;

describe('library: search and pages over a semester', function () {
  this.timeout(180_000);
  let t: Awaited<ReturnType<typeof tokens>>;
  const tokens = () => tokensFor('admin', 'teacher1', 'teacher2', 'student1', 'student4');
  let made: Awaited<ReturnType<typeof seedLibrary>>;
  const library = (token: string, query = '') => callApi<Page>(`/library${query}`, { token });

  async function allPages(token: string, query: string, limit = 25): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const reply: Awaited<ReturnType<typeof library>> = await library(
        token,
        `?limit=${limit}${query}${after ? `&after=${after}` : ''}`,
      );
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.ok(reply.body.recordings.length <= limit);
      ids.push(...reply.body.recordings.map((r) => r.id));
      after = reply.body.next;
      pages++;
    } while (after && pages < 100);
    return { ids, pages };
  }

  before(async () => {
    await resetWorld();
    made = await seedLibrary(COUNT);
    t = await tokens();
  });

  it('pages through every visible recording once, newest first, and oldest first', async () => {
    const visible = made.filter((r) => !r.hidden).map((r) => r.id); // made newest first
    const newest = await allPages(t.student1, '');
    const own = newest.ids.filter((id) => id.startsWith('rec-lib-'));
    assert.deepEqual(own, visible);
    assert.equal(new Set(newest.ids).size, newest.ids.length, 'no recording twice');
    assert.ok(newest.pages >= Math.ceil(visible.length / 25));
    const oldest = await allPages(t.student1, '&sort=oldest', 40);
    assert.deepEqual(
      oldest.ids.filter((id) => id.startsWith('rec-lib-')),
      [...visible].reverse(),
    );
    // Another batch's student sees none of them.
    assert.deepEqual(
      (await allPages(t.student4, '')).ids.filter((id) => id.startsWith('rec-lib-')),
      [],
    );
  });

  it('searches title, meeting and teacher (prefixes, any case or accent), with filters', async () => {
    const expect = (pred: (r: (typeof made)[number], i: number) => boolean) =>
      made.filter((r, i) => !r.hidden && pred(r, i)).map((r) => r.id);
    const arrhythmias = await allPages(t.student1, '&q=ARRHYTHM');
    assert.deepEqual(
      arrhythmias.ids,
      expect((_, i) => i % 5 === 2),
    );
    const house = await allPages(t.student1, '&q=house');
    assert.deepEqual(
      house.ids,
      expect((r) => r.meetingId === 'meeting-lib-pharma'),
    );
    const both = await allPages(t.student1, `&q=${encodeURIComponent('phàrmacology valve')}`);
    assert.deepEqual(
      both.ids,
      expect((r, i) => r.meetingId === 'meeting-lib-pharma' && i % 5 === 1),
    );
    const filtered = await allPages(t.student1, '&meetingId=meeting-lib-anatomy&q=week');
    assert.deepEqual(
      filtered.ids,
      expect((r) => r.meetingId === 'meeting-lib-anatomy'),
    );
    assert.deepEqual((await allPages(t.student1, '&batchId=batch-neuro-2026')).ids, []);
    assert.deepEqual((await allPages(t.student1, '&q=zzzz')).ids, []);
    const teacher2 = await allPages(t.teacher2, '');
    assert.ok(
      teacher2.ids.every(
        (id) => made.find((r) => r.id === id)?.meetingId === 'meeting-lib-pharma' || !id.startsWith('rec-lib-'),
      ),
    );
  });

  it('refuses bad queries with 400 and changes nothing', async () => {
    for (const query of ['?limit=0', '?limit=51', '?sort=title', '?after=not-a-cursor', `?q=${'x'.repeat(101)}`]) {
      const reply = await library(t.student1, query);
      assert.equal(reply.status, 400, query);
      assert.equal(reply.body.error?.code, 'invalid-argument', query);
    }
    assert.equal((await callApi('/library')).status, 401);
  });

  it('lets the meeting’s teacher retitle a recording (audited); it is found by its new words', async () => {
    const id = made.find((r) => r.meetingId === 'meeting-cardio-101' && !r.hidden)!.id;
    const body = { title: 'Murmurs, demystified', description: 'Bring a stethoscope.' };
    const put = (token: string, b: unknown = body) =>
      callApi(`/recordings/${id}/details`, { token, method: 'PUT', body: b });
    assert.equal((await put(t.teacher2)).status, 403);
    assert.equal((await put(t.student1)).status, 403);
    assert.equal((await put(t.teacher1, { title: '' })).status, 400);
    assert.equal((await put(t.teacher1, { title: 'x', extra: 1 })).status, 400);
    assert.equal((await put(t.teacher1)).status, 204);
    const found = await library(t.student1, '?q=demyst');
    assert.deepEqual(
      found.body.recordings.map((r) => [r.id, r.title, (r as { description?: string }).description]),
      [[id, 'Murmurs, demystified', 'Bring a stethoscope.']],
    );
    const audit = await auditActions({ recordingId: id });
    assert.ok(audit.some((a) => a.action === 'edit-details' && a.outcome === 'ok'));
    assert.ok(audit.some((a) => a.action === 'edit-details' && a.outcome === 'denied'));
  });
});
