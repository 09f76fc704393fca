// Mocha's spec reporter, plus a JSON file with the counts (MOCHA_SUMMARY_FILE) so that
// scripts/dev.mjs can print one closing "N passed, M failed" line over every suite.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.MOCHA_SUMMARY_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify({ passed: runner.stats.passes, failed: runner.stats.failures }));
    });
  }
}

module.exports = SummaryReporter;
