import assert from 'node:assert/strict';
import { AddTagsCommand, ListTagsCommand, RemoveTagsCommand } from '@aws-sdk/client-elasticsearch-service';
import { evaluate } from '../server/iam/evaluator';
import type { DecisionReason, EvaluationRequest, PolicyStatement } from '../server/iam/types';
import { signedLocalRequest } from './fixtures/signed-request';
import { createTestDomain } from './support/domains';
import { expectServiceError } from './support/errors';
import { policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

/**
 * A principal of one account calling on a resource of another: IAM needs the resource's account to allow it in a
 * resource-based policy too (the IAM User Guide, "Cross-account policy evaluation logic"), and the configuration
 * API's resources have none (a domain's access policy governs its data plane: the seed chapter). An identity-based
 * policy, however wide, and an account's root are refused, in AWS's words for a missing resource-based policy.
 */

const HOME = '111111111111';
const OTHER = '222222222222';
const OTHER_DOMAIN = `arn:aws:es:us-east-1:${OTHER}:domain/shared`;
const HOME_DOMAIN = `arn:aws:es:us-east-1:${HOME}:domain/shared`;

describe('IAM across accounts: the evaluator', () => {
  const allowAll: PolicyStatement = { Sid: 'All', Effect: 'Allow', Action: 'es:*', Resource: '*' };
  const denyTags: PolicyStatement = { Sid: 'NoTags', Effect: 'Deny', Action: 'es:ListTags', Resource: '*' };
  const rows: { name: string; request: Partial<EvaluationRequest>; reason: DecisionReason }[] = [
    {
      name: 'an identity-based Allow of everything is not enough',
      request: { identityPolicies: [{ name: 'wide', document: policyDocument(allowAll) as never }] },
      reason: 'implicit-deny-resource',
    },
    {
      name: 'no identity-based Allow either: the missing resource-based policy is named',
      request: { identityPolicies: [] },
      reason: 'implicit-deny-resource',
    },
    {
      name: 'an identity-based explicit Deny is named as such',
      request: {
        identityPolicies: [{ name: 'deny', document: policyDocument(allowAll, denyTags) as never }],
      },
      reason: 'explicit-deny-identity',
    },
    {
      name: "a permissions boundary's explicit Deny is named as such",
      request: {
        identityPolicies: [{ name: 'wide', document: policyDocument(allowAll) as never }],
        permissionsBoundary: { name: 'boundary', document: policyDocument(allowAll, denyTags) as never },
      },
      reason: 'explicit-deny-boundary',
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const decision = evaluate({
        action: 'es:ListTags',
        resource: OTHER_DOMAIN,
        context: {},
        identityPolicies: [],
        crossAccount: true,
        ...row.request,
      });
      assert.equal(decision.allowed, false);
      assert.equal(decision.reason, row.reason);
    });
  }

  it('the same policies allow the principal its own account (crossAccount absent)', () => {
    const decision = evaluate({
      action: 'es:ListTags',
      resource: HOME_DOMAIN,
      context: {},
      identityPolicies: [{ name: 'wide', document: policyDocument(allowAll) as never }],
    });
    assert.equal(decision.reason, 'allowed');
  });
});

