import Mocha from 'mocha';

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
