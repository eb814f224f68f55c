import assert from 'node:assert/strict';
import {
  AssociatePackageCommand,
  AuthorizeVpcEndpointAccessCommand,
  CreatePackageCommand,
  DeletePackageCommand,
  GetUpgradeHistoryCommand,
  ListDomainNamesCommand,
  ListPackagesForDomainCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  CreateVpcEndpointCommand,
  DeleteElasticsearchDomainCommand,
  DescribeDomainChangeProgressCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  DescribeVpcEndpointsCommand,
  DeleteVpcEndpointCommand,
  ListVpcEndpointsCommand,
  ListTagsCommand,
  ListVpcEndpointAccessCommand,
  ListVpcEndpointsForDomainCommand,
  StartElasticsearchServiceSoftwareUpdateCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { ManualClock, sequentialIds } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain, fineGrainedDomain } from './support/domains';

/** DeleteElasticsearchDomain takes with it what hangs off the domain: tags, VPC endpoints, connections. */
describe('deleting a domain', () => {
  let emulator: TestEmulator;
  const account = '000000000000';
  const arnOf = (name: string) => `arn:aws:es:${emulator.region}:${account}:domain/${name}`;
  const create = (name: string, vpc: boolean) =>
    createTestDomain(emulator.client(), name, {
      TagList: [{ Key: 'team', Value: 'search' }],
      ...(vpc ? { VPCOptions: { SubnetIds: ['subnet-aaaa'], SecurityGroupIds: ['sg-1'] } } : {}),
    });

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.stop());

  it('removes its VPC endpoints and its tags; a new domain of the same name starts clean', async () => {
    await create('private-logs', true);
    const { VpcEndpoint } = await emulator.client().send(
      new CreateVpcEndpointCommand({
        DomainArn: arnOf('private-logs'),
        VpcOptions: { SubnetIds: ['subnet-bbbb'] },
      }),
    );
    const endpointId = VpcEndpoint!.VpcEndpointId!;
    await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'private-logs' }));

    const described = await emulator
      .client()
      .send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    assert.deepEqual(described.VpcEndpoints, []);
    assert.equal(described.VpcEndpointErrors?.[0]?.ErrorCode, 'ENDPOINT_NOT_FOUND');

    await create('private-logs', true);
    const listed = await emulator
      .client()
      .send(new ListVpcEndpointsForDomainCommand({ DomainName: 'private-logs' }));
    assert.deepEqual(listed.VpcEndpointSummaryList, []);
    const tags = await emulator.client().send(new ListTagsCommand({ ARN: arnOf('private-logs') }));
    assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'search' }], 'only the new domain’s own tags');
  });

  it('deletes its cross-cluster connections on both sides', async () => {
    // Cross-cluster search requires fine-grained access control on both domains.
    await createTestDomain(emulator.client(), 'orders', fineGrainedDomain);
    await createTestDomain(emulator.client(), 'orders-archive', fineGrainedDomain);
    const { CrossClusterSearchConnectionId: id } = await emulator.client().send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: 'orders', OwnerId: account, Region: emulator.region },
        DestinationDomainInfo: { DomainName: 'orders-archive', OwnerId: account, Region: emulator.region },
        ConnectionAlias: 'archive',
      }),
    );
    await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'orders' }));
    const filter = [{ Name: 'cross-cluster-search-connection-id', Values: [id!] }];
    const outbound = await emulator
      .client()
      .send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: filter }));
    const inbound = await emulator
      .client()
      .send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: filter }));
    assert.equal(outbound.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'DELETED');
    assert.equal(inbound.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'DELETED');
  });

  it('is refused for a domain that does not exist, changing nothing', async () => {
    const error = await errorOf(() =>
      emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'never-made' })),
    );
    assert.equal(error.name, 'ResourceNotFoundException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 409);
    assert.equal(error.message, 'Domain not found: never-made');
  });
});

