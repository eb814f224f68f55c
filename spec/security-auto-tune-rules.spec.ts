import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { UpdateElasticsearchDomainConfigCommandInput } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';
import { fineGrainedDomain, testDomainInput } from './support/domains';

/**
 * Rules of fine-grained access control, SAML and Auto-Tune that hold for an update as for a create, through the
 * JS v3 SDK: each refusal leaves the domain's configuration as it was.
 */
describe('the master user, SAML and Auto-Tune options an update brings', () => {
  let emulator: TestEmulator;
  let account: string;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
    account = emulator.config.accountId;
  });
  after(() => emulator.stop());

  const config = async (DomainName: string) =>
    (await emulator.client().send(new DescribeElasticsearchDomainConfigCommand({ DomainName })))
      .DomainConfig!;

  /** The update is refused with the text, and the domain's configuration is unchanged. */
  async function expectRefusedUpdate(input: UpdateElasticsearchDomainConfigCommandInput, message: string) {
    const before = await config(input.DomainName!);
    const error = await errorOf(() =>
      emulator.client().send(new UpdateElasticsearchDomainConfigCommand(input)),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(error.message, message);
    const after = await config(input.DomainName!);
    assert.deepEqual(after.AdvancedSecurityOptions, before.AdvancedSecurityOptions);
    assert.deepEqual(after.AutoTuneOptions, before.AutoTuneOptions);
  }

  // Recorded (terraform-aws-modules/terraform-aws-opensearch#18), with its typographic apostrophe.
  const needsArn = 'If you don\u2019t enable the internal user database, you must provide a master user ARN.';

  it('a name and a password need the internal user database, on an update too', async () => {
    await emulator.client().send(
      new CreateElasticsearchDomainCommand(
        testDomainInput('with-arn', {
          ...fineGrainedDomain,
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: false,
            MasterUserOptions: { MasterUserARN: `arn:aws:iam::${account}:role/search-admin` },
          },
        }),
      ),
    );
    await expectRefusedUpdate(
      {
        DomainName: 'with-arn',
        AdvancedSecurityOptions: {
          MasterUserOptions: { MasterUserName: 'bob', MasterUserPassword: 'Passw0rd!' },
        },
      },
      needsArn,
    );
    // Turning the internal database on with the name and password is the way.
    await emulator.client().send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'with-arn',
        AdvancedSecurityOptions: {
          InternalUserDatabaseEnabled: true,
          MasterUserOptions: { MasterUserName: 'bob', MasterUserPassword: 'Passw0rd!' },
        },
      }),
    );

    // Turning the internal database off needs a master user ARN.
    await emulator
      .client()
      .send(new CreateElasticsearchDomainCommand(testDomainInput('internal', fineGrainedDomain)));
    await expectRefusedUpdate(
      { DomainName: 'internal', AdvancedSecurityOptions: { InternalUserDatabaseEnabled: false } },
      needsArn,
    );
    await emulator.client().send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'internal',
        AdvancedSecurityOptions: {
          InternalUserDatabaseEnabled: false,
          MasterUserOptions: { MasterUserARN: `arn:aws:iam::${account}:user/search-admin` },
        },
      }),
    );
    assert.equal(
      (await config('internal')).AdvancedSecurityOptions?.Options?.InternalUserDatabaseEnabled,
      false,
    );
  });

  it("SAML's session timeout is held to 1–1440 minutes whether or not the call enables SAML", async () => {
    for (const SessionTimeoutMinutes of [0, 1441, 5000]) {
      await expectRefusedUpdate(
        {
          DomainName: 'internal',
          AdvancedSecurityOptions: { SAMLOptions: { Enabled: false, SessionTimeoutMinutes } },
        },
        'SessionTimeoutMinutes must be between 1 and 1440.',
      );
    }
  });

  const schedule = (CronExpressionForRecurrence: string) => ({
    StartAt: new Date(Date.UTC(2030, 0, 7, 3)),
    Duration: { Value: 2, Unit: 'HOURS' as const },
    CronExpressionForRecurrence,
  });

  it('a rollback of Auto-Tune needs a maintenance schedule, and a schedule recurs by a cron expression', async () => {
    await emulator.client().send(
      new CreateElasticsearchDomainCommand(
        testDomainInput('tuned', {
          ElasticsearchClusterConfig: { InstanceType: 'r5.large.elasticsearch', InstanceCount: 1 },
        }),
      ),
    );
    assert.equal((await config('tuned')).AutoTuneOptions?.Options?.DesiredState, 'ENABLED');
    await expectRefusedUpdate(
      {
        DomainName: 'tuned',
        AutoTuneOptions: { DesiredState: 'DISABLED', RollbackOnDisable: 'DEFAULT_ROLLBACK' },
      },
      'A MaintenanceSchedule is required to roll back Auto-Tune changes (RollbackOnDisable DEFAULT_ROLLBACK).',
    );
    for (const cron of ['every monday', 'cron(0 3 * * MON *)', 'cron(0 3 ? * ? *)', 'cron(0 3 ? * MON)']) {
      await expectRefusedUpdate(
        { DomainName: 'tuned', AutoTuneOptions: { MaintenanceSchedules: [schedule(cron)] } },
        'CronExpressionForRecurrence must be cron(minutes hours day-of-month month day-of-week year), with ? for ' +
          `day-of-month or day-of-week: ${cron}`,
      );
    }
    // Without a rollback a schedule is not needed; with one, a schedule of either form of recurrence is taken.
    for (const [RollbackOnDisable, MaintenanceSchedules] of [
      ['NO_ROLLBACK', []],
      ['DEFAULT_ROLLBACK', [schedule('cron(0 3 ? * MON *)')]],
      ['DEFAULT_ROLLBACK', [schedule('cron(30 1 1 * ? *)')]],
    ] as const) {
      await emulator.client().send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'tuned',
          AutoTuneOptions: {
            DesiredState: 'DISABLED',
            RollbackOnDisable,
            MaintenanceSchedules: [...MaintenanceSchedules],
          },
        }),
      );
      assert.equal((await config('tuned')).AutoTuneOptions?.Options?.RollbackOnDisable, RollbackOnDisable);
    }
  });
});
