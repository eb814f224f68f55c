import assert from 'node:assert/strict';
import {
  AcceptInboundCrossClusterSearchConnectionCommand,
  AddTagsCommand,
  AssociatePackageCommand,
  CancelDomainConfigChangeCommand,
  CancelElasticsearchServiceSoftwareUpdateCommand,
  CreateElasticsearchDomainCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  CreatePackageCommand,
  CreateVpcEndpointCommand,
  DeleteElasticsearchDomainCommand,
  DeleteInboundCrossClusterSearchConnectionCommand,
  DeleteOutboundCrossClusterSearchConnectionCommand,
  DeletePackageCommand,
  DeleteVpcEndpointCommand,
  DescribeDomainChangeProgressCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  DescribePackagesCommand,
  DescribeVpcEndpointsCommand,
  DissociatePackageCommand,
  GetCompatibleElasticsearchVersionsCommand,
  GetUpgradeHistoryCommand,
  GetUpgradeStatusCommand,
  ListDomainNamesCommand,
  ListDomainsForPackageCommand,
  ListPackagesForDomainCommand,
  ListTagsCommand,
  ListVpcEndpointsCommand,
  RejectInboundCrossClusterSearchConnectionCommand,
  RemoveTagsCommand,
  StartElasticsearchServiceSoftwareUpdateCommand,
  UpdateElasticsearchDomainConfigCommand,
  UpdatePackageCommand,
  UpdateVpcEndpointCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import fc from 'fast-check';
import { supportedVersions, upgradeTargets } from '../server/catalogue';
import { ManualClock } from '../server/runtime';
import { fineGrainedDomain, testDomainInput } from './support/domains';
import type { TestEmulator } from './support/emulator';
import { answerStatusOf } from './support/errors';
import { startClockedEmulator } from './support/emulator';

/**
 * Stateful fuzzing of the lifecycles that cross one another: domains created, updated, upgraded, deleted while
 * their changes, upgrades, service software updates, VPC endpoints, package associations and cross-cluster
 * connections are under way, the clock moving by random steps around the processing time. Each run is a random
 * sequence of such calls over a few domain names, through the JS v3 SDK; whatever the order, no answer is a 5xx,
 * every answer is what the model says it is (the answer conformance check of every test client), and every
 * domain listed still describes, with its configuration, its change progress and its upgrade status.
 */
const runs = 25;
const actionsPerRun = 40;
const seed = 20_151_101;
const processingMs = 60_000;

const domainNames = ['life-a', 'life-b', 'life-c'];
const versions = supportedVersions();

interface World {
  client: ElasticsearchServiceClient;
  clock: ManualClock;
  connectionIds: string[];
  packageIds: string[];
  endpointIds: string[];
  arnOf: Map<string, string>;
}

type Action = { name: string; run(world: World): Promise<unknown> };

const domainName = fc.constantFrom(...domainNames, 'life-none');
const pick = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

const actions: fc.Arbitrary<Action>[] = [
  fc
    .record({
      name: domainName,
      version: fc.constantFrom('7.10', '6.8', '5.6', 'OpenSearch_1.3', ...versions),
      fine: fc.boolean(),
    })
    .map(({ name, version, fine }) => ({
      name: `create ${name} ${version}${fine ? ' with fine-grained access control' : ''}`,
      async run({ client, arnOf }) {
        const created = await client.send(
          new CreateElasticsearchDomainCommand(
            testDomainInput(name, { ElasticsearchVersion: version, ...(fine ? fineGrainedDomain : {}) }),
          ),
        );
        if (created.DomainStatus?.ARN) arnOf.set(name, created.DomainStatus.ARN);
      },
    })),
  domainName.map((name) => ({
    name: `delete ${name}`,
    run: ({ client }) => client.send(new DeleteElasticsearchDomainCommand({ DomainName: name })),
  })),
  fc
    .record({
      name: domainName,
      count: fc.integer({ min: 1, max: 3 }),
      size: fc.constantFrom(10, 20, 35),
      dryRun: fc.boolean(),
      blueGreen: fc.boolean(),
    })
    .map(({ name, count, size, dryRun, blueGreen }) => ({
      name: `update ${name} count ${count} size ${size}${dryRun ? ' (dry run)' : ''}`,
      run: ({ client }) =>
        client.send(
          new UpdateElasticsearchDomainConfigCommand({
            DomainName: name,
            ElasticsearchClusterConfig: { InstanceCount: count },
            EBSOptions: { EBSEnabled: true, VolumeSize: size },
            ...(blueGreen ? {} : { AdvancedOptions: { 'rest.action.multi.allow_explicit_index': 'false' } }),
            DryRun: dryRun,
          }),
        ),
    })),
  fc
    .record({ name: domainName, target: fc.nat(), checkOnly: fc.boolean() })
    .map(({ name, target, checkOnly }) => ({
      name: `upgrade ${name}${checkOnly ? ' (check only)' : ''}`,
      async run({ client }) {
        const described = await client
          .send(new DescribeElasticsearchDomainCommand({ DomainName: name }))
          .catch(() => undefined);
        const from = described?.DomainStatus?.ElasticsearchVersion ?? '7.10';
        const targets = upgradeTargets(from);
        const version = pick(targets.length > 0 ? targets : versions, target)!;
        return client.send(
          new UpgradeElasticsearchDomainCommand({
            DomainName: name,
            TargetVersion: version,
            PerformCheckOnly: checkOnly,
          }),
        );
      },
    })),
  domainName.map((name) => ({
    name: `start a service software update of ${name}`,
    run: ({ client }) =>
      client.send(new StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: name })),
  })),
  domainName.map((name) => ({
    name: `cancel the service software update of ${name}`,
    run: ({ client }) =>
      client.send(new CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: name })),
  })),
  fc.record({ name: domainName, dryRun: fc.boolean() }).map(({ name, dryRun }) => ({
    name: `cancel the change of ${name}${dryRun ? ' (dry run)' : ''}`,
    run: ({ client }) =>
      client.send(new CancelDomainConfigChangeCommand({ DomainName: name, DryRun: dryRun })),
  })),
  fc.record({ from: domainName, to: domainName }).map(({ from, to }) => ({
    name: `connect ${from} to ${to}`,
    async run({ client, connectionIds }) {
      const created = await client.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: from, OwnerId: '000000000000', Region: 'us-east-1' },
          DestinationDomainInfo: { DomainName: to, OwnerId: '000000000000', Region: 'us-east-1' },
          ConnectionAlias: `alias-${from}-${to}`,
        }),
      );
      if (created.CrossClusterSearchConnectionId) connectionIds.push(created.CrossClusterSearchConnectionId);
    },
  })),
  fc
    .record({
      index: fc.nat(),
      verb: fc.constantFrom('accept', 'reject', 'delete inbound', 'delete outbound'),
    })
    .map(({ index, verb }) => ({
      name: `${verb} a connection`,
      run({ client, connectionIds }) {
        const id = pick(connectionIds, index) ?? 'cc-none';
        const input = { CrossClusterSearchConnectionId: id };
        if (verb === 'accept')
          return client.send(new AcceptInboundCrossClusterSearchConnectionCommand(input));
        if (verb === 'reject')
          return client.send(new RejectInboundCrossClusterSearchConnectionCommand(input));
        if (verb === 'delete inbound')
          return client.send(new DeleteInboundCrossClusterSearchConnectionCommand(input));
        return client.send(new DeleteOutboundCrossClusterSearchConnectionCommand(input));
      },
    })),
  domainName.map((name) => ({
    name: `create a VPC endpoint of ${name}`,
    async run({ client, endpointIds, arnOf }) {
      const created = await client.send(
        new CreateVpcEndpointCommand({
          DomainArn: arnOf.get(name) ?? `arn:aws:es:us-east-1:000000000000:domain/${name}`,
          VpcOptions: { SubnetIds: ['subnet-0a1b2c3d'] },
        }),
      );
      if (created.VpcEndpoint?.VpcEndpointId) endpointIds.push(created.VpcEndpoint.VpcEndpointId);
    },
  })),
  fc.record({ index: fc.nat(), remove: fc.boolean() }).map(({ index, remove }) => ({
    name: `${remove ? 'delete' : 'update'} a VPC endpoint`,
    run({ client, endpointIds }) {
      const id = pick(endpointIds, index) ?? 'aos-none';
      return remove
        ? client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: id }))
        : client.send(
            new UpdateVpcEndpointCommand({
              VpcEndpointId: id,
              VpcOptions: { SubnetIds: ['subnet-11112222'] },
            }),
          );
    },
  })),
  fc.nat(4).map((n) => ({
    name: `create package ${n}`,
    async run({ client, packageIds }) {
      const created = await client.send(
        new CreatePackageCommand({
          PackageName: `life-pkg-${n}`,
          PackageType: 'TXT-DICTIONARY',
          PackageSource: { S3BucketName: 'bucket', S3Key: `synonyms-${n}.txt` },
        }),
      );
      if (created.PackageDetails?.PackageID) packageIds.push(created.PackageDetails.PackageID);
    },
  })),
  fc
    .record({
      index: fc.nat(),
      name: domainName,
      verb: fc.constantFrom('associate', 'dissociate', 'update', 'delete'),
    })
    .map(({ index, name, verb }) => ({
      name: `${verb} a package${verb === 'associate' || verb === 'dissociate' ? ` and ${name}` : ''}`,
      run({ client, packageIds }) {
        const id = pick(packageIds, index) ?? 'F111111111';
        if (verb === 'associate')
          return client.send(new AssociatePackageCommand({ PackageID: id, DomainName: name }));
        if (verb === 'dissociate') {
          return client.send(new DissociatePackageCommand({ PackageID: id, DomainName: name }));
        }
        if (verb === 'update') {
          return client.send(
            new UpdatePackageCommand({
              PackageID: id,
              PackageSource: { S3BucketName: 'bucket', S3Key: 'v2.txt' },
            }),
          );
        }
        return client.send(new DeletePackageCommand({ PackageID: id }));
      },
    })),
  fc.record({ name: domainName, remove: fc.boolean() }).map(({ name, remove }) => ({
    name: `${remove ? 'remove' : 'add'} a tag of ${name}`,
    run({ client, arnOf }) {
      const arn = arnOf.get(name) ?? `arn:aws:es:us-east-1:000000000000:domain/${name}`;
      return remove
        ? client.send(new RemoveTagsCommand({ ARN: arn, TagKeys: ['k'] }))
        : client.send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'k', Value: 'v' }] }));
    },
  })),
  fc
    .constantFrom(0, 1, processingMs / 2, processingMs - 1, processingMs, processingMs * 3, 3_600_000)
    .map((ms) => ({
      name: `the clock moves ${ms} ms`,
      run: async ({ clock }) => clock.advance(ms),
    })),
];