/** With a processing time, a deletion is the domain's change until it completes (DOMAIN_PROCESSING_MS). */
describe('deleting a domain that takes time', () => {
  const processingMs = 60_000;
  const clock = new ManualClock();
  let emulator: TestEmulator;
  const account = '000000000000';
  const arnOf = (name: string) => `arn:aws:es:${emulator.region}:${account}:domain/${name}`;
  const vpc = { VPCOptions: { SubnetIds: ['subnet-aaaa'], SecurityGroupIds: ['sg-1'] } };

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
  });
  after(() => emulator.stop());

  it('is the latest change: its id is known, its sections are pending deletion, other changes wait', async () => {
    await createTestDomain(emulator.client(), 'retiring');
    clock.advance(processingMs);
    const deleted = await emulator
      .client()
      .send(new DeleteElasticsearchDomainCommand({ DomainName: 'retiring' }));
    const changeId = deleted.DomainStatus?.ChangeProgressDetails?.ChangeId;

    const progress = await emulator
      .client()
      .send(new DescribeDomainChangeProgressCommand({ DomainName: 'retiring', ChangeId: changeId }));
    assert.equal(progress.ChangeProgressStatus?.ChangeId, changeId);
    assert.equal(progress.ChangeProgressStatus?.Status, 'PROCESSING');
    assert.equal(progress.ChangeProgressStatus?.ConfigChangeStatus, 'ApplyingChanges');
    const { DomainConfig: config } = await emulator
      .client()
      .send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'retiring' }));
    assert.equal(config?.ChangeProgressDetails?.ChangeId, changeId);
    assert.equal(config?.ChangeProgressDetails?.ConfigChangeStatus, 'ApplyingChanges');
    assert.equal(config?.ElasticsearchClusterConfig?.Status?.PendingDeletion, true);

    // AWS refuses a change while another is applied (reference S6, terraform-provider-aws#35811).
    const busy = {
      name: 'ValidationException',
      status: 400,
      message:
        'A change/update is in progress. Please wait for it to complete before requesting another change.',
    };
    await expectServiceError(
      () =>
        emulator.client().send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: 'retiring',
            ElasticsearchClusterConfig: { InstanceCount: 2 },
          }),
        ),
      busy,
    );
    await expectServiceError(
      () =>
        emulator.client().send(
          new UpgradeElasticsearchDomainCommand({
            DomainName: 'retiring',
            TargetVersion: 'OpenSearch_1.0',
          }),
        ),
      busy,
    );
    const error = await errorOf(() =>
      emulator.client().send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'retiring' })),
    );
    assert.equal(error.name, 'ValidationException');
    clock.advance(processingMs);
  });

  it('has no endpoint when it began before the creation had one, and keeps it otherwise', async () => {
    await createTestDomain(emulator.client(), 'stillborn');
    const deleted = await emulator
      .client()
      .send(new DeleteElasticsearchDomainCommand({ DomainName: 'stillborn' }));
    assert.equal(deleted.DomainStatus?.Endpoint, undefined);
    assert.equal(deleted.DomainStatus?.ServiceSoftwareOptions?.CurrentVersion, '');
    const { DomainStatus: deleting } = await emulator
      .client()
      .send(new DescribeElasticsearchDomainCommand({ DomainName: 'stillborn' }));
    assert.equal(deleting?.Endpoint, undefined);

    await createTestDomain(emulator.client(), 'grown');
    clock.advance(processingMs);
    const grown = await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'grown' }));
    assert.match(grown.DomainStatus?.Endpoint ?? '', /^search-grown-/);
    clock.advance(processingMs);
  });

  it('takes with it what was made against the domain while it was being deleted', async () => {
    await createTestDomain(emulator.client(), 'fading', { ...fineGrainedDomain, ...vpc });
    await createTestDomain(emulator.client(), 'fading-peer', fineGrainedDomain);
    clock.advance(processingMs);
    await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'fading' }));

    await emulator
      .client()
      .send(new AuthorizeVpcEndpointAccessCommand({ DomainName: 'fading', Account: '123456789012' }));
    const { VpcEndpoint } = await emulator.client().send(
      new CreateVpcEndpointCommand({
        DomainArn: arnOf('fading'),
        VpcOptions: { SubnetIds: ['subnet-bbbb'] },
      }),
    );
    const { CrossClusterSearchConnectionId: id } = await emulator.client().send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: 'fading', OwnerId: account, Region: emulator.region },
        DestinationDomainInfo: { DomainName: 'fading-peer', OwnerId: account, Region: emulator.region },
        ConnectionAlias: 'peer',
      }),
    );

    // The deletion completes after one processing time; the next call comes a processing time later still.
    clock.advance(2 * processingMs);
    await createTestDomain(emulator.client(), 'fading', { ...fineGrainedDomain, ...vpc });
    const access = await emulator.client().send(new ListVpcEndpointAccessCommand({ DomainName: 'fading' }));
    assert.deepEqual(access.AuthorizedPrincipalList, []);
    const endpoints = await emulator
      .client()
      .send(new ListVpcEndpointsForDomainCommand({ DomainName: 'fading' }));
    assert.deepEqual(endpoints.VpcEndpointSummaryList, []);
    const described = await emulator
      .client()
      .send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
    assert.equal(described.VpcEndpointErrors?.[0]?.ErrorCode, 'ENDPOINT_NOT_FOUND');
    const filter = [{ Name: 'cross-cluster-search-connection-id', Values: [id!] }];
    const outbound = await emulator
      .client()
      .send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: filter }));
    // Its deletion began when the domain's completed, not at that later call: by now it is over.
    assert.equal(outbound.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'DELETED');
  });

  it('reads the deletions under way only once one is due, and completes each at its time', async () => {
    const ownClock = new ManualClock();
    const own = await startClockedEmulator(ownClock, processingMs);
    try {
      const resources = own.store.resources;
      const realDueOfKind = resources.dueOfKind.bind(resources);
      let sweeps = 0;
      resources.dueOfKind = <T>(kind: string, now: number) => {
        if (kind === 'domain-deletion') sweeps++;
        return realDueOfKind<T>(kind, now);
      };
      const client = own.client();
      const listed = async () =>
        ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []).map(
          (domain) => domain.DomainName,
        );
      for (const name of ['first-gone', 'second-gone']) await createTestDomain(client, name);
      ownClock.advance(processingMs);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'first-gone' }));
      ownClock.advance(processingMs / 2);
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'second-gone' }));
      const sweepsBefore = sweeps;
      ownClock.advance(processingMs / 2 - 1);
      assert.deepEqual(await listed(), ['first-gone', 'second-gone']);
      await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'first-gone' }));
      assert.equal(sweeps, sweepsBefore, 'no deletion was due: none was read');
      ownClock.advance(1);
      assert.deepEqual(await listed(), ['second-gone']);
      assert.equal(sweeps, sweepsBefore + 1);
      ownClock.advance(processingMs / 2 - 1);
      assert.deepEqual(await listed(), ['second-gone']);
      assert.equal(sweeps, sweepsBefore + 1);
      ownClock.advance(1);
      assert.deepEqual(await listed(), []);
      assert.equal(sweeps, sweepsBefore + 2);
    } finally {
      await own.stop();
    }
  });

  it('completes a deletion on a later call when the commit of its first completion failed (the disk full)', async () => {
    await createTestDomain(emulator.client(), 'unlucky');
    clock.advance(processingMs);
    await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'unlucky' }));
    clock.advance(processingMs);
    // The next transaction runs and is then rolled back, as a COMMIT refused with SQLITE_FULL rolls it back.
    const store = emulator.store;
    const realTransaction = store.transaction.bind(store);
    store.transaction = <T>(fn: () => T): T =>
      realTransaction(() => {
        fn();
        throw new Error('database or disk is full');
      });
    const failed = await errorOf(() => emulator.client().send(new ListDomainNamesCommand({})));
    store.transaction = realTransaction;
    assert.equal(failed.name, 'InternalException');
    // Space again: the deletion completes now, not at the emulator's next start.
    const { DomainNames } = await emulator.client().send(new ListDomainNamesCommand({}));
    assert.ok(!DomainNames?.some((domain) => domain.DomainName === 'unlucky'));
    const created = await createTestDomain(emulator.client(), 'unlucky');
    assert.equal(created.DomainStatus?.Deleted, false);
  });
});

