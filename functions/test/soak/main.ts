// `npm run soak -- --seed N --schedules K` / `npm run soak -- --replay SEED`: runs under
// `firebase emulators:exec` (scripts/dev.mjs soak). Schedules use seeds N, N+1, …; a failing one
// prints its seed and timeline, and `--replay` reruns exactly it. `--smoke` makes them the smoke's
// short schedules (npm test's soak-smoke.spec.ts) and waits as little as it does. Prints the
// figures at the end.
import '../setup-emulators';
import { describeFailure, openSoakWorld, runSoak, SMOKE_QUIET_MS } from '../kit/soak/runner';
import { HARM_KINDS, scheduleOf, smokeScheduleOf } from '../kit/soak/schedule';

/** A passing schedule slower than this prints its timeline too. */
const SLOW_MS = 60_000;

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

async function main(): Promise<number> {
  const replay = arg('replay');
  const first = replay ?? arg('seed') ?? 1;
  const count = replay === undefined ? (arg('schedules') ?? 10) : 1;
  const smoke = process.argv.includes('--smoke');
  const schedules = Array.from({ length: count }, (_, i) => (smoke ? smokeScheduleOf : scheduleOf)(first + i));
  const t0 = Date.now();
  const world = await openSoakWorld(smoke ? { quietMs: SMOKE_QUIET_MS } : {});
  if (world.spoolNote) console.log(`[soak] ${world.spoolNote}`);
  let failed = 0;
  try {
    const report = await runSoak(world, schedules, (r) => {
      const kinds = HARM_KINDS.filter((k) => r.done[k]).map((k) => `${k}×${r.done[k]}`);
      const emulator = r.emulatorFailures ? `, ${r.emulatorFailures} emulator failure(s) retried` : '';
      console.log(
        `[soak] seed ${r.schedule.seed}: ${r.failures.length ? 'FAIL' : 'ok'} ${r.final}, ${r.uploaded} uploaded, ${r.lost} lost, ${kinds.join(' ') || 'no harm done'}${emulator} (${(r.ms / 1000).toFixed(1)} s)`,
      );
      if (r.failures.length) {
        failed += 1;
        console.log(describeFailure(r));
      } else if (replay !== undefined || r.ms > SLOW_MS) console.log(r.timeline.join('\n')); // where a slow one waited
    });
    if (report.nextStart) {
      failed += 1;
      console.log(`[soak] after the last schedule: ${report.nextStart}`);
    }
    const sum = (f: (r: (typeof report.results)[number]) => number) => report.results.reduce((s, r) => s + f(r), 0);
    console.log(
      `\n[soak] ${report.results.length} schedules, ${failed} failed, ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    for (const kind of HARM_KINDS) console.log(`[soak]   ${kind}: ${sum((r) => r.done[kind])}`);
    console.log(
      `[soak]   segments uploaded by the egress: ${sum((r) => r.uploaded)}, lost: ${sum((r) => r.lost)} (uploaded empty by the egress: ${sum((r) => r.emptyAtEgress)}); stored but cut short at the egress: ${sum((r) => r.damagedAtEgress)}`,
    );
    console.log(`[soak]   the functions emulator's own failures, retried: ${sum((r) => r.emulatorFailures)}`);
    const finals = new Map<string, number>();
    for (const r of report.results) finals.set(r.final, (finals.get(r.final) ?? 0) + 1);
    console.log(`[soak]   final states: ${[...finals].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } finally {
    await world.close();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[soak] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
