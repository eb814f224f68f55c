import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  ListTagsCommand,
  PurchaseReservedElasticsearchInstanceOfferingCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { tagsOperations } from '../server/operations/tags';
import { Store } from '../store/store';
import { parseDomainArn, validateTagList } from '../server/tagging';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain } from './support/domains';
import { send, signRequest } from '../scripts/bench/signing';

interface Tag {
  Key: string;
  Value: string;
}

const manyTags = (count: number, prefix = 'key'): Tag[] =>
  Array.from({ length: count }, (_, i) => ({ Key: `${prefix}-${i}`, Value: `value-${i}` }));

describe('tags', () => {
  let emulator: TestEmulator;
  let account: string;
  const otherRegion = 'eu-west-1';
  const arnOf = (name: string, region = emulator.region, inAccount = account): string =>
    `arn:aws:es:${region}:${inAccount}:domain/${name}`;
  const client = (region?: string) => emulator.client(region ? { region } : {});
  const listTags = async (arn: string, region?: string): Promise<Tag[]> =>
    ((await client(region).send(new ListTagsCommand({ ARN: arn }))).TagList ?? []) as Tag[];

  let domainCounter = 0;
  /** A fresh domain for one test, created through the SDK. */
  async function newDomain(region = emulator.region): Promise<string> {
    domainCounter += 1;
    const name = `tagged-${domainCounter}`;
    await createTestDomain(client(region), name);
    return name;
  }

  before(async () => {
    emulator = await startTestEmulator();
    account = emulator.config.accountId;
  });
  after(() => emulator.stop());

  describe('AddTags, ListTags and RemoveTags on a domain', () => {
    it('answers AddTags and RemoveTags with 200 and no body, as AWS answers AddTags (Content-Length: 0)', async () => {
      const arn = arnOf(await newDomain());
      for (const [requestPath, body] of [
        ['/2015-01-01/tags', { ARN: arn, TagList: [{ Key: 'team', Value: 'search' }] }],
        ['/2015-01-01/tags-removal', { ARN: arn, TagKeys: ['team'] }],
      ] as const) {
        const request = await signRequest(emulator.endpoint, emulator.credentials, emulator.region, {
          method: 'POST',
          path: requestPath,
          body: JSON.stringify(body),
        });
        const answer = await send(emulator.endpoint, request);
        assert.equal(answer.status, 200, requestPath);
        assert.equal(answer.headers['content-length'], '0', requestPath);
        assert.equal(answer.body, '', requestPath);
        assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
      }
      // The SDK reads such an answer as an output of no members.
      const output = await client().send(
        new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'team', Value: 'search' }] }),
      );
      assert.equal(output.$metadata.httpStatusCode, 200);
      assert.deepEqual(await listTags(arn), [{ Key: 'team', Value: 'search' }]);
    });

    it('lists no tags for an untagged domain', async () => {
      assert.deepEqual(await listTags(arnOf(await newDomain())), []);
    });

    it('adds tags and lists them sorted by key', async () => {
      const arn = arnOf(await newDomain());
      await client().send(
        new AddTagsCommand({
          ARN: arn,
          TagList: [
            { Key: 'service', Value: 'search' },
            { Key: 'instances', Value: '3' },
            { Key: 'scenario/test', Value: '' },
          ],
        }),
      );
      assert.deepEqual(await listTags(arn), [
        { Key: 'instances', Value: '3' },
        { Key: 'scenario/test', Value: '' },
        { Key: 'service', Value: 'search' },
      ]);
    });

    it('overwrites the value of a key that is already there', async () => {
      const arn = arnOf(await newDomain());
      await client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'team', Value: 'blue' }] }));
      await client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'team', Value: 'red' }] }));
      assert.deepEqual(await listTags(arn), [{ Key: 'team', Value: 'red' }]);
    });

    it('removes the given keys, ignores keys the domain does not have, keeps the others', async () => {
      const arn = arnOf(await newDomain());
      await client().send(
        new AddTagsCommand({
          ARN: arn,
          TagList: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
            { Key: 'c', Value: '3' },
          ],
        }),
      );
      await client().send(new RemoveTagsCommand({ ARN: arn, TagKeys: ['a', 'c', 'not-there'] }));
      assert.deepEqual(await listTags(arn), [{ Key: 'b', Value: '2' }]);
    });

    it('accepts 50 tags, and 50 again when part of them overwrite existing keys', async () => {
      const arn = arnOf(await newDomain());
      await client().send(new AddTagsCommand({ ARN: arn, TagList: manyTags(50) }));
      await client().send(
        new AddTagsCommand({ ARN: arn, TagList: manyTags(50).map((t) => ({ ...t, Value: 'x' })) }),
      );
      const tags = await listTags(arn);
      assert.equal(tags.length, 50);
      assert.ok(tags.every((tag) => tag.Value === 'x'));
    });

    it('keeps tags per region: the same name in another region is another domain', async () => {
      const name = await newDomain();
      await createTestDomain(client(otherRegion), name);
      await client().send(
        new AddTagsCommand({ ARN: arnOf(name), TagList: [{ Key: 'home', Value: 'here' }] }),
      );
      await client(otherRegion).send(
        new AddTagsCommand({ ARN: arnOf(name, otherRegion), TagList: [{ Key: 'home', Value: 'there' }] }),
      );
      assert.deepEqual(await listTags(arnOf(name)), [{ Key: 'home', Value: 'here' }]);
      assert.deepEqual(await listTags(arnOf(name, otherRegion), otherRegion), [
        { Key: 'home', Value: 'there' },
      ]);
    });
  });

  describe("AWS's errors", () => {
    const malformedArns = [
      'not-an-arn',
      'arn:aws:es:us-east-1:000000000000:domain/',
      'arn:aws:s3:::my-bucket',
      'arn:aws:es:us-east-1:000000000000:package/my-package',
      'arn:aws:es:us-east-1:123:domain/short-account',
    ];
    const invalidArnMessage = (arn: string): string =>
      `Invalid ARN: ${arn}. Specify the ARN of a domain, in the form arn:aws:es:<region>:<account>:domain/<domain-name>.`;

    it('refuses a malformed ARN with a ValidationException in all three operations', async () => {
      for (const arn of malformedArns) {
        const expected = { name: 'ValidationException', status: 400, message: invalidArnMessage(arn) };
        await expectServiceError(() => client().send(new ListTagsCommand({ ARN: arn })), expected);
        await expectServiceError(
          () => client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'k', Value: 'v' }] })),
          expected,
        );
        await expectServiceError(
          () => client().send(new RemoveTagsCommand({ ARN: arn, TagKeys: ['k'] })),
          expected,
        );
      }
    });

    it('answers ListTags for a domain that does not exist with ResourceNotFoundException', async () => {
      await expectServiceError(() => client().send(new ListTagsCommand({ ARN: arnOf('no-such-domain') })), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Domain not found: no-such-domain',
      });
    });

    it('answers AddTags and RemoveTags for a domain that does not exist with their modelled ValidationException', async () => {
      const expected = {
        name: 'ValidationException',
        status: 400,
        message: 'Domain not found: no-such-domain',
      };
      await expectServiceError(
        () =>
          client().send(
            new AddTagsCommand({ ARN: arnOf('no-such-domain'), TagList: [{ Key: 'k', Value: 'v' }] }),
          ),
        expected,
      );
      await expectServiceError(
        () => client().send(new RemoveTagsCommand({ ARN: arnOf('no-such-domain'), TagKeys: ['k'] })),
        expected,
      );
      assert.deepEqual(emulator.store.tags.list(arnOf('no-such-domain')), [], 'nothing stored for it');
    });

    it("answers a domain of another region as a domain that does not exist, and refuses another account's", async () => {
      const name = await newDomain();
      const arn = arnOf(name, otherRegion);
      await expectServiceError(() => client().send(new ListTagsCommand({ ARN: arn })), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `Domain not found: ${name}`,
      });
      await expectServiceError(
        () => client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'k', Value: 'v' }] })),
        {
          name: 'ValidationException',
          status: 400,
          message: `Domain not found: ${name}`,
        },
      );
      // Another account's ARN is refused by IAM before any handler looks for it, even to a root: a cross-account
      // call needs a resource-based policy, which the configuration API's resources do not have.
      const elsewhere = arnOf(name, emulator.region, '111122223333');
      await expectServiceError(() => client().send(new ListTagsCommand({ ARN: elsewhere })), {
        name: 'AccessDeniedException',
        status: 403,
        message: `User: arn:aws:iam::000000000000:root is not authorized to perform: es:ListTags on resource: ${elsewhere} because no resource-based policy allows the es:ListTags action`,
      });
      // Asked from the other region, the ARN of this region's domain is not found there either.
      await expectServiceError(() => client(otherRegion).send(new ListTagsCommand({ ARN: arnOf(name) })), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `Domain not found: ${name}`,
      });
    });

    it('refuses more than 50 tags with LimitExceededException and keeps the tags as they were', async () => {
      const arn = arnOf(await newDomain());
      await expectServiceError(() => client().send(new AddTagsCommand({ ARN: arn, TagList: manyTags(51) })), {
        name: 'LimitExceededException',
        status: 409,
        message: 'Tag limit exceeded: a domain can have at most 50 tags, and this request would give it 51.',
      });
      assert.deepEqual(await listTags(arn), []);
      await client().send(new AddTagsCommand({ ARN: arn, TagList: manyTags(49) }));
      await expectServiceError(
        () => client().send(new AddTagsCommand({ ARN: arn, TagList: manyTags(2, 'more') })),
        {
          name: 'LimitExceededException',
          status: 409,
          message:
            'Tag limit exceeded: a domain can have at most 50 tags, and this request would give it 51.',
        },
      );
      assert.equal((await listTags(arn)).length, 49);
    });

    it('refuses reserved and duplicate keys with ValidationException and stores none of the request', async () => {
      const arn = arnOf(await newDomain());
      const cases: { tags: Tag[]; message: string }[] = [
        {
          tags: [
            { Key: 'fine', Value: '1' },
            { Key: 'AWS:cloudformation', Value: 'x' },
          ],
          message:
            "Invalid tag key: AWS:cloudformation. Tag keys starting with 'aws:' are reserved for AWS use.",
        },
        {
          tags: [
            { Key: 'fine', Value: '1' },
            { Key: 'fine', Value: '2' },
          ],
          message: 'Duplicate tag key: fine. Each tag key can appear only once.',
        },
      ];
      for (const { tags, message } of cases) {
        await expectServiceError(() => client().send(new AddTagsCommand({ ARN: arn, TagList: tags })), {
          name: 'ValidationException',
          status: 400,
          message,
        });
      }
      assert.deepEqual(await listTags(arn), []);
    });

    it('takes any character in keys and values: the model declares no pattern (OpenSearch API: `.*`)', async () => {
      const arn = arnOf(await newDomain());
      const tags = [
        { Key: 'semi;colon', Value: 'Team A & B (prod) #1, 😀' },
        { Key: 'url', Value: 'https://example.com/?q=a<b' },
      ];
      await client().send(new AddTagsCommand({ ARN: arn, TagList: tags }));
      assert.deepEqual(
        await listTags(arn),
        [...tags].sort((a, b) => (a.Key < b.Key ? -1 : 1)),
      );
    });

    it('refuses keys and values beyond the model lengths before the handler, in AWS wording', async () => {
      const arn = arnOf(await newDomain());
      const longKey = 'k'.repeat(129);
      await expectServiceError(
        () => client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: longKey, Value: 'v' }] })),
        {
          name: 'ValidationException',
          status: 400,
          message: `1 validation error detected: Value '${longKey}' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
        },
      );
      await expectServiceError(
        () => client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: '', Value: 'v' }] })),
        {
          name: 'ValidationException',
          status: 400,
          message:
            "1 validation error detected: Value '' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
        },
      );
    });
    it('refuses half of a surrogate pair, which UTF-8 cannot carry, and changes nothing', async () => {
      const arn = arnOf(await newDomain());
      const tags = [{ Key: 'face', Value: '\u{1F600}' }];
      await client().send(new AddTagsCommand({ ARN: arn, TagList: tags }));
      // The SDK escapes a lone surrogate in its JSON body (`\ud800`); the body itself is valid UTF-8.
      for (const tag of [
        { Key: 'h\ud800', Value: 'v' },
        { Key: 'h', Value: 'v\udfff' },
      ]) {
        await expectServiceError(() => client().send(new AddTagsCommand({ ARN: arn, TagList: [tag] })), {
          name: 'SerializationException',
          status: 400,
          message: 'The request body is not valid UTF-8: it escapes a lone surrogate',
        });
      }
      assert.deepEqual(await listTags(arn), tags);
    });

    it('counts a length in characters, not UTF-16 units, as botocore and Smithy do', async () => {
      const arn = arnOf(await newDomain());
      // U+20000 (CJK Extension B) and U+1D49C (mathematical script A) are letters outside the Basic Multilingual
      // Plane: one character, two UTF-16 units each.
      const key = '\u{20000}'.repeat(128);
      const value = '\u{1D49C}'.repeat(256);
      await client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: key, Value: value }] }));
      assert.deepEqual(await listTags(arn), [{ Key: key, Value: value }]);
      const longKey = `${key}\u{20000}`;
      await expectServiceError(
        () => client().send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: longKey, Value: 'v' }] })),
        {
          name: 'ValidationException',
          status: 400,
          message: `1 validation error detected: Value '${longKey}' at 'tagList.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
        },
      );
      // A minimum counts characters too: four of them are fewer than ReservationName's 5, though eight units.
      const shortName = '\u{20000}'.repeat(4);
      await expectServiceError(
        () =>
          client().send(
            new PurchaseReservedElasticsearchInstanceOfferingCommand({
              ReservedElasticsearchInstanceOfferingId: '9a6a0e1a-6d2b-4c2b-9c5e-1a2b3c4d5e6f',
              ReservationName: shortName,
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message: `1 validation error detected: Value '${shortName}' at 'reservationName' failed to satisfy constraint: Member must have length greater than or equal to 5`,
        },
      );
      assert.deepEqual(await listTags(arn), [{ Key: key, Value: value }]);
    });
  });

  describe('the IAM request context of the tag operations', () => {
    const handler = (operation: string) => {
      const found = tagsOperations.find((candidate) => candidate.operation === operation);
      assert.ok(found, `${operation} has a handler`);
      return found as unknown as {
        resource?(input: unknown): string;
        requestTags?(input: unknown): Tag[] | undefined;
        tagKeys?(input: unknown): string[] | undefined;
      };
    };
    const arn = 'arn:aws:es:us-east-1:000000000000:domain/my-domain';

    it('names the domain ARN as the resource of each operation', () => {
      for (const operation of ['AddTags', 'ListTags', 'RemoveTags']) {
        assert.equal(handler(operation).resource?.({ ARN: arn, TagList: [], TagKeys: [] }), arn);
      }
    });

    it('gives AddTags its tags as request tags and RemoveTags its keys as aws:TagKeys', () => {
      const tags = [{ Key: 'team', Value: 'blue' }];
      assert.deepEqual(handler('AddTags').requestTags?.({ ARN: arn, TagList: tags }), tags);
      assert.deepEqual(handler('RemoveTags').tagKeys?.({ ARN: arn, TagKeys: ['team'] }), ['team']);
    });
  });

  describe('validateTagList and parseDomainArn, for CreateElasticsearchDomain', () => {
    it('accepts a valid list and counts existing keys once', () => {
      assert.doesNotThrow(() => validateTagList(manyTags(50)));
      assert.doesNotThrow(() =>
        validateTagList(
          manyTags(10),
          manyTags(50).map((t) => t.Key),
        ),
      );
      assert.throws(
        () =>
          validateTagList(
            manyTags(1, 'new'),
            manyTags(50).map((t) => t.Key),
          ),
        {
          name: 'LimitExceededException',
        },
      );
    });

    it('splits a domain ARN and refuses anything else', () => {
      assert.deepEqual(parseDomainArn('arn:aws-cn:es:cn-north-1:123456789012:domain/logs'), {
        partition: 'aws-cn',
        region: 'cn-north-1',
        account: '123456789012',
        domainName: 'logs',
      });
      assert.equal(parseDomainArn('arn:aws:es:us-east-1:123456789012:domain/Logs'), undefined);
    });
  });
});