describe('a name deleted and created again while a test clock stands still', () => {
  let emulator: TestEmulator;
  before(async () => {
    // DOMAIN_PROCESSING_MS 0 and a clock that never moves: both domains of the name have the same creation time.
    emulator = await startTestEmulator({
      clock: new ManualClock(Math.floor(Date.now() / 1000) * 1000),
      ids: sequentialIds(),
    });
  });
  after(() => emulator.stop());

  it('starts with no package association and no upgrade history of the domain before it', async () => {
    const client = emulator.client();
    await createTestDomain(client, 'reborn', { ElasticsearchVersion: '7.9' });
    const { PackageDetails: pkg } = await client.send(
      new CreatePackageCommand({
        PackageName: 'reborn-synonyms',
        PackageType: 'TXT-DICTIONARY',
        PackageSource: { S3BucketName: 'packages', S3Key: 'synonyms.txt' },
      }),
    );
    await client.send(new AssociatePackageCommand({ PackageID: pkg!.PackageID!, DomainName: 'reborn' }));
    await client.send(new UpgradeElasticsearchDomainCommand({ DomainName: 'reborn', TargetVersion: '7.10' }));
    await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'reborn' }));

    await createTestDomain(client, 'reborn', { ElasticsearchVersion: '7.9' });
    const packages = await client.send(new ListPackagesForDomainCommand({ DomainName: 'reborn' }));
    assert.deepEqual(packages.DomainPackageDetailsList, []);
    const history = await client.send(new GetUpgradeHistoryCommand({ DomainName: 'reborn' }));
    assert.deepEqual(history.UpgradeHistories, []);
    // Nothing holds the package any more.
    await client.send(new DeletePackageCommand({ PackageID: pkg!.PackageID! }));
  });
});

