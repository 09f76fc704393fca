// A smoke of the soak (docs/soak.md) in npm test: a few seeded schedules of real harm — the egress's
// ffmpeg killed, the stand-in restarted, the functions' workers killed mid-ingest, Storage refusing
// writes, the spool full — each checked against every invariant, through the soak's own runner.
// Three short lectures (3 segments, unmarked) whose seeds between them do every harm: 35 kills the
// functions' workers, fills the spool and refuses Storage writes; 29 restarts the stand-in with
// its webhooks lost; 39 kills the egress's ffmpeg. `npm run soak` runs hundreds.
import assert from 'node:assert/strict';
import { describeFailure, openSoakWorld, runSoak, type SoakWorld } from '../kit/soak/runner';
import { scheduleOf } from '../kit/soak/schedule';

const SEEDS = [35, 29, 39];

describe(`soak smoke: ${SEEDS.length} schedules of real crashes, restarts and full disks`, function () {
  this.timeout(600_000); // a loaded machine's cold starts after each kill take many seconds
  let world: SoakWorld;
  before(async () => {
    world = await openSoakWorld();
  });
  after(() => world?.close());

  it('loses nothing the egress confirmed, and every recording settles whole or says what is missing', async () => {
    const report = await runSoak(world, SEEDS.map(scheduleOf));
    const failed = report.results.filter((r) => r.failures.length);
    assert.equal(failed.length, 0, failed.map(describeFailure).join('\n\n'));
    assert.equal(report.nextStart, undefined, report.nextStart);
  });
});
