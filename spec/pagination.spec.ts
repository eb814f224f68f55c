import assert from 'node:assert/strict';
import {
  CreatePackageCommand,
  DeletePackageCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  DescribePackagesCommand,
  GetPackageVersionHistoryCommand,
  InvalidPaginationTokenException,
  paginateDescribePackages,
  UpdatePackageCommand,
  ValidationException,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { paginate } from '../server/operations/common';
import { errorOf, seedKey, startSeededEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

/**
 * Page tokens through the JS v3 SDK: a walk goes on from the item that came next, so a clean-up that deletes what it
 * pages through, or a list that grows at its head, neither skips an item nor repeats one; a token pages only the
 * listing, account and Region it was given for; a token not exactly as given is refused.
 */

const source = { S3BucketName: 'my-dictionaries', S3Key: 'synonyms.txt' };
const ACCOUNT_A = '111122223333';
const ACCOUNT_B = '444455556666';
const rootA = seedKey('AKIAPAGINGROOTA00001');
const rootB = seedKey('AKIAPAGINGROOTB00001');

describe('page tokens', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;

  before(async () => {
    emulator = await startSeededEmulator({
      accounts: {
        [ACCOUNT_A]: { root: { accessKeys: [rootA] } },
        [ACCOUNT_B]: { root: { accessKeys: [rootB] } },
      },
    });
    client = emulator.client({ credentials: rootA });
  });
  after(() => emulator.stop());

  async function createPackages(prefix: string, count: number, on = client): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 1; index <= count; index++) {
      const { PackageDetails: details } = await on.send(
        new CreatePackageCommand({
          PackageName: `${prefix}-${index}`,
          PackageType: 'TXT-DICTIONARY',
          PackageSource: source,
        }),
      );
      ids.push(details!.PackageID!);
    }
    return ids;
  }

  const byPrefix = (prefix: string) => [{ Name: 'PackageName' as const, Value: [`${prefix}-*`] }];

  it("the SDK's paginator, deleting each page as it goes, leaves no package behind", async () => {
    await createPackages('cleanup', 7);
    const walked: string[] = [];
    const pages = paginateDescribePackages({ client, pageSize: 2 }, { Filters: byPrefix('cleanup') });
    for await (const page of pages) {
      for (const details of page.PackageDetailsList ?? []) {
        walked.push(details.PackageName!);
        await client.send(new DeletePackageCommand({ PackageID: details.PackageID! }));
      }
    }
    assert.deepEqual(
      walked,
      Array.from({ length: 7 }, (_, index) => `cleanup-${index + 1}`),
    );
    const left = await client.send(new DescribePackagesCommand({ Filters: byPrefix('cleanup') }));
    assert.deepEqual(left.PackageDetailsList, []);
  });

  it('a list that grows at its head between pages (the newest version first) repeats no item', async () => {
    const [PackageID] = await createPackages('versions', 1);
    for (let update = 0; update < 4; update++) {
      await client.send(new UpdatePackageCommand({ PackageID: PackageID!, PackageSource: source }));
    }
    const versions = (page: { PackageVersionHistoryList?: { PackageVersion?: string }[] }) =>
      (page.PackageVersionHistoryList ?? []).map((entry) => entry.PackageVersion);
    const first = await client.send(
      new GetPackageVersionHistoryCommand({ PackageID: PackageID!, MaxResults: 2 }),
    );
    assert.deepEqual(versions(first), ['v5', 'v4']);
    await client.send(new UpdatePackageCommand({ PackageID: PackageID!, PackageSource: source }));
    const second = await client.send(
      new GetPackageVersionHistoryCommand({
        PackageID: PackageID!,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(versions(second), ['v3', 'v2']);
  });

  it('a token pages only the account and Region it was given in', async () => {
    await createPackages('bound', 3);
    await createPackages('bound', 3, emulator.client({ credentials: rootB }));
    const first = await client.send(
      new DescribePackagesCommand({ Filters: byPrefix('bound'), MaxResults: 1 }),
    );
    assert.ok(first.NextToken);
    const again = { Filters: byPrefix('bound'), MaxResults: 1, NextToken: first.NextToken };
    // The same token in its own account and Region goes on.
    assert.equal(
      (await client.send(new DescribePackagesCommand(again))).PackageDetailsList?.[0]?.PackageName,
      'bound-2',
    );
    for (const other of [
      emulator.client({ credentials: rootB }),
      emulator.client({ credentials: rootA, region: 'eu-west-1' }),
    ]) {
      const error = await errorOf(() => other.send(new DescribePackagesCommand(again)));
      assert.ok(error instanceof ValidationException, error.name);
      assert.equal(error.message, 'The pagination token is invalid.');
    }
  });

  it('a token not exactly as given is refused: characters outside base64url, padding, another filter', async () => {
    await createPackages('exact', 3);
    const first = await client.send(
      new DescribePackagesCommand({ Filters: byPrefix('exact'), MaxResults: 1 }),
    );
    const token = first.NextToken!;
    // The token's `_` are written `.` (server/operations/common.ts): neither base64's `+/=` nor `_` is one of them.
    const bytes = Buffer.from(token.replaceAll('.', '_'), 'base64url');
    const standard = bytes.toString('base64');
    for (const tampered of [
      `${token}!!!`,
      `${token}==`,
      `${token} `,
      `${token}_`,
      standard === token ? `${token}+` : standard,
      bytes.toString('base64url') === token ? `_${token}` : bytes.toString('base64url'),
    ]) {
      const error = await errorOf(() =>
        client.send(
          new DescribePackagesCommand({ Filters: byPrefix('exact'), MaxResults: 1, NextToken: tampered }),
        ),
      );
      assert.ok(error instanceof ValidationException, `${tampered}: ${error.name}`);
    }
    const otherFilter = await errorOf(() =>
      client.send(
        new DescribePackagesCommand({ Filters: byPrefix('bound'), MaxResults: 1, NextToken: token }),
      ),
    );
    assert.ok(otherFilter instanceof ValidationException, otherFilter.name);
  });

  it('the cross-cluster searches refuse a token of another operation with the error they declare', async () => {
    const first = await client.send(new DescribePackagesCommand({ MaxResults: 1 }));
    const error = await errorOf(() =>
      client.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ NextToken: first.NextToken! })),
    );
    assert.ok(error instanceof InvalidPaginationTokenException, error.name);
  });
});

