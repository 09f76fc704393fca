// Mocha's spec reporter, plus a JSON file with the counts (MOCHA_SUMMARY_FILE) so that
// scripts/dev.mjs can print one closing "N passed, M failed" line over every suite; at the end it
// prints where the time went: the slowest spec files (their tests and hooks) and the slowest tests.
// The file also names each failure with the first line of its error, which dev.mjs repeats as the run's
// last lines: a CI log that keeps only its tail still says what failed.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_END, EVENT_TEST_FAIL, EVENT_HOOK_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } =
  Mocha.Runner.constants;
const SHOWN = 10;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map(); // root-level suite → when it began, by file
    const files = new Map(); // file → ms spent in its root suites (tests, hooks, waits between)
    const tests = [];
    const failures = [];
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      const why = String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 300);
      failures.push(`${test.fullTitle()} (${test.file ? path.relative(process.cwd(), test.file) : 'no file'}): ${why}`);
    });
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.file && suite.parent?.root) started.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const since = started.get(suite);
      if (since === undefined) return;
      files.set(suite.file, (files.get(suite.file) ?? 0) + Date.now() - since);
    });
    const took = (test) => {
      if (typeof test.duration === 'number')
        tests.push({ title: test.fullTitle(), file: test.file, ms: test.duration });
    };
    runner.on(EVENT_TEST_END, took);
    runner.on(EVENT_HOOK_END, took);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MOCHA_SUMMARY_FILE;
      if (file)
        fs.writeFileSync(
          file,
          JSON.stringify({ passed: runner.stats.passes, failed: runner.stats.failures, failures }),
        );
      const name = (f) => (f ? path.relative(process.cwd(), f) : '(no file)');
      const seconds = (ms) => `${(ms / 1000).toFixed(1).padStart(7)} s`;
      const slowFiles = [...files].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
      const slowTests = tests.sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
      if (!slowFiles.length) return;
      console.log(`\n  slowest spec files (of ${files.size}, ${seconds(runner.stats.duration ?? 0).trim()} in all):`);
      for (const [f, ms] of slowFiles) console.log(`  ${seconds(ms)}  ${name(f)}`);
      console.log(`\n  slowest tests and hooks:`);
      for (const t of slowTests) console.log(`  ${seconds(t.ms)}  ${t.title}  (${name(t.file)})`);
    });
  }
}

module.exports = SummaryReporter;
