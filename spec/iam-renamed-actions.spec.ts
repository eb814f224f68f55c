import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ListElasticsearchVersionsCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { callDenialMessage } from '../server/iam/authorizer';
import { actionsDeciding, otherNameOf, renamedActionPairs } from '../server/iam/renamed-actions';
import type { Decision, DecisionReason } from '../server/iam/types';
import { testDomainInput } from './support/domains';
import type { TestEmulator } from './support/emulator';
import { policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';

/**
 * The operations known by two IAM actions (server/iam/renamed-actions), held to the authorization data in
 * ../shared, and the denial message of a call decided on both.
 */

interface AuthorizationAction {
  name: string;
  resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
  conditionKeys?: string[];
}

const authorizationData = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '..', '..', '..', 'shared', 'aws-model', 'es-iam-authorization.json'),
    'utf8',
  ),
) as { actions: AuthorizationAction[] };
const serviceModel = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '..', '..', '..', 'shared', 'aws-model', 'es-2015-01-01.service-2.json'),
    'utf8',
  ),
) as { operations: Record<string, unknown> };

describe('operations known by two IAM actions', () => {
  const actionNamed = (action: string) =>
    authorizationData.actions.find((candidate) => `es:${candidate.name}` === action);

  it('are 21 operations of the 2015 API, each paired with an action of the authorization data', () => {
    // AWS's rename guide: "21 API operations were replaced with more concise and engine-agnostic names".
    assert.equal(renamedActionPairs.length, 21);
    for (const pair of renamedActionPairs) {
      const operations = pair.filter((action) => serviceModel.operations[action.slice('es:'.length)]);
      assert.equal(operations.length, 1, `one of ${pair.join(' and ')} is a 2015 operation`);
      for (const action of pair) assert.ok(actionNamed(action), `${action} is an IAM action of es`);
      assert.deepEqual([...pair], [...pair].sort(), 'in the order AWS names them');
    }
  });

  it('pair actions that take the same resource types and condition keys', () => {
    for (const [first, second] of renamedActionPairs) {
      const shape = (action: string) => {
        const data = actionNamed(action)!;
        return {
          resourceTypes: data.resourceTypes.map((type) => type.name).sort(),
          conditionKeys: [...(data.conditionKeys ?? [])].sort(),
        };
      };
      assert.deepEqual(shape(first), shape(second), `${first} and ${second}`);
    }
  });

  it('are found by either name in any letter case; other actions are decided alone', () => {
    assert.deepEqual(actionsDeciding('es:CreateElasticsearchDomain'), [
      'es:CreateDomain',
      'es:CreateElasticsearchDomain',
    ]);
    assert.deepEqual(actionsDeciding('ES:createdomain'), ['es:CreateDomain', 'es:CreateElasticsearchDomain']);
    assert.equal(otherNameOf('es:ListElasticsearchVersions'), 'es:ListVersions');
    assert.equal(otherNameOf('es:ListVersions'), 'es:ListElasticsearchVersions');
    // The reference maps these two 2015 operations to their own action alone.
    for (const action of [
      'es:DeleteInboundCrossClusterSearchConnection',
      'es:ListElasticsearchInstanceTypes',
      'es:ListDomainNames',
      'es:AddTags',
    ]) {
      assert.deepEqual(actionsDeciding(action), [action]);
      assert.equal(otherNameOf(action), undefined);
    }
  });
});

