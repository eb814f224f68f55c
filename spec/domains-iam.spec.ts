import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startSeededEmulator } from './support/emulator';

const ACCOUNT = '111122223333';
const arnOf = (name: string) => `arn:aws:es:us-east-1:${ACCOUNT}:domain/${name}`;
const root = { accessKeyId: 'AKIAROOTDOMAINS00001', secretAccessKey: 'root-secret' };
const appReader = { accessKeyId: 'AKIAAPPREADER0000001', secretAccessKey: 'app-reader-secret' };
const fenced = { accessKeyId: 'AKIAFENCED0000000001', secretAccessKey: 'fenced-secret' };

/**
 * A user allowed es:DescribeElasticsearchDomains on the domains named app-* only, and a user allowed every
 * action on everything but denied the domain `other` and every domain tagged class=restricted.
 */
const seed = {
  accounts: {
    [ACCOUNT]: {
      root: { accessKeys: [root] },
      users: {
        'app-reader': {
          accessKeys: [appReader],
          inlinePolicies: {
            'describe-app-domains': {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'es:DescribeElasticsearchDomains',
                  Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/app-*`,
                },
              ],
            },
          },
        },
        fenced: {
          accessKeys: [fenced],
          inlinePolicies: {
            'everything-but': {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'es:*', Resource: '*' },
                { Effect: 'Deny', Action: 'es:*', Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/other` },
                {
                  Effect: 'Deny',
                  Action: 'es:*',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:ResourceTag/class': 'restricted' } },
                },
              ],
            },
          },
        },
      },
    },
  },
};

describe('Domains: the IAM resource of DescribeElasticsearchDomains', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator(seed, { accountId: ACCOUNT });
    const admin = emulator.client({ credentials: root });
    for (const name of ['app-one', 'app-two', 'other', 'restricted']) {
      await admin.send(
        new CreateElasticsearchDomainCommand({
          DomainName: name,
          ElasticsearchVersion: '7.10',
          ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 1 },
          EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
          ...(name === 'restricted' ? { TagList: [{ Key: 'class', Value: 'restricted' }] } : {}),
        }),
      );
    }
  });
  after(() => emulator.stop());

  it('one name: the resource is that domain, allowed by a policy on it', async () => {
    const client = emulator.client({ credentials: appReader });
    const result = await client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: ['app-one'] }));
    assert.deepEqual(
      result.DomainStatusList?.map((status) => status.DomainName),
      ['app-one'],
    );
  });

  it('one name outside the policy, alone or with allowed ones: denied on that domain', async () => {
    const client = emulator.client({ credentials: appReader });
    for (const names of [['other'], ['app-one', 'other']]) {
      const error = await errorOf(() =>
        client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: names })),
      );
      assert.equal(error.name, 'AccessDeniedException', names.join());
      // Both actions of the operation the 2021 API renamed, each with its reason (reference A2).
      const denial = (action: string) =>
        `User: arn:aws:iam::${ACCOUNT}:user/app-reader is not authorized to perform: ${action} on resource: ${arnOf('other')} because no identity-based policy allows the ${action} action`;
      assert.equal(
        error.message,
        `[${denial('es:DescribeDomains')}, ${denial('es:DescribeElasticsearchDomains')}]`,
      );
    }
  });

  it('several names, each within the policy: each domain is authorized on its own, and all are described', async () => {
    const client = emulator.client({ credentials: appReader });
    const result = await client.send(
      new DescribeElasticsearchDomainsCommand({ DomainNames: ['app-one', 'app-two'] }),
    );
    assert.deepEqual(
      result.DomainStatusList?.map((status) => status.DomainName),
      ['app-one', 'app-two'],
    );
  });

  it('a Deny on one domain holds however many allowed names come with it, by its ARN and by its tags', async () => {
    const client = emulator.client({ credentials: fenced });
    const allowed = await client.send(
      new DescribeElasticsearchDomainsCommand({ DomainNames: ['app-one', 'app-two'] }),
    );
    assert.equal(allowed.DomainStatusList?.length, 2);
    for (const [names, denied] of [
      [['app-one', 'other'], 'other'],
      [['other', 'app-one', 'app-two'], 'other'],
      [['app-two', 'restricted'], 'restricted'],
    ] as const) {
      const error = await errorOf(() =>
        client.send(new DescribeElasticsearchDomainsCommand({ DomainNames: [...names] })),
      );
      assert.equal(error.name, 'AccessDeniedException', names.join());
      // es:* denies both actions of the renamed operation: the denial names each.
      const denial = (action: string) =>
        `User: arn:aws:iam::${ACCOUNT}:user/fenced is not authorized to perform: ${action} on resource: ${arnOf(denied)} with an explicit deny in an identity-based policy`;
      assert.equal(
        error.message,
        `[${denial('es:DescribeDomains')}, ${denial('es:DescribeElasticsearchDomains')}]`,
      );
    }
  });
});
