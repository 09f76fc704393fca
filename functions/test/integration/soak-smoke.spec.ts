// A smoke of the soak (docs/soak.md) in npm test: ten short seeded schedules of real harm — the
// egress's ffmpeg killed, the stand-in restarted, the functions' workers killed mid-ingest, Storage
// refusing writes, the spool full, webhooks lost — each checked against every invariant, through
// the soak's own runner. Each is a lecture of two segments, unmarked, with one harm; ten
// consecutive seeds do every kind (schedule.ts, smokeScheduleOf). `npm run soak` runs hundreds of
// the full schedules; `npm run soak -- --replay <seed> --smoke` reruns one of these.
import assert from 'node:assert/strict';
import { describeFailure, openSoakWorld, runSoak, SMOKE_QUIET_MS, type SoakWorld } from '../kit/soak/runner';
import { smokeScheduleOf } from '../kit/soak/schedule';

const SEEDS = Array.from({ length: 10 }, (_, i) => 1 + i);

describe(`soak smoke: ${SEEDS.length} schedules of real crashes, restarts and full disks`, function () {
  this.timeout(600_000); // a loaded machine's cold starts after a kill take many seconds
  let world: SoakWorld;
  before(async () => {
    world = await openSoakWorld({ quietMs: SMOKE_QUIET_MS });
  });
  after(() => world?.close());

  it('loses nothing the egress confirmed, and every recording settles whole or says what is missing', async () => {
    const report = await runSoak(world, SEEDS.map(smokeScheduleOf), (r) => {
      console.log(
        `      seed ${r.schedule.seed}: ${r.schedule.harms[0]!.kind}, ${r.final} (${(r.ms / 1000).toFixed(1)} s)`,
      );
      if (r.ms > 60_000) console.log(r.timeline.map((l) => `        ${l}`).join('\n')); // where a slow one waited
    });
    const failed = report.results.filter((r) => r.failures.length);
    assert.equal(failed.length, 0, failed.map(describeFailure).join('\n\n'));
    assert.equal(report.nextStart, undefined, report.nextStart);
  });
});
