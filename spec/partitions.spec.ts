import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  CreateVpcEndpointCommand,
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
  ListTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { inPartition, partitionOf } from '../server/partitions';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';

/**
 * ARNs in the partition of their Region, as AWS's ARN reference gives them: `arn:aws-cn:` in the China Regions,
 * `arn:aws-us-gov:` in AWS GovCloud (US), `arn:aws:` elsewhere, for domains, their KMS keys and the principals
 * whose requests are signed for those Regions. Through the JS v3 SDK, with an IAM seed written for them.
 */

describe('partitions: which partition a Region is in', () => {
  const rows: [string, string][] = [
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-5', 'aws'],
    ['us-west-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
  ];
  for (const [region, partition] of rows) {
    it(`${region}: ${partition}`, () => assert.equal(partitionOf(region), partition));
  }
  it('moves an ARN into a partition, and leaves a string that is no ARN alone', () => {
    assert.equal(
      inPartition('arn:aws:iam::111122223333:root', 'aws-cn'),
      'arn:aws-cn:iam::111122223333:root',
    );
    assert.equal(inPartition('arn:aws-cn:iam::111122223333:root', 'aws'), 'arn:aws:iam::111122223333:root');
    assert.equal(inPartition('arn:aws:iam::111122223333:root', 'aws'), 'arn:aws:iam::111122223333:root');
    assert.equal(inPartition('*', 'aws-cn'), '*');
  });
});

const ACCOUNT = '111122223333';
const seed = {
  accounts: {
    [ACCOUNT]: {
      root: { accessKeys: [seedKey('AKIAROOT000000000001')] },
      users: {
        // Written for the China Regions: the domains of its partition only.
        'cn-reader': {
          accessKeys: [seedKey('AKIACNREADER00000001')],
          inlinePolicies: {
            read: policyDocument({
              Effect: 'Allow',
              Action: 'es:DescribeElasticsearchDomain',
              Resource: `arn:aws-cn:es:cn-north-1:${ACCOUNT}:domain/*`,
            }),
          },
        },
        // aws:PrincipalArn as IAM gives it in the China Regions.
        'cn-lister': {
          accessKeys: [seedKey('AKIACNLISTER00000001')],
          inlinePolicies: {
            list: policyDocument({
              Effect: 'Allow',
              Action: 'es:ListDomainNames',
              Resource: '*',
              Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws-cn:iam::${ACCOUNT}:user/cn-lister` } },
            }),
          },
        },
      },
    },
  },
};

describe('partitions through the JS v3 SDK', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator(seed, { accountId: ACCOUNT });
    for (const region of ['cn-north-1', 'us-gov-west-1', 'us-east-1']) {
      await as('AKIAROOT000000000001', region).send(
        new CreateElasticsearchDomainCommand(
          testDomainInput('logs', {
            EncryptionAtRestOptions: { Enabled: true },
            VPCOptions: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
          }),
        ),
      );
    }
  });
  after(() => emulator.stop());

  const as = (id: string, region: string) => emulator.client({ credentials: seedKey(id), region });
  const describeLogs = (id: string, region: string) =>
    as(id, region).send(new DescribeElasticsearchDomainCommand({ DomainName: 'logs' }));

  it("a domain's ARN and its AWS-managed KMS key are in its Region's partition", async () => {
    for (const [region, partition] of [
      ['cn-north-1', 'aws-cn'],
      ['us-gov-west-1', 'aws-us-gov'],
      ['us-east-1', 'aws'],
    ] as const) {
      const status = (await describeLogs('AKIAROOT000000000001', region)).DomainStatus!;
      assert.equal(status.ARN, `arn:${partition}:es:${region}:${ACCOUNT}:domain/logs`);
      assert.match(
        status.EncryptionAtRestOptions!.KmsKeyId!,
        new RegExp(`^arn:${partition}:kms:${region}:${ACCOUNT}:key/`),
      );
    }
  });

  it('tags by the ARN of the right partition; the same ARN in the wrong partition names no domain', async () => {
    const root = as('AKIAROOT000000000001', 'cn-north-1');
    const arn = `arn:aws-cn:es:cn-north-1:${ACCOUNT}:domain/logs`;
    await root.send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'team', Value: 'search' }] }));
    assert.deepEqual((await root.send(new ListTagsCommand({ ARN: arn }))).TagList, [
      { Key: 'team', Value: 'search' },
    ]);
    const wrong = await errorOf(() =>
      root.send(new ListTagsCommand({ ARN: `arn:aws:es:cn-north-1:${ACCOUNT}:domain/logs` })),
    );
    assert.equal(wrong.name, 'ResourceNotFoundException', wrong.message);
    const malformed = await errorOf(() => root.send(new ListTagsCommand({ ARN: 'logs' })));
    assert.equal(
      malformed.message,
      'Invalid ARN: logs. Specify the ARN of a domain, in the form arn:aws-cn:es:<region>:<account>:domain/<domain-name>.',
    );
  });

  it("a VPC endpoint takes the domain's ARN in its partition", async () => {
    const root = as('AKIAROOT000000000001', 'cn-north-1');
    const VpcOptions = { SubnetIds: ['subnet-0a1b2c3d'] };
    const arn = `arn:aws-cn:es:cn-north-1:${ACCOUNT}:domain/logs`;
    const endpoint = (await root.send(new CreateVpcEndpointCommand({ DomainArn: arn, VpcOptions })))
      .VpcEndpoint!;
    assert.equal(endpoint.DomainArn, arn);
    const wrong = await errorOf(() =>
      root.send(
        new CreateVpcEndpointCommand({
          DomainArn: `arn:aws:es:cn-north-1:${ACCOUNT}:domain/logs`,
          VpcOptions,
        }),
      ),
    );
    assert.equal(wrong.name, 'ValidationException');
    assert.equal(wrong.message, 'Domain not found: logs');
  });

  it('a policy written for the China partition allows there, and its principal is named in the partition of each Region', async () => {
    assert.equal((await describeLogs('AKIACNREADER00000001', 'cn-north-1')).DomainStatus?.DomainName, 'logs');
    const gov = await errorOf(() => describeLogs('AKIACNREADER00000001', 'us-gov-west-1'));
    assert.equal(gov.name, 'AccessDeniedException');
    const denial = (action: string) =>
      `User: arn:aws-us-gov:iam::${ACCOUNT}:user/cn-reader is not authorized to perform: ${action} on resource: arn:aws-us-gov:es:us-gov-west-1:${ACCOUNT}:domain/logs because no identity-based policy allows the ${action} action`;
    assert.equal(
      gov.message,
      `[${denial('es:DescribeDomain')}, ${denial('es:DescribeElasticsearchDomain')}]`,
    );
  });

  it("aws:PrincipalArn is in the partition of the request's Region", async () => {
    assert.deepEqual(
      (await as('AKIACNLISTER00000001', 'cn-north-1').send(new ListDomainNamesCommand({}))).DomainNames?.map(
        (domain) => domain.DomainName,
      ),
      ['logs'],
    );
    const elsewhere = await errorOf(() =>
      as('AKIACNLISTER00000001', 'us-east-1').send(new ListDomainNamesCommand({})),
    );
    assert.equal(
      elsewhere.message,
      `User: arn:aws:iam::${ACCOUNT}:user/cn-lister is not authorized to perform: es:ListDomainNames on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/* because no identity-based policy allows the es:ListDomainNames action`,
    );
  });

  it("a domain's policy principals, KMS keys and log groups are taken only in the domain's partition", async () => {
    const root = as('AKIAROOT000000000001', 'cn-north-1');
    const create = (DomainName: string, input: object) =>
      errorOf(() => root.send(new CreateElasticsearchDomainCommand(testDomainInput(DomainName, input))));

    // A resource-based policy grants within one partition: a principal of another, or of none, is not resolved.
    const policyNaming = (principal: string) =>
      JSON.stringify(
        policyDocument({
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 'es:ESHttpGet',
          Resource: `arn:aws-cn:es:cn-north-1:${ACCOUNT}:domain/policy/*`,
        }),
      );
    for (const partition of ['aws', 'aws-us-gov', 'aws-xx']) {
      const AccessPolicies = policyNaming(`arn:${partition}:iam::${ACCOUNT}:user/cn-reader`);
      const error = await create('policy', { AccessPolicies });
      assert.equal(error.name, 'InvalidTypeException');
      assert.equal(error.message, `Error setting policy: [${AccessPolicies}]`);
    }
    // A KMS key of another partition, or an ARN whose partition is not its Region's, names no key.
    for (const KmsKeyId of [
      `arn:aws:kms:cn-north-1:${ACCOUNT}:alias/search`,
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0`,
      `arn:aws-us-gov:kms:cn-north-1:${ACCOUNT}:key/0b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0`,
    ]) {
      const error = await create('keyed', { EncryptionAtRestOptions: { Enabled: true, KmsKeyId } });
      assert.equal(error.name, 'ValidationException');
      assert.match(
        error.message,
        new RegExp(`^Error in Accessing KmsKeyID with details:Invalid keyId '${KmsKeyId}'`),
      );
    }
    // A log group ARN of the Region in another partition is no log group of the Region.
    const logError = await create('logged', {
      LogPublishingOptions: {
        INDEX_SLOW_LOGS: {
          Enabled: true,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:cn-north-1:${ACCOUNT}:log-group:g`,
        },
      },
    });
    assert.equal(logError.name, 'ValidationException');
    assert.equal(
      logError.message,
      'The CloudWatch Logs ARN referring to the log group for logging your INDEX_SLOW_LOGS logs is invalid. Please specify a valid ARN.',
    );
    assert.deepEqual(
      (await root.send(new ListDomainNamesCommand({}))).DomainNames?.map((domain) => domain.DomainName),
      ['logs'],
    );

    // The same in the domain's own partition is taken.
    const kmsKey = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/0b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0`;
    const created = await root.send(
      new CreateElasticsearchDomainCommand(
        testDomainInput('policy', {
          AccessPolicies: policyNaming(`arn:aws-cn:iam::${ACCOUNT}:user/cn-reader`),
          EncryptionAtRestOptions: { Enabled: true, KmsKeyId: kmsKey },
          LogPublishingOptions: {
            INDEX_SLOW_LOGS: {
              Enabled: true,
              CloudWatchLogsLogGroupArn: `arn:aws-cn:logs:cn-north-1:${ACCOUNT}:log-group:g`,
            },
          },
        }),
      ),
    );
    assert.equal(created.DomainStatus?.EncryptionAtRestOptions?.KmsKeyId, kmsKey);
    assert.match(created.DomainStatus?.AccessPolicies ?? '', /arn:aws-cn:iam::111122223333:user\/cn-reader/);
  });
});