describe('the tag lists the store keeps in memory', () => {
  const arn = 'arn:aws:es:us-east-1:111122223333:domain/cached';
  const other = 'arn:aws:es:us-east-1:111122223333:domain/other';
  const tag = (Key: string, Value: string) => ({ Key, Value });

  it('answers after every kind of write what the table holds, in its order', () => {
    const store = Store.open(':memory:');
    const inTable = (resource: string) =>
      store.db
        .prepare('SELECT key AS Key, value AS Value FROM tags WHERE arn = ? ORDER BY position')
        .all(resource);
    const steps: [string, () => void][] = [
      ['a first put', () => store.tags.put(arn, [tag('a', '1'), tag('b', '2')])],
      ['an overwrite keeps the place', () => store.tags.put(arn, [tag('a', '9'), tag('c', '3')])],
      ['one key twice in a put', () => store.tags.put(arn, [tag('d', '4'), tag('d', '5')])],
      ['a removal, with a key not there', () => store.tags.remove(arn, ['b', 'zz'])],
      ['a key back after its removal goes last', () => store.tags.put(arn, [tag('b', '6')])],
      ['another ARN', () => store.tags.put(other, [tag('x', '1')])],
      ['everything removed', () => store.tags.removeAll(arn)],
      ['tags again', () => store.tags.put(arn, [tag('e', '7')])],
    ];
    for (const [name, write] of steps) {
      store.tags.list(arn);
      store.tags.list(other);
      store.transaction(write);
      assert.deepEqual(store.tags.list(arn), inTable(arn), name);
      assert.deepEqual(store.tags.list(other), inTable(other), name);
    }
    assert.deepEqual(store.tags.list(arn), [tag('e', '7')]);
    store.close();
  });

  it('forgets what a rolled-back transaction wrote', () => {
    const store = Store.open(':memory:');
    store.transaction(() => store.tags.put(arn, [tag('a', '1')]));
    assert.throws(() =>
      store.transaction(() => {
        store.tags.put(arn, [tag('a', '2'), tag('b', '3')]);
        assert.deepEqual({ ...store.tags.asMap(arn) }, { a: '2', b: '3' });
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual(store.tags.list(arn), [tag('a', '1')]);
    store.close();
  });
});

// Kept beside the tag lists: the store keeps its domain lists in memory the same way.
describe('the domain lists the store keeps in memory', () => {
  it('forgets the domain lists a rolled-back transaction read, with its own domains in them', () => {
    const store = Store.open(':memory:');
    const scope = { account: '111122223333', region: 'us-east-1' };
    store.transaction(() => store.domains.insert(scope, 'kept', 'Elasticsearch', { DomainName: 'kept' }));
    assert.throws(() =>
      store.transaction(() => {
        store.domains.insert(scope, 'undone', 'Elasticsearch', { DomainName: 'undone' });
        assert.deepEqual(
          store.domains.names(scope).map((entry) => entry.name),
          ['kept', 'undone'],
        );
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual(
      store.domains.names(scope).map((entry) => entry.name),
      ['kept'],
    );
    store.close();
  });
});