describe('IAM across accounts: calls through the SDK', () => {
  let emulator: TestEmulator;
  const homeRoot = seedKey('AKIAHOMEROOT00000001');
  const otherRoot = seedKey('AKIAOTHERROOT0000001');
  const admin = seedKey('AKIAHOMEADMIN0000001');
  const denied = seedKey('AKIAHOMEDENIED000001');

  before(async () => {
    const everything = { Sid: 'All', Effect: 'Allow', Action: 'es:*', Resource: '*' };
    emulator = await startSeededEmulator({
      accounts: {
        [HOME]: {
          root: { accessKeys: [homeRoot] },
          users: {
            admin: { accessKeys: [admin], inlinePolicies: { all: policyDocument(everything) } },
            denied: {
              accessKeys: [denied],
              inlinePolicies: {
                all: policyDocument(everything, {
                  Sid: 'NoTagReads',
                  Effect: 'Deny',
                  Action: 'es:ListTags',
                  Resource: `arn:aws:es:*:${OTHER}:domain/*`,
                }),
              },
            },
          },
        },
        [OTHER]: { root: { accessKeys: [otherRoot] } },
      },
    });
    const owner = emulator.client({ credentials: otherRoot });
    await createTestDomain(owner, 'shared');
    await owner.send(new AddTagsCommand({ ARN: OTHER_DOMAIN, TagList: [{ Key: 'team', Value: 'search' }] }));
    await createTestDomain(emulator.client({ credentials: homeRoot }), 'shared');
  });
  after(() => emulator.stop());

  const refusal = (principal: string, action: string, ending: string) =>
    `User: arn:aws:iam::${HOME}:${principal} is not authorized to perform: es:${action} on resource: ${OTHER_DOMAIN} ${ending}`;
  const noResourcePolicy = (action: string) =>
    `because no resource-based policy allows the es:${action} action`;

  it("refuses a user allowed es:* on * the tags of another account's domain, each call, and changes nothing", async () => {
    const client = emulator.client({ credentials: admin });
    const calls: [string, () => Promise<unknown>][] = [
      ['ListTags', () => client.send(new ListTagsCommand({ ARN: OTHER_DOMAIN }))],
      [
        'AddTags',
        () =>
          client.send(
            new AddTagsCommand({ ARN: OTHER_DOMAIN, TagList: [{ Key: 'team', Value: 'intruder' }] }),
          ),
      ],
      ['RemoveTags', () => client.send(new RemoveTagsCommand({ ARN: OTHER_DOMAIN, TagKeys: ['team'] }))],
    ];
    for (const [action, call] of calls) {
      await expectServiceError(call, {
        name: 'AccessDeniedException',
        status: 403,
        message: refusal('user/admin', action, noResourcePolicy(action)),
      });
    }
    const { TagList } = await emulator
      .client({ credentials: otherRoot })
      .send(new ListTagsCommand({ ARN: OTHER_DOMAIN }));
    assert.deepEqual(TagList, [{ Key: 'team', Value: 'search' }]);
    // Its own account's domain of the same name is the user's to read.
    assert.deepEqual((await client.send(new ListTagsCommand({ ARN: HOME_DOMAIN }))).TagList, []);
  });

  it("refuses an account's root another account's domain, where its own is allowed without a policy", async () => {
    await expectServiceError(
      () => emulator.client({ credentials: homeRoot }).send(new ListTagsCommand({ ARN: OTHER_DOMAIN })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message: refusal('root', 'ListTags', noResourcePolicy('ListTags')),
      },
    );
  });

  it('names an explicit Deny of the identity-based policy before the missing resource-based policy', async () => {
    await expectServiceError(
      () => emulator.client({ credentials: denied }).send(new ListTagsCommand({ ARN: OTHER_DOMAIN })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message: refusal('user/denied', 'ListTags', 'with an explicit deny in an identity-based policy'),
      },
    );
  });

  it('logs the decision with its reason, and /_local/simulate decides as the call was decided', async () => {
    const local = (method: string, route: string, body?: unknown) =>
      signedLocalRequest(emulator.endpoint, homeRoot, method, route, body);
    await emulator
      .client({ credentials: admin })
      .send(new ListTagsCommand({ ARN: OTHER_DOMAIN }))
      .catch(() => undefined);
    const { decisions } = (await local('GET', '/_local/decisions?limit=1')).body as {
      decisions: Record<string, unknown>[];
    };
    assert.equal(decisions[0]!.decision, 'Deny');
    assert.equal(decisions[0]!.reason, 'implicit-deny-resource');
    assert.equal(decisions[0]!.message, refusal('user/admin', 'ListTags', noResourcePolicy('ListTags')));

    for (const principal of ['user/admin', 'root']) {
      const simulated = (
        await local('POST', '/_local/simulate', {
          principalArn: `arn:aws:iam::${HOME}:${principal}`,
          action: 'es:UpdateElasticsearchDomainConfig',
          resource: OTHER_DOMAIN,
        })
      ).body as Record<string, unknown>;
      assert.equal(simulated.decision, 'Deny', principal);
      assert.equal(simulated.reason, 'implicit-deny-resource', principal);
      // An operation the 2021 API renamed is decided on both its actions, and its denial names both (reference A2).
      assert.equal(
        simulated.message,
        `[${refusal(principal, 'UpdateDomainConfig', noResourcePolicy('UpdateDomainConfig'))}, ${refusal(
          principal,
          'UpdateElasticsearchDomainConfig',
          noResourcePolicy('UpdateElasticsearchDomainConfig'),
        )}]`,
      );
    }
  });
});
