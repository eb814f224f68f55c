import assert from 'node:assert/strict';
import path from 'node:path';
import {
  AddTagsCommand,
  DeleteElasticsearchDomainCommand,
  ListTagsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { createTestDomain } from './support/domains';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';

/**
 * aws:ResourceTag/* holds the tags of the domain the request targets, in the caller's account and the
 * request's region: a domain of the same name elsewhere lends none.
 */
describe('aws:ResourceTag and the region of the request', () => {
  let emulator: TestEmulator;
  const root = { accessKeyId: 'AKIATAGROOT000000001', secretAccessKey: 'root-secret' };
  const searcher = { accessKeyId: 'AKIATAGSEARCHER00001', secretAccessKey: 'searcher-secret' };
  const arnIn = (region: string) => `arn:aws:es:${region}:111122223333:domain/shared-name`;

  before(async () => {
    emulator = await startTestEmulator({
      iamSeed: path.resolve(__dirname, '..', '..', 'spec', 'fixtures', 'resource-tag-seed.json'),
    });
    // The same name in two regions; only the eu-west-1 domain is tagged team=search.
    for (const region of ['us-east-1', 'eu-west-1']) {
      await createTestDomain(emulator.client({ credentials: root, region }), 'shared-name');
    }
    await emulator
      .client({ credentials: root, region: 'eu-west-1' })
      .send(new AddTagsCommand({ ARN: arnIn('eu-west-1'), TagList: [{ Key: 'team', Value: 'search' }] }));
  });
  after(() => emulator.stop());

  it('allows ListTags on the tagged domain, in its own region', async () => {
    const answer = await emulator
      .client({ credentials: searcher, region: 'eu-west-1' })
      .send(new ListTagsCommand({ ARN: arnIn('eu-west-1') }));
    assert.deepEqual(answer.TagList, [{ Key: 'team', Value: 'search' }]);
  });

  it('denies ListTags on the untagged domain of the same name in another region', async () => {
    await expectServiceError(
      () =>
        emulator
          .client({ credentials: searcher, region: 'us-east-1' })
          .send(new ListTagsCommand({ ARN: arnIn('us-east-1') })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message:
          `User: arn:aws:iam::111122223333:user/searcher is not authorized to perform: es:ListTags on resource: ` +
          `${arnIn('us-east-1')} because no identity-based policy allows the es:ListTags action`,
      },
    );
  });

  it('lends no tags to a request sent to one region naming the tagged domain of another', async () => {
    await expectServiceError(
      () =>
        emulator
          .client({ credentials: searcher, region: 'us-east-1' })
          .send(new ListTagsCommand({ ARN: arnIn('eu-west-1') })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message:
          `User: arn:aws:iam::111122223333:user/searcher is not authorized to perform: es:ListTags on resource: ` +
          `${arnIn('eu-west-1')} because no identity-based policy allows the es:ListTags action`,
      },
    );
  });
  it('reads a tag whose key is __proto__ like any other tag', async () => {
    const arn = 'arn:aws:es:eu-west-1:111122223333:domain/proto-tagged';
    await createTestDomain(emulator.client({ credentials: root, region: 'eu-west-1' }), 'proto-tagged');
    await emulator.client({ credentials: root, region: 'eu-west-1' }).send(
      new AddTagsCommand({
        ARN: arn,
        TagList: [
          { Key: 'team', Value: 'search' },
          { Key: '__proto__', Value: 'blocked' },
        ],
      }),
    );
    await expectServiceError(
      () =>
        emulator
          .client({ credentials: searcher, region: 'eu-west-1' })
          .send(new ListTagsCommand({ ARN: arn })),
      {
        name: 'AccessDeniedException',
        status: 403,
        message:
          `User: arn:aws:iam::111122223333:user/searcher is not authorized to perform: es:ListTags on resource: ` +
          `${arn} with an explicit deny in an identity-based policy`,
      },
    );
  });
});

/** Each write of a domain's tags, its delete, and a rolled-back transaction are seen by the very next decision. */
describe('aws:ResourceTag after the tags change', () => {
  let emulator: TestEmulator;
  const root = { accessKeyId: 'AKIATAGROOT000000001', secretAccessKey: 'root-secret' };
  const searcher = { accessKeyId: 'AKIATAGSEARCHER00001', secretAccessKey: 'searcher-secret' };
  const region = 'eu-west-1';
  const arn = `arn:aws:es:${region}:111122223333:domain/moving-tags`;
  const team = (value: string) => [{ Key: 'team', Value: value }];

  before(async () => {
    emulator = await startTestEmulator({
      iamSeed: path.resolve(__dirname, '..', '..', 'spec', 'fixtures', 'resource-tag-seed.json'),
    });
    await createTestDomain(emulator.client({ credentials: root, region }), 'moving-tags');
  });
  after(() => emulator.stop());

  const asRoot = () => emulator.client({ credentials: root, region });
  const searcherListTags = () =>
    emulator.client({ credentials: searcher, region }).send(new ListTagsCommand({ ARN: arn }));
  const denied = () =>
    expectServiceError(searcherListTags, {
      name: 'AccessDeniedException',
      status: 403,
      message:
        `User: arn:aws:iam::111122223333:user/searcher is not authorized to perform: es:ListTags on resource: ` +
        `${arn} because no identity-based policy allows the es:ListTags action`,
    });

  it('follows AddTags, RemoveTags and an overwritten value at once', async () => {
    await denied();
    await asRoot().send(new AddTagsCommand({ ARN: arn, TagList: team('search') }));
    assert.deepEqual((await searcherListTags()).TagList, team('search'));
    await asRoot().send(new AddTagsCommand({ ARN: arn, TagList: team('other') }));
    await denied();
    await asRoot().send(new AddTagsCommand({ ARN: arn, TagList: team('search') }));
    assert.deepEqual((await searcherListTags()).TagList, team('search'));
    await asRoot().send(new RemoveTagsCommand({ ARN: arn, TagKeys: ['team'] }));
    await denied();
  });

  it('lends a recreated domain none of the tags of the deleted one', async () => {
    await asRoot().send(new AddTagsCommand({ ARN: arn, TagList: team('search') }));
    assert.deepEqual((await searcherListTags()).TagList, team('search'));
    await asRoot().send(new DeleteElasticsearchDomainCommand({ DomainName: 'moving-tags' }));
    await createTestDomain(asRoot(), 'moving-tags');
    await denied();
  });

  it('forgets tags read inside a transaction that rolled back', async () => {
    const failure = new Error('rolled back on purpose');
    assert.throws(
      () =>
        emulator.store.transaction(() => {
          emulator.store.tags.put(arn, team('search'));
          // Read inside the transaction: what a decision would see before the rollback.
          assert.deepEqual({ ...emulator.store.tags.asMap(arn) }, { team: 'search' });
          throw failure;
        }),
      failure,
    );
    await denied();
    assert.deepEqual((await asRoot().send(new ListTagsCommand({ ARN: arn }))).TagList, []);
  });
});