/**
 * A state file lives for months: what is kept only for a domain goes when the domain does, rather than when a later
 * read happens upon it, or never (names not used again, tokens of endpoints long gone).
 */
describe('the records a removed domain leaves behind', () => {
  const processingMs = 60_000;
  const clock = new ManualClock();
  let emulator: TestEmulator;
  const account = '000000000000';
  const inVpc = { VPCOptions: { SubnetIds: ['subnet-aaaa'], SecurityGroupIds: ['sg-1'] } };
  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
  });
  after(() => emulator.stop());

  /** The rows of a kind in the store, by id (read directly: no API lists these). */
  const rowsOf = (kind: string): string[] =>
    (
      emulator.store.db.prepare('SELECT id FROM resources WHERE kind = ? ORDER BY id').all(kind) as {
        id: string;
      }[]
    ).map((row) => row.id);

  it('upgrade history, an upgrade under way, package associations and VPC endpoint client tokens', async () => {
    const client = emulator.client();
    await createTestDomain(client, 'short-lived', { ElasticsearchVersion: '7.10', ...inVpc });
    clock.advance(processingMs);
    const { PackageDetails: pkg } = await client.send(
      new CreatePackageCommand({
        PackageName: 'outlives-domains',
        PackageType: 'TXT-DICTIONARY',
        PackageSource: { S3BucketName: 'packages', S3Key: 'synonyms.txt' },
      }),
    );
    clock.advance(processingMs);
    await client.send(new AssociatePackageCommand({ PackageID: pkg!.PackageID!, DomainName: 'short-lived' }));
    clock.advance(processingMs);
    // An upgrade to OpenSearch, still under way when the domain is deleted.
    await client.send(
      new UpgradeElasticsearchDomainCommand({ DomainName: 'short-lived', TargetVersion: 'OpenSearch_1.3' }),
    );
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        DomainArn: `arn:aws:es:${emulator.region}:${account}:domain/short-lived`,
        VpcOptions: { SubnetIds: ['subnet-bbbb'] },
        ClientToken: 'token-of-a-deleted-domain',
      }),
    );
    assert.ok(VpcEndpoint?.VpcEndpointId);
    assert.deepEqual(rowsOf('upgrade-history').length, 1);
    assert.deepEqual(rowsOf('engine-upgrade'), ['short-lived']);
    assert.deepEqual(rowsOf('package-association'), [`${pkg!.PackageID!}/short-lived`]);
    assert.deepEqual(rowsOf('vpc-endpoint-client-token'), ['token-of-a-deleted-domain']);

    await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'short-lived' }));
    // While the domain is being deleted, its history is still its own.
    assert.deepEqual(rowsOf('upgrade-history').length, 1);
    clock.advance(processingMs);
    await client.send(new ListDomainNamesCommand({}));
    assert.deepEqual(rowsOf('upgrade-history'), []);
    assert.deepEqual(rowsOf('engine-upgrade'), []);
    assert.deepEqual(rowsOf('package-association'), []);
    assert.deepEqual(rowsOf('vpc-endpoint-client-token'), []);
    // The package itself stays, free to delete.
    await client.send(new DeletePackageCommand({ PackageID: pkg!.PackageID! }));
  });

  it("an endpoint's client token goes with the endpoint, and the token can start afresh", async () => {
    const client = emulator.client();
    await createTestDomain(client, 'long-lived', inVpc);
    clock.advance(processingMs);
    const request = {
      DomainArn: `arn:aws:es:${emulator.region}:${account}:domain/long-lived`,
      VpcOptions: { SubnetIds: ['subnet-cccc'] },
      ClientToken: 'token-of-a-deleted-endpoint',
    };
    const { VpcEndpoint } = await client.send(new CreateVpcEndpointCommand(request));
    clock.advance(processingMs);
    await client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: VpcEndpoint!.VpcEndpointId! }));
    clock.advance(processingMs);
    // The deletion completed: the next list of endpoints removes it, and its token with it.
    assert.deepEqual((await client.send(new ListVpcEndpointsCommand({}))).VpcEndpointSummaryList, []);
    assert.deepEqual(rowsOf('vpc-endpoint-client-token'), []);
    const again = await client.send(new CreateVpcEndpointCommand(request));
    assert.notEqual(again.VpcEndpoint?.VpcEndpointId, VpcEndpoint?.VpcEndpointId);
    assert.deepEqual(rowsOf('vpc-endpoint-client-token'), ['token-of-a-deleted-endpoint']);
  });
});