describe('fuzzing the lifecycles of domains and what hangs on them, through the JS v3 SDK', function () {
  // A thousand calls and more, each followed by reads of everything: longer than the default timeout.
  this.timeout(180_000);
  let emulator: TestEmulator;
  let world: World;
  const tally = { answered200: 0, refused: 0 };

  before(async () => {
    const clock = new ManualClock();
    emulator = await startClockedEmulator(clock, processingMs);
    world = {
      client: emulator.client(),
      clock,
      connectionIds: [],
      packageIds: [],
      endpointIds: [],
      arnOf: new Map(),
    };
  });
  after(async () => {
    await emulator.stop();
  });

  /** Every listed domain, and what hangs on it, still reads as the model says; the account-wide lists too. */
  async function assertEverythingReadable(): Promise<void> {
    const { client } = world;
    const listed = await client.send(new ListDomainNamesCommand({}));
    for (const { DomainName } of listed.DomainNames ?? []) {
      const name = DomainName!;
      const described = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: name }));
      await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: name }));
      await client.send(new DescribeDomainChangeProgressCommand({ DomainName: name }));
      await client.send(new ListPackagesForDomainCommand({ DomainName: name }));
      await client.send(new GetCompatibleElasticsearchVersionsCommand({ DomainName: name }));
      await client.send(new ListTagsCommand({ ARN: described.DomainStatus!.ARN }));
      // A domain never upgraded has no upgrade status: ResourceNotFoundException, as AWS answers.
      const upgradeStatus = await answerStatusOf(
        client.send(new GetUpgradeStatusCommand({ DomainName: name })),
      );
      assert.ok(
        upgradeStatus === 200 || upgradeStatus === 404,
        `GetUpgradeStatus of ${name}: ${upgradeStatus}`,
      );
      await client.send(new GetUpgradeHistoryCommand({ DomainName: name }));
    }
    await client.send(new DescribeInboundCrossClusterSearchConnectionsCommand({}));
    await client.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
    await client.send(new DescribePackagesCommand({}));
    await client.send(new ListVpcEndpointsCommand({}));
    if (world.endpointIds.length > 0) {
      await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: world.endpointIds.slice(-10) }));
    }
    for (const id of world.packageIds.slice(-3)) {
      await answerStatusOf(client.send(new ListDomainsForPackageCommand({ PackageID: id })));
    }
  }

  it(`${runs} runs of ${actionsPerRun} calls in random order: no 5xx, every answer as the model says, everything still readable`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(...actions), { minLength: actionsPerRun, maxLength: actionsPerRun }),
        async (sequence) => {
          const done: string[] = [];
          for (const action of sequence) {
            done.push(action.name);
            const status = await answerStatusOf(action.run(world));
            assert.ok(status >= 200 && status < 500, `${done.join(' → ')}: ${status}`);
            if (status === 200) tally.answered200++;
            else tally.refused++;
            await assertEverythingReadable();
          }
        },
      ),
      { numRuns: runs, seed, endOnFailure: true },
    );
    // Both outcomes were reached: the sequences were not refused at their first call only.
    assert.ok(tally.answered200 >= runs * 5, `only ${tally.answered200} calls were answered 200`);
    assert.ok(tally.refused >= runs * 5, `only ${tally.refused} calls were refused`);
    process.stdout.write(`      (${JSON.stringify(tally)})\n`);
  });
});