describe('paginate', () => {
  const scope = { account: ACCOUNT_A, region: 'us-east-1' };
  const walk = (lists: (readonly string[])[], maxResults: number): string[] => {
    // Each page is read from the list as it stands then: lists[n] for the n-th page, the last one after.
    const seen: string[] = [];
    let token: string | undefined;
    for (let pageIndex = 0; pageIndex < 50; pageIndex++) {
      const items = lists[Math.min(pageIndex, lists.length - 1)]!;
      const page = paginate(
        items,
        { MaxResults: maxResults, ...(token === undefined ? {} : { NextToken: token }) },
        { listing: 'walk', scope, keyOf: (item) => item, defaultMaxResults: 100 },
      );
      seen.push(...page.items);
      token = page.nextToken;
      if (token === undefined) return seen;
    }
    throw new Error(`the walk did not end: ${seen.join(' ')}`);
  };

  it('a list that stays the same is walked whole, page by page', () => {
    assert.deepEqual(walk([['a', 'b', 'c', 'd', 'e']], 2), ['a', 'b', 'c', 'd', 'e']);
  });

  it('items removed ahead of the walk are not waited for; items removed behind it skip nothing', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f'];
    // After the first page (a, b): a and b deleted, and c (the next one) too.
    assert.deepEqual(walk([all, ['d', 'e', 'f']], 2), ['a', 'b', 'd', 'e', 'f']);
  });

  it('when the items ahead and the last one returned are all gone, it goes on from the same place', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    // b and c..f (the four ahead) are gone: the walk goes on at the old offset, 2, of what is left.
    assert.deepEqual(walk([all, ['a', 'g', 'h', 'i', 'j']], 2), ['a', 'b', 'h', 'i', 'j']);
  });

  it('two items that share a key still move the walk on, from the one nearest its place', () => {
    assert.deepEqual(walk([['x', 'x', 'x', 'y']], 1), ['x', 'x', 'x', 'y']);
  });

  it('when the items ahead are gone, it goes on after the item of the last key nearest where it was returned', () => {
    // The first page ends with x at index 2; c..f (the four ahead) are then gone, and x is listed at 1 and at 4.
    // The x at 1 is nearer index 2: the walk goes on with g, not after the x at 4.
    const before = ['a', 'b', 'x', 'c', 'd', 'e', 'f'];
    const after = ['y', 'x', 'g', 'h', 'x', 'z'];
    assert.deepEqual(walk([before, after], 3), ['a', 'b', 'x', 'g', 'h', 'x', 'z']);
  });
});
