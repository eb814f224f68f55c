import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

// The specs read the reference material beside the checkout (the AWS model, the SigV4 recordings, the seeds'
// policies). Without it they would stop at load with a bare ENOENT; this reporter loads before them.
const shared = path.resolve(__dirname, '..', '..', '..', '..', 'shared');
if (!fs.existsSync(path.join(shared, 'aws-model'))) {
  process.stderr.write(
    `The tests read the shared reference material from ${shared} (aws-model, recordings, seeds): ` +
      'put it beside the checkout, as CI does.\n',
  );
  process.exit(1);
}

/**
 * Mocha's spec reporter, closed by the plain line `N passed, M failed` that CI reads
 * (failures of hooks count as failures, as mocha counts them).
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      const skipped = stats?.pending ?? 0;
      process.stdout.write(
        `\n${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
      );
    });
  }
}

export = SummaryReporter;
