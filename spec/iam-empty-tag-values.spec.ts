import assert from 'node:assert/strict';
import { AddTagsCommand, CreateElasticsearchDomainCommand } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';

/**
 * A tag value may be empty, and IAM's guide on multivalued context keys says what a set operator makes of it:
 * "If the key values in the request resolve to an empty data set (for example, an empty string), a condition
 * operator modified by ForAllValues returns true, and a condition operator modified by ForAnyValue returns
 * false." Decided through the JS v3 SDK on `aws:RequestTag/env`.
 */

const ACCOUNT = '111122223333';

const seed = {
  accounts: {
    [ACCOUNT]: {
      users: {
        // Tag governance: env may only be prod.
        governed: {
          accessKeys: [seedKey('AKIAGOVERNED00000001')],
          inlinePolicies: {
            env: policyDocument({
              Effect: 'Allow',
              Action: ['es:CreateElasticsearchDomain', 'es:AddTags'],
              Resource: '*',
              Condition: { 'ForAllValues:StringEquals': { 'aws:RequestTag/env': ['prod'] } },
            }),
          },
        },
        // Anything but an env tag of any value.
        'no-env': {
          accessKeys: [seedKey('AKIANOENV00000000001')],
          inlinePolicies: {
            env: policyDocument(
              { Effect: 'Allow', Action: 'es:*', Resource: '*' },
              {
                Effect: 'Deny',
                Action: ['es:CreateElasticsearchDomain', 'es:AddTags'],
                Resource: '*',
                Condition: { 'ForAnyValue:StringLike': { 'aws:RequestTag/env': '*' } },
              },
            ),
          },
        },
        // An env tag must be sent, an empty one too (Null: false is "the key is present").
        'env-present': {
          accessKeys: [seedKey('AKIAENVPRESENT000001')],
          inlinePolicies: {
            env: policyDocument({
              Effect: 'Allow',
              Action: 'es:AddTags',
              Resource: '*',
              Condition: {
                Null: { 'aws:RequestTag/env': 'false' },
                StringEquals: { 'aws:RequestTag/env': '' },
              },
            }),
          },
        },
      },
    },
  },
};

describe('set operators over an empty tag value, through the JS v3 SDK', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startSeededEmulator(seed, { accountId: ACCOUNT });
  });
  after(() => emulator.stop());

  const as = (id: string) => emulator.client({ credentials: seedKey(id) });
  const create = (id: string, name: string, env: string) =>
    as(id).send(
      new CreateElasticsearchDomainCommand(testDomainInput(name, { TagList: [{ Key: 'env', Value: env }] })),
    );
  const arn = (name: string) => `arn:aws:es:us-east-1:${ACCOUNT}:domain/${name}`;

  async function expectDenied(call: () => Promise<unknown>, ending: string) {
    const error = await errorOf(call);
    assert.equal(error.name, 'AccessDeniedException', error.message);
    assert.match(error.message, new RegExp(`${ending}$`));
  }

  it('ForAllValues allows an empty env, as it allows prod, and refuses dev', async () => {
    assert.equal(
      (await create('AKIAGOVERNED00000001', 'governed-empty', '')).DomainStatus?.DomainName,
      'governed-empty',
    );
    await create('AKIAGOVERNED00000001', 'governed-prod', 'prod');
    await expectDenied(
      () => create('AKIAGOVERNED00000001', 'governed-dev', 'dev'),
      // Both actions of the renamed operation are named, this one last (reference A2).
      'because no identity-based policy allows the es:CreateElasticsearchDomain action]',
    );
    await as('AKIAGOVERNED00000001').send(
      new AddTagsCommand({ ARN: arn('governed-prod'), TagList: [{ Key: 'env', Value: '' }] }),
    );
  });

  it('ForAnyValue does not apply its Deny to an empty env, and applies it to any other value', async () => {
    await create('AKIANOENV00000000001', 'no-env-empty', '');
    await as('AKIANOENV00000000001').send(
      new AddTagsCommand({ ARN: arn('no-env-empty'), TagList: [{ Key: 'env', Value: '' }] }),
    );
    await expectDenied(
      () => create('AKIANOENV00000000001', 'no-env-dev', 'dev'),
      'with an explicit deny in an identity-based policy',
    );
  });

  it('an empty value is a value of aws:RequestTag: present (Null false) and equal to ""', async () => {
    await create('AKIAGOVERNED00000001', 'env-present', 'prod');
    const addTags = (TagList: { Key: string; Value: string }[]) =>
      as('AKIAENVPRESENT000001').send(new AddTagsCommand({ ARN: arn('env-present'), TagList }));
    await addTags([{ Key: 'env', Value: '' }]);
    await expectDenied(
      () => addTags([{ Key: 'team', Value: '' }]),
      'because no identity-based policy allows the es:AddTags action',
    );
  });
});