describe('the denial of a call decided on two actions', () => {
  const who = 'arn:aws:iam::111122223333:user/alice';
  const resource = 'arn:aws:es:us-east-1:111122223333:domain/logs';
  const denialOf = (reason: DecisionReason): Decision => ({ allowed: false, reason, statements: [] });
  const allowed: Decision = { allowed: true, reason: 'allowed', statements: [] };

  const rows: {
    name: string;
    action: string;
    alone: Record<string, Decision>;
    expect: string;
  }[] = [
    {
      name: 'neither allowed: both named, each with its reason, between brackets (reference A2)',
      action: 'es:DescribeElasticsearchDomain',
      alone: {
        'es:DescribeDomain': denialOf('implicit-deny-identity'),
        'es:DescribeElasticsearchDomain': denialOf('implicit-deny-identity'),
      },
      expect:
        `[User: ${who} is not authorized to perform: es:DescribeDomain on resource: ${resource} because no identity-based policy allows the es:DescribeDomain action, ` +
        `User: ${who} is not authorized to perform: es:DescribeElasticsearchDomain on resource: ${resource} because no identity-based policy allows the es:DescribeElasticsearchDomain action]`,
    },
    {
      name: 'one denied explicitly, the other allowed: that one alone, without brackets',
      action: 'es:DescribeElasticsearchDomain',
      alone: {
        'es:DescribeDomain': denialOf('explicit-deny-identity'),
        'es:DescribeElasticsearchDomain': allowed,
      },
      expect: `User: ${who} is not authorized to perform: es:DescribeDomain on resource: ${resource} with an explicit deny in an identity-based policy`,
    },
    {
      name: 'one denied explicitly, the other not allowed: each with its own reason',
      action: 'es:DescribeElasticsearchDomain',
      alone: {
        'es:DescribeDomain': denialOf('implicit-deny-boundary'),
        'es:DescribeElasticsearchDomain': denialOf('explicit-deny-session'),
      },
      expect:
        `[User: ${who} is not authorized to perform: es:DescribeDomain on resource: ${resource} because no permissions boundary allows the es:DescribeDomain action, ` +
        `User: ${who} is not authorized to perform: es:DescribeElasticsearchDomain on resource: ${resource} with an explicit deny in a session policy]`,
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const message = callDenialMessage(
        who,
        row.action,
        resource,
        denialOf('implicit-deny-identity'),
        (action) => row.alone[action]!,
      );
      assert.equal(message, row.expect);
    });
  }

  it('an action known by one name: its own message, asking nothing more', () => {
    const message = callDenialMessage(who, 'es:AddTags', resource, denialOf('explicit-deny-identity'), () => {
      throw new Error('not asked');
    });
    assert.equal(
      message,
      `User: ${who} is not authorized to perform: es:AddTags on resource: ${resource} with an explicit deny in an identity-based policy`,
    );
  });
});

describe('the 2021 action names through the JS v3 SDK', () => {
  const ACCOUNT = '111122223333';
  const rootKey = seedKey('AKIARENAMEDROOT00001');
  const newNames = seedKey('AKIARENAMEDNEWNAMES1');
  const openSearchReader = seedKey('AKIARENAMEDOSREADER1');
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [ACCOUNT]: {
          root: { accessKeys: [rootKey] },
          users: {
            // A policy written for the 2021 API, as AWS's rename guide recommends.
            'new-names': {
              accessKeys: [newNames],
              inlinePolicies: {
                opensearch: policyDocument(
                  {
                    Effect: 'Allow',
                    Action: ['es:CreateDomain', 'es:DescribeDomain', 'es:DeleteDomain', 'es:ListVersions'],
                    Resource: '*',
                  },
                  { Sid: 'NoUpgrades', Effect: 'Deny', Action: 'es:UpgradeDomain', Resource: '*' },
                  { Effect: 'Allow', Action: 'es:UpgradeElasticsearchDomain', Resource: '*' },
                ),
              },
            },
            'os-reader': {
              accessKeys: [openSearchReader],
              managedPolicies: ['arn:aws:iam::aws:policy/AmazonOpenSearchServiceReadOnlyAccess'],
            },
          },
        },
      },
    });
  });
  after(() => emulator.stop());

  it('a policy on the 2021 names creates, describes and deletes through the 2015 API, and its Deny holds', async () => {
    const client = emulator.client({ credentials: newNames });
    await client.send(
      new CreateElasticsearchDomainCommand(testDomainInput('renamed', { ElasticsearchVersion: '6.8' })),
    );
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'renamed' }),
    );
    assert.equal(DomainStatus?.DomainName, 'renamed');
    const { ElasticsearchVersions } = await client.send(new ListElasticsearchVersionsCommand({}));
    assert.ok(ElasticsearchVersions?.includes('7.10'));
    await expectServiceError(
      () =>
        client.send(
          new UpgradeElasticsearchDomainCommand({
            DomainName: 'renamed',
            TargetVersion: '7.10',
            PerformCheckOnly: true,
          }),
        ),
      {
        name: 'AccessDeniedException',
        status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/new-names is not authorized to perform: es:UpgradeDomain on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/renamed with an explicit deny in an identity-based policy`,
      },
    );
    await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'renamed' }));
  });

  it('AmazonOpenSearchServiceReadOnlyAccess reads, and is refused a change naming both actions', async () => {
    await emulator
      .client({ credentials: rootKey })
      .send(new CreateElasticsearchDomainCommand(testDomainInput('watched')));
    const client = emulator.client({ credentials: openSearchReader });
    const { DomainStatus } = await client.send(
      new DescribeElasticsearchDomainCommand({ DomainName: 'watched' }),
    );
    assert.equal(DomainStatus?.DomainName, 'watched');
    const denial = (action: string) =>
      `User: arn:aws:iam::${ACCOUNT}:user/os-reader is not authorized to perform: ${action} on resource: arn:aws:es:us-east-1:${ACCOUNT}:domain/watched because no identity-based policy allows the ${action} action`;
    await expectServiceError(
      () => client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'watched' })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message: `[${denial('es:DeleteDomain')}, ${denial('es:DeleteElasticsearchDomain')}]`,
      },
    );
  });
});
