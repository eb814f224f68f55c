import assert from 'node:assert/strict';
import { AddTagsCommand, CreateElasticsearchDomainCommand } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';

/**
 * IAM's `?` is a "single-character match wildcard" (IAM's guide, condition operators): a character outside the
 * Basic Multilingual Plane is one character, though JavaScript holds it as two UTF-16 units. Decided through the
 * JS v3 SDK on `aws:RequestTag/initial`.
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIAINITIALS00000001';

const seed = {
  accounts: {
    [ACCOUNT]: {
      users: {
        initials: {
          accessKeys: [seedKey(KEY)],
          inlinePolicies: {
            initials: policyDocument(
              { Effect: 'Allow', Action: 'es:CreateElasticsearchDomain', Resource: '*' },
              {
                Effect: 'Allow',
                Action: 'es:AddTags',
                Resource: '*',
                Condition: { StringLike: { 'aws:RequestTag/initial': '?' } },
              },
            ),
          },
        },
      },
    },
  },
};

describe('IAM wildcards over characters outside the Basic Multilingual Plane, through the JS v3 SDK', () => {
  let emulator: TestEmulator;
  const arn = `arn:aws:es:us-east-1:${ACCOUNT}:domain/initials`;

  before(async () => {
    emulator = await startSeededEmulator(seed, { accountId: ACCOUNT });
    await emulator
      .client({ credentials: seedKey(KEY) })
      .send(new CreateElasticsearchDomainCommand(testDomainInput('initials')));
  });
  after(() => emulator.stop());

  const tagInitial = (initial: string) =>
    emulator
      .client({ credentials: seedKey(KEY) })
      .send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'initial', Value: initial }] }));

  it('lets `?` match one such character, as it matches one of the Basic Multilingual Plane', async () => {
    for (const initial of ['a', 'é', '\u{20000}', '\u{1D49C}']) await tagInitial(initial);
  });

  it('does not let `?` match two characters, whatever their width', async () => {
    for (const initials of ['ab', '\u{20000}\u{20000}', 'a\u{1D49C}']) {
      const error = await errorOf(() => tagInitial(initials));
      assert.equal(error.name, 'AccessDeniedException', error.message);
      assert.match(error.message, /because no identity-based policy allows the es:AddTags action$/);
    }
  });
});
