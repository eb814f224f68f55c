import assert from 'node:assert/strict';
import {
  AuthorizeVpcEndpointAccessCommand,
  CreateElasticsearchDomainCommand,
  CreateVpcEndpointCommand,
  ListDomainNamesCommand,
  ListVpcEndpointAccessCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { CreateElasticsearchDomainCommandInput } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';
import { fineGrainedDomain, testDomainInput } from './support/domains';

/**
 * The ARNs and ids a domain's configuration names, through the JS v3 SDK: one that no resource AWS holds could have
 * (of another partition, of no Region, of another form) is refused, and nothing is stored. A domain in us-east-1.
 */
describe('ARNs and resource ids in the inputs of a domain', () => {
  let emulator: TestEmulator;
  let account: string;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
    account = emulator.config.accountId;
  });
  after(() => emulator.stop());

  const names = async () =>
    ((await emulator.client().send(new ListDomainNamesCommand({}))).DomainNames ?? []).map(
      (entry) => entry.DomainName,
    );

  /** A create of `refused` with the overrides fails with the error and leaves no domain. */
  async function expectRefused(
    overrides: Partial<CreateElasticsearchDomainCommandInput>,
    expected: { name: string; message: string; status?: number },
  ): Promise<void> {
    const error = await errorOf(() =>
      emulator.client().send(new CreateElasticsearchDomainCommand(testDomainInput('refused', overrides))),
    );
    assert.equal(error.name, expected.name, error.message);
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, expected.status ?? 400);
    assert.equal(error.message, expected.message);
    assert.ok(!(await names()).includes('refused'));
  }

  const cognito = (RoleArn: string, pools = 'us-east-1') => ({
    CognitoOptions: {
      Enabled: true,
      RoleArn,
      UserPoolId: `${pools}_AbCdEf123`,
      IdentityPoolId: `${pools}:12345678-1234-1234-1234-123456789012`,
    },
  });

  it("Cognito's RoleArn is a role of the domain's partition, and its pools are in a Region of that partition", async () => {
    for (const roleArn of [
      `arn:aws-cn:iam::${account}:role/CognitoAccess`,
      `arn:aws:iam::${account}:user/CognitoAccess`,
      `arn:aws:iam::${account}:role/*`,
      `arn:aws:iam::${account}:role/CognitoAccess `,
      `arn:aws:sts::${account}:assumed-role/CognitoAccess/session`,
    ]) {
      await expectRefused(cognito(roleArn), {
        name: 'ValidationException',
        message: `RoleArn must be the ARN of an IAM role in the aws partition: ${roleArn}`,
      });
    }
    // A well-formed role of another account keeps AWS's own answer.
    await expectRefused(cognito('arn:aws:iam::111122223333:role/CognitoAccess'), {
      name: 'ValidationException',
      message: 'Cross-account pass role is not allowed.',
    });
    for (const pools of ['cn-north-1', 'notaregion']) {
      await expectRefused(cognito(`arn:aws:iam::${account}:role/CognitoAccess`, pools), {
        name: 'ValidationException',
        message: `The Amazon Cognito pools must be in a Region of the aws partition: ${pools}_AbCdEf123`,
      });
    }
    // Pools of another Region of the partition are taken.
    const created = await emulator
      .client()
      .send(
        new CreateElasticsearchDomainCommand(
          testDomainInput(
            'cognito',
            cognito(`arn:aws:iam::${account}:role/service-role/CognitoAccess`, 'us-west-2'),
          ),
        ),
      );
    assert.equal(created.DomainStatus?.CognitoOptions?.UserPoolId, 'us-west-2_AbCdEf123');
  });

  it("MasterUserARN is an IAM user or role of the domain's partition", async () => {
    const withMaster = (MasterUserARN: string) => ({
      ...fineGrainedDomain,
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: false,
        MasterUserOptions: { MasterUserARN },
      },
    });
    for (const arn of [
      'master',
      'arn:aws:s3:::bucket',
      `arn:aws-cn:iam::${account}:role/master`,
      'arn:aws:iam:::role/master',
      `arn:aws:iam::${account}:group/admins`,
    ]) {
      await expectRefused(withMaster(arn), {
        name: 'ValidationException',
        message: `MasterUserARN must be the ARN of an IAM user or role in the aws partition: ${arn}`,
      });
    }
    for (const [name, arn] of [
      ['master-user', `arn:aws:iam::${account}:user/search-admin`],
      ['master-role', `arn:aws:iam::${account}:role/search/admin`],
    ] as const) {
      const created = await emulator
        .client()
        .send(new CreateElasticsearchDomainCommand(testDomainInput(name, withMaster(arn))));
      assert.equal(created.DomainStatus?.AdvancedSecurityOptions?.Enabled, true);
    }
  });

  it("a custom endpoint's certificate is an ACM certificate of the account, in a Region of the domain's partition", async () => {
    for (const arn of [
      `arn:aws-cn:acm:cn-north-1:${account}:certificate/0b2c3d4e`,
      `arn:aws-cn:acm:us-east-1:${account}:certificate/0b2c3d4e`,
      `arn:aws:acm:notaregion:${account}:certificate/0b2c3d4e`,
      `arn:aws:acm:us-east-1:${account}:certificate/*`,
    ]) {
      await expectRefused(
        {
          DomainEndpointOptions: {
            EnforceHTTPS: true,
            CustomEndpointEnabled: true,
            CustomEndpoint: 'search.example.com',
            CustomEndpointCertificateArn: arn,
          },
        },
        {
          name: 'ValidationException',
          message: `CustomEndpointCertificateArn must be the ARN of an ACM certificate in account ${account}: ${arn}`,
        },
      );
    }
  });

  it("a log group is named by a log group ARN of the domain's Region, with AWS's text for any other", async () => {
    for (const arn of [
      'arn:aws:logs:us-east-1',
      `arn:aws:logs:us-east-1:${account}`,
      `arn:aws:logs:us-east-1:${account}:log-group:`,
      `arn:aws:logs:us-east-1:${account}:destination:search`,
      'arn:aws:logs:us-east-1:*:log-group:search',
      `arn:aws:logs:us-east-1:${account}:log-group:search logs`,
    ]) {
      await expectRefused(
        { LogPublishingOptions: { INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: arn } } },
        {
          name: 'ValidationException',
          message:
            'The CloudWatch Logs ARN referring to the log group for logging your INDEX_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
        },
      );
    }
    for (const [name, arn] of [
      ['logged', `arn:aws:logs:us-east-1:${account}:log-group:/aws/es/search_logs#1`],
      ['logged-star', `arn:aws:logs:us-east-1:${account}:log-group:search:*`],
    ] as const) {
      const created = await emulator.client().send(
        new CreateElasticsearchDomainCommand(
          testDomainInput(name, {
            LogPublishingOptions: { INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: arn } },
          }),
        ),
      );
      assert.equal(
        created.DomainStatus?.LogPublishingOptions?.INDEX_SLOW_LOGS?.CloudWatchLogsLogGroupArn,
        arn,
      );
    }
  });

  it('a KMS key ARN names a Region, and a policy principal holds no white space', async () => {
    const keyArn = `arn:aws:kms:notaregion:${account}:key/0b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0`;
    const keyError = await errorOf(() =>
      emulator
        .client()
        .send(
          new CreateElasticsearchDomainCommand(
            testDomainInput('refused', { EncryptionAtRestOptions: { Enabled: true, KmsKeyId: keyArn } }),
          ),
        ),
    );
    assert.equal(keyError.name, 'ValidationException');
    assert.match(
      keyError.message,
      /^Error in Accessing KmsKeyID with details:Invalid keyId 'arn:aws:kms:notaregion:/,
    );

    const AccessPolicies = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root ` },
          Action: 'es:ESHttpGet',
          Resource: `arn:aws:es:us-east-1:${account}:domain/refused/*`,
        },
      ],
    });
    await expectRefused(
      { AccessPolicies },
      { name: 'InvalidTypeException', message: `Error setting policy: [${AccessPolicies}]`, status: 409 },
    );
  });

  it('subnets and security groups are EC2 ids, each subnet once, for a domain and for a VPC endpoint', async () => {
    const vpc = (SubnetIds: string[], SecurityGroupIds = ['sg-0a1b2c3d']) => ({
      VPCOptions: { SubnetIds, SecurityGroupIds },
    });
    await expectRefused(vpc(['foo']), { name: 'ValidationException', message: "Invalid subnet ID: 'foo'" });
    await expectRefused(vpc(['']), { name: 'ValidationException', message: "Invalid subnet ID: ''" });
    await expectRefused(vpc(['subnet-*']), {
      name: 'ValidationException',
      message: "Invalid subnet ID: 'subnet-*'",
    });
    await expectRefused(vpc(['subnet-0a1b2c3d'], ['sg-*']), {
      name: 'ValidationException',
      message: "Invalid security group ID: 'sg-*'",
    });
    await expectRefused(
      {
        ...vpc(['subnet-aaaa', 'subnet-aaaa']),
        ElasticsearchClusterConfig: {
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 2,
          ZoneAwarenessEnabled: true,
        },
      },
      {
        name: 'ValidationException',
        message: 'The subnets must be in different Availability Zones: subnet-aaaa is given more than once.',
      },
    );

    const domain = await emulator
      .client()
      .send(new CreateElasticsearchDomainCommand(testDomainInput('private', vpc(['subnet-0a1b2c3d']))));
    const endpointError = await errorOf(() =>
      emulator.client().send(
        new CreateVpcEndpointCommand({
          DomainArn: domain.DomainStatus!.ARN,
          VpcOptions: { SubnetIds: [''], SecurityGroupIds: ['sg-0a1b2c3d'] },
        }),
      ),
    );
    assert.equal(endpointError.name, 'ValidationException');
    assert.equal(endpointError.message, "Invalid subnet ID: ''");
  });

  it('AuthorizeVpcEndpointAccess takes an account id of 12 digits', async () => {
    await emulator
      .client()
      .send(
        new CreateElasticsearchDomainCommand(
          testDomainInput('shared', { VPCOptions: { SubnetIds: ['subnet-0a1b2c3d'] } }),
        ),
      );
    for (const Account of ['123', '1234567890123']) {
      const error = await errorOf(() =>
        emulator.client().send(new AuthorizeVpcEndpointAccessCommand({ DomainName: 'shared', Account })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.message, `Account must be an AWS account id of 12 digits: ${Account}`);
    }
    const listed = await emulator.client().send(new ListVpcEndpointAccessCommand({ DomainName: 'shared' }));
    assert.deepEqual(listed.AuthorizedPrincipalList, []);
    const granted = await emulator
      .client()
      .send(new AuthorizeVpcEndpointAccessCommand({ DomainName: 'shared', Account: '111122223333' }));
    assert.equal(granted.AuthorizedPrincipal?.Principal, '111122223333');
  });

  it('values a domain holds from before these checks are not judged again by an update that does not bring them', async () => {
    const client = emulator.client();
    const logGroup = (name: string) => `arn:aws:logs:us-east-1:${account}:log-group:${name}`;
    await client.send(
      new CreateElasticsearchDomainCommand(
        testDomainInput('stored-before', {
          VPCOptions: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
          LogPublishingOptions: {
            INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: logGroup('slow') },
          },
          ...cognito(`arn:aws:iam::${account}:role/CognitoAccess`),
        }),
      ),
    );
    // What an earlier build took and stored: ids, a log group ARN and a role ARN of forms now refused.
    const oldForms = {
      subnet: 'subnet_old',
      group: 'sg_old',
      logGroup: `arn:aws:logs:us-east-1:${account}:log-group:old slow logs`,
      role: `arn:aws:iam::${account}:user/CognitoAccess`,
    };
    emulator.store.db
      .prepare(
        `UPDATE domains SET doc = json_set(doc,
           '$.options.VPCOptions.SubnetIds', json_array(?),
           '$.options.VPCOptions.SecurityGroupIds', json_array(?),
           '$.options.LogPublishingOptions.INDEX_SLOW_LOGS.CloudWatchLogsLogGroupArn', ?,
           '$.options.CognitoOptions.RoleArn', ?)
         WHERE name = 'stored-before'`,
      )
      .run(oldForms.subnet, oldForms.group, oldForms.logGroup, oldForms.role);

    const updated = await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'stored-before',
        AdvancedOptions: { 'rest.action.multi.allow_explicit_index': 'false' },
      }),
    );
    assert.equal(updated.DomainConfig?.VPCOptions?.Options?.SubnetIds?.[0], oldForms.subnet);
    // Brought by the call, the same forms are judged.
    const broughtAgain = await errorOf(() =>
      client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'stored-before',
          VPCOptions: { SubnetIds: ['subnet_new'] },
        }),
      ),
    );
    assert.equal(broughtAgain.message, "Invalid subnet ID: 'subnet_new'");
  });
});
