import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';

/**
 * A set operator over a key the call does not carry (aws:TagKeys of a call without tags), with the IfExists suffix:
 * ForAnyValue is false and ForAllValues true, as without it. IfExists speaks of each value, and there is none. A
 * real call showed it (repost.aws, "ForAnyValue:StringEqualsIfExists behaving unexpectedly": such an Allow on
 * aws:TagKeys did not allow sqs:ListQueues). Decided through the JS v3 SDK.
 */

const ACCOUNT = '111122223333';

const seed = {
  accounts: {
    [ACCOUNT]: {
      users: {
        // An Allow that reads as "if tags are sent, one of them is team": it allows nothing without tags.
        'any-team': {
          accessKeys: [seedKey('AKIAANYTEAM000000001')],
          inlinePolicies: {
            tags: policyDocument({
              Effect: 'Allow',
              Action: 'es:*',
              Resource: '*',
              Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
            }),
          },
        },
        // A Deny of any tag key but team and env: a call without tags is not denied.
        'known-keys': {
          accessKeys: [seedKey('AKIAKNOWNKEYS0000001')],
          inlinePolicies: {
            tags: policyDocument(
              { Effect: 'Allow', Action: 'es:*', Resource: '*' },
              {
                Effect: 'Deny',
                Action: 'es:CreateElasticsearchDomain',
                Resource: '*',
                Condition: { 'ForAnyValue:StringNotEqualsIfExists': { 'aws:TagKeys': ['team', 'env'] } },
              },
            ),
          },
        },
        // ForAllValues with IfExists: true without tags, as ForAllValues alone is.
        'all-known': {
          accessKeys: [seedKey('AKIAALLKNOWN00000001')],
          inlinePolicies: {
            tags: policyDocument({
              Effect: 'Allow',
              Action: 'es:*',
              Resource: '*',
              Condition: { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
            }),
          },
        },
      },
    },
  },
};

describe('set operators with IfExists and a key the call does not carry, through the JS v3 SDK', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator(seed, { accountId: ACCOUNT });
  });
  after(() => emulator.stop());

  const as = (id: string) => emulator.client({ credentials: seedKey(id) });
  const create = (id: string, name: string, tagKeys: string[]) =>
    as(id).send(
      new CreateElasticsearchDomainCommand(
        testDomainInput(name, tagKeys.length ? { TagList: tagKeys.map((Key) => ({ Key, Value: 'x' })) } : {}),
      ),
    );

  async function expectDenied(call: () => Promise<unknown>, ending: string) {
    const error = await errorOf(call);
    assert.equal(error.name, 'AccessDeniedException', error.message);
    assert.match(error.message, new RegExp(`${ending}$`));
  }

  it('ForAnyValue:StringEqualsIfExists allows a call with a team tag, and no call without tags', async () => {
    assert.equal(
      (await create('AKIAANYTEAM000000001', 'any-team', ['team'])).DomainStatus?.DomainName,
      'any-team',
    );
    await expectDenied(
      () => as('AKIAANYTEAM000000001').send(new ListDomainNamesCommand({})),
      'because no identity-based policy allows the es:ListDomainNames action',
    );
    await expectDenied(
      () => create('AKIAANYTEAM000000001', 'any-untagged', []),
      // Both actions of the renamed operation are named, this one last (reference A2).
      'because no identity-based policy allows the es:CreateElasticsearchDomain action]',
    );
  });

  it('ForAnyValue:StringNotEqualsIfExists denies another tag key, and not a create without tags', async () => {
    await create('AKIAKNOWNKEYS0000001', 'known-untagged', []);
    await create('AKIAKNOWNKEYS0000001', 'known-team', ['team', 'env']);
    await expectDenied(
      () => create('AKIAKNOWNKEYS0000001', 'known-owner', ['team', 'owner']),
      'with an explicit deny in an identity-based policy',
    );
  });

  it('ForAllValues:StringEqualsIfExists allows a call without tags, and refuses another tag key', async () => {
    const { DomainNames } = await as('AKIAALLKNOWN00000001').send(new ListDomainNamesCommand({}));
    assert.ok(DomainNames?.some((domain) => domain.DomainName === 'any-team'));
    await create('AKIAALLKNOWN00000001', 'all-untagged', []);
    await expectDenied(
      () => create('AKIAALLKNOWN00000001', 'all-owner', ['owner']),
      // Both actions of the renamed operation are named, this one last (reference A2).
      'because no identity-based policy allows the es:CreateElasticsearchDomain action]',
    );
  });
});
