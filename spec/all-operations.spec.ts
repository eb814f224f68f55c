import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { modelledErrors } from '../schemas/errors.generated';
import { operationNames, operations } from '../schemas/operations.generated';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';

/**
 * Issue 3's proof: every one of the 51 operations, called through the JS v3 SDK, answers either a success
 * or an error the model declares for it (AccessDeniedException counts: authorization precedes every
 * operation), with a message and the status the model gives that error. One table of plausible calls run
 * in order against one emulator, then one of calls naming resources that do not exist.
 */

/** Any of the client's commands: the table mixes them, and `send` is typed per command. */
interface AnyCommand {
  readonly input: object;
}

interface Row {
  /** The command; its class name (minus `Command`) is the operation the row covers. */
  command: () => AnyCommand;
  /** Where AWS answers success even for unknown resources, the second pass requires it. */
  succeeds?: boolean;
  /** Keeps what a success reveals (a new id) for the rows after it. */
  learn?: (output: never) => void;
}

const declaredErrors = new Map(operations.map((spec) => [spec.name as string, new Set(spec.errors)]));
const statusOfError = new Map<string, number>(modelledErrors.map((error) => [error.name, error.status]));

function operationOf(command: AnyCommand): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** Runs one row; returns `ok` or the error's name, after asserting the answer is one the model allows. */
async function runRow(client: ElasticsearchServiceClient, row: Row): Promise<string> {
  const command = row.command();
  const operation = operationOf(command);
  const declared = declaredErrors.get(operation);
  assert.ok(declared, `${operation} is not a model operation`);
  try {
    const output: unknown = await client.send(command as never);
    row.learn?.(output as never);
    return 'ok';
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number } };
    const name = error.name;
    assert.ok(
      declared.has(name) || name === 'AccessDeniedException',
      `${operation} answered ${name} (${error.$metadata?.httpStatusCode}: ${error.message}), ` +
        `which the model does not declare for it (declared: ${[...declared].join(', ')})`,
    );
    assert.ok(row.succeeds !== true, `${operation} should succeed, and answered ${name}: ${error.message}`);
    assert.equal(typeof error.message, 'string');
    assert.notEqual(error.message.trim(), '', `${operation} answered ${name} without a message`);
    assert.equal(error.$metadata?.httpStatusCode, statusOfError.get(name), `${operation}: status of ${name}`);
    return name;
  }
}

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const arnOf = (domainName: string) => `arn:aws:es:${REGION}:${ACCOUNT}:domain/${domainName}`;

function domainInput(DomainName: string, ElasticsearchVersion = '7.10', vpc = false) {
  return testDomainInput(DomainName, {
    ElasticsearchVersion,
    ...(vpc ? { VPCOptions: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] } } : {}),
  });
}

function coverage(rows: readonly Row[]): string[] {
  return rows.map((row) => operationOf(row.command()));
}

describe('All 51 operations through the JS v3 SDK: a success or a declared error', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  /** Ids learnt along the way by the rows that create them. */
  const ids = {
    packageId: 'pkg-unset',
    endpointId: 'aos-unset',
    acceptedConnection: 'cc-unset',
    rejectedConnection: 'cc-unset',
    offeringId: '00000000-0000-0000-0000-000000000000',
    reservationId: '00000000-0000-0000-0000-000000000000',
  };

  before(async () => {
    // An update available, so that the table's StartElasticsearchServiceSoftwareUpdate and its cancellation
    // succeed (by default a new domain runs the newest release, as AWS answered, and has none).
    emulator = await startTestEmulator({ softwareUpdateAvailable: true });
    client = emulator.client();
    // What the table needs first, made through the SDK as a user would.
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('orders')));
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('legacy', '6.8')));
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('private', '7.10', true)));
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('archive')));
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('reports')));
    // A second connection to reject (the table's own one is accepted).
    const second = await client.send(
      new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: 'reports', OwnerId: ACCOUNT, Region: REGION },
        DestinationDomainInfo: { DomainName: 'archive', OwnerId: ACCOUNT, Region: REGION },
        ConnectionAlias: 'reports-archive',
      }),
    );
    ids.rejectedConnection = second.CrossClusterSearchConnectionId!;
  });
  after(() => emulator.stop());

  /** Plausible input, in the order a user would call them. */
  const plausible: Row[] = [
    { command: () => new sdk.ListElasticsearchVersionsCommand({}) },
    { command: () => new sdk.GetCompatibleElasticsearchVersionsCommand({ DomainName: 'legacy' }) },
    { command: () => new sdk.ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.10' }) },
    {
      command: () =>
        new sdk.DescribeElasticsearchInstanceTypeLimitsCommand({
          ElasticsearchVersion: '7.10',
          InstanceType: 'm5.large.elasticsearch',
        }),
    },
    { command: () => new sdk.CreateElasticsearchDomainCommand(domainInput('scratch')) },
    { command: () => new sdk.DescribeElasticsearchDomainCommand({ DomainName: 'orders' }) },
    { command: () => new sdk.DescribeElasticsearchDomainsCommand({ DomainNames: ['orders', 'scratch'] }) },
    { command: () => new sdk.DescribeElasticsearchDomainConfigCommand({ DomainName: 'orders' }) },
    {
      command: () =>
        new sdk.UpdateElasticsearchDomainConfigCommand({
          DomainName: 'orders',
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
    },
    { command: () => new sdk.DescribeDomainChangeProgressCommand({ DomainName: 'orders' }) },
    { command: () => new sdk.CancelDomainConfigChangeCommand({ DomainName: 'orders', DryRun: true }) },
    { command: () => new sdk.DescribeDomainAutoTunesCommand({ DomainName: 'orders', MaxResults: 10 }) },
    { command: () => new sdk.ListDomainNamesCommand({ EngineType: 'Elasticsearch' }) },
    {
      command: () =>
        new sdk.AddTagsCommand({ ARN: arnOf('orders'), TagList: [{ Key: 'team', Value: 'search' }] }),
    },
    { command: () => new sdk.ListTagsCommand({ ARN: arnOf('orders') }) },
    { command: () => new sdk.RemoveTagsCommand({ ARN: arnOf('orders'), TagKeys: ['team'] }) },
    {
      command: () => new sdk.StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'orders' }),
      succeeds: true,
    },
    { command: () => new sdk.CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'orders' }) },
    {
      command: () =>
        new sdk.UpgradeElasticsearchDomainCommand({
          DomainName: 'legacy',
          TargetVersion: '7.10',
          PerformCheckOnly: true,
        }),
    },
    { command: () => new sdk.GetUpgradeStatusCommand({ DomainName: 'legacy' }) },
    { command: () => new sdk.GetUpgradeHistoryCommand({ DomainName: 'legacy', MaxResults: 5 }) },
    {
      command: () =>
        new sdk.CreatePackageCommand({
          PackageName: 'synonyms',
          PackageType: 'TXT-DICTIONARY',
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        }),
      succeeds: true,
      learn: (output: sdk.CreatePackageResponse) => (ids.packageId = output.PackageDetails!.PackageID!),
    },
    {
      command: () =>
        new sdk.DescribePackagesCommand({ Filters: [{ Name: 'PackageName', Value: ['synonyms'] }] }),
    },
    {
      command: () =>
        new sdk.UpdatePackageCommand({
          PackageID: ids.packageId,
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms-v2.txt' },
          CommitMessage: 'more synonyms',
        }),
    },
    { command: () => new sdk.GetPackageVersionHistoryCommand({ PackageID: ids.packageId }) },
    { command: () => new sdk.AssociatePackageCommand({ PackageID: ids.packageId, DomainName: 'orders' }) },
    { command: () => new sdk.ListDomainsForPackageCommand({ PackageID: ids.packageId }) },
    { command: () => new sdk.ListPackagesForDomainCommand({ DomainName: 'orders' }) },
    { command: () => new sdk.DissociatePackageCommand({ PackageID: ids.packageId, DomainName: 'orders' }) },
    { command: () => new sdk.DeletePackageCommand({ PackageID: ids.packageId }) },
    {
      command: () =>
        new sdk.CreateVpcEndpointCommand({
          DomainArn: arnOf('private'),
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'], SecurityGroupIds: ['sg-0e1f2a3b'] },
          ClientToken: 'all-operations-1',
        }),
      succeeds: true,
      learn: (output: sdk.CreateVpcEndpointResponse) => (ids.endpointId = output.VpcEndpoint!.VpcEndpointId!),
    },
    { command: () => new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [ids.endpointId] }) },
    { command: () => new sdk.ListVpcEndpointsCommand({}) },
    { command: () => new sdk.ListVpcEndpointsForDomainCommand({ DomainName: 'private' }) },
    {
      command: () =>
        new sdk.UpdateVpcEndpointCommand({
          VpcEndpointId: ids.endpointId,
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'], SecurityGroupIds: ['sg-0f0f0f0f'] },
        }),
    },
    {
      command: () =>
        new sdk.AuthorizeVpcEndpointAccessCommand({ DomainName: 'private', Account: '123456789012' }),
    },
    { command: () => new sdk.ListVpcEndpointAccessCommand({ DomainName: 'private' }) },
    {
      command: () =>
        new sdk.RevokeVpcEndpointAccessCommand({ DomainName: 'private', Account: '123456789012' }),
    },
    { command: () => new sdk.DeleteVpcEndpointCommand({ VpcEndpointId: ids.endpointId }) },
    {
      command: () =>
        new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'orders', OwnerId: ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'archive', OwnerId: ACCOUNT, Region: REGION },
          ConnectionAlias: 'orders-archive',
        }),
      succeeds: true,
      learn: (output: sdk.CreateOutboundCrossClusterSearchConnectionResponse) =>
        (ids.acceptedConnection = output.CrossClusterSearchConnectionId!),
    },
    {
      command: () =>
        new sdk.DescribeOutboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'source-domain-info.domain-name', Values: ['orders'] }],
        }),
    },
    { command: () => new sdk.DescribeInboundCrossClusterSearchConnectionsCommand({ MaxResults: 10 }) },
    {
      command: () =>
        new sdk.AcceptInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: ids.acceptedConnection,
        }),
    },
    {
      command: () =>
        new sdk.RejectInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: ids.rejectedConnection,
        }),
    },
    {
      command: () =>
        new sdk.DeleteInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: ids.rejectedConnection,
        }),
    },
    {
      command: () =>
        new sdk.DeleteOutboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: ids.acceptedConnection,
        }),
    },
    {
      command: () => new sdk.DescribeReservedElasticsearchInstanceOfferingsCommand({ MaxResults: 5 }),
      succeeds: true,
      learn: (output: sdk.DescribeReservedElasticsearchInstanceOfferingsResponse) =>
        (ids.offeringId =
          output.ReservedElasticsearchInstanceOfferings![0]!.ReservedElasticsearchInstanceOfferingId!),
    },
    {
      command: () =>
        new sdk.PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: ids.offeringId,
          ReservationName: 'all-operations',
          InstanceCount: 1,
        }),
      succeeds: true,
      learn: (output: sdk.PurchaseReservedElasticsearchInstanceOfferingResponse) =>
        (ids.reservationId = output.ReservedElasticsearchInstanceId!),
    },
    {
      command: () =>
        new sdk.DescribeReservedElasticsearchInstancesCommand({
          ReservedElasticsearchInstanceId: ids.reservationId,
        }),
    },
    { command: () => new sdk.DeleteElasticsearchDomainCommand({ DomainName: 'scratch' }) },
    { command: () => new sdk.DeleteElasticsearchServiceRoleCommand({}) },
  ];

  /** Names of domains, packages, endpoints, connections and offerings that do not exist. */
  const missing = {
    domain: 'no-such-domain',
    packageId: 'F111111111',
    endpointId: 'aos-000000000000',
    connection: 'cc-00000000000000000000',
    offeringId: '11111111-2222-3333-4444-555555555555',
  };
  const unknownResources: Row[] = [
    { command: () => new sdk.ListElasticsearchVersionsCommand({}), succeeds: true },
    { command: () => new sdk.GetCompatibleElasticsearchVersionsCommand({ DomainName: missing.domain }) },
    { command: () => new sdk.ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '0.1' }) },
    {
      command: () =>
        new sdk.DescribeElasticsearchInstanceTypeLimitsCommand({
          ElasticsearchVersion: '0.1',
          InstanceType: 'm5.large.elasticsearch',
        }),
    },
    // An existing name: AWS returns the existing domain (GUIDE section 7).
    { command: () => new sdk.CreateElasticsearchDomainCommand(domainInput('orders')), succeeds: true },
    { command: () => new sdk.DescribeElasticsearchDomainCommand({ DomainName: missing.domain }) },
    // Unknown names are left out of the answer, not an error.
    {
      command: () => new sdk.DescribeElasticsearchDomainsCommand({ DomainNames: [missing.domain] }),
      succeeds: true,
    },
    { command: () => new sdk.DescribeElasticsearchDomainConfigCommand({ DomainName: missing.domain }) },
    {
      command: () =>
        new sdk.UpdateElasticsearchDomainConfigCommand({
          DomainName: missing.domain,
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
    },
    { command: () => new sdk.DescribeDomainChangeProgressCommand({ DomainName: missing.domain }) },
    {
      command: () =>
        new sdk.DescribeDomainChangeProgressCommand({
          DomainName: 'orders',
          ChangeId: '00000000-0000-0000-0000-000000000000',
        }),
    },
    { command: () => new sdk.CancelDomainConfigChangeCommand({ DomainName: missing.domain }) },
    { command: () => new sdk.DescribeDomainAutoTunesCommand({ DomainName: missing.domain }) },
    { command: () => new sdk.ListDomainNamesCommand({}), succeeds: true },
    {
      command: () =>
        new sdk.AddTagsCommand({ ARN: arnOf(missing.domain), TagList: [{ Key: 'team', Value: 'search' }] }),
    },
    { command: () => new sdk.ListTagsCommand({ ARN: arnOf(missing.domain) }) },
    { command: () => new sdk.RemoveTagsCommand({ ARN: arnOf(missing.domain), TagKeys: ['team'] }) },
    { command: () => new sdk.StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: missing.domain }) },
    {
      command: () => new sdk.CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: missing.domain }),
    },
    {
      command: () =>
        new sdk.UpgradeElasticsearchDomainCommand({
          DomainName: missing.domain,
          TargetVersion: '7.10',
          PerformCheckOnly: true,
        }),
    },
    { command: () => new sdk.GetUpgradeStatusCommand({ DomainName: missing.domain }) },
    { command: () => new sdk.GetUpgradeHistoryCommand({ DomainName: missing.domain }) },
    // A second package under a name in use.
    {
      command: () =>
        new sdk.CreatePackageCommand({
          PackageName: 'synonyms',
          PackageType: 'TXT-DICTIONARY',
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        }),
    },
    {
      command: () =>
        new sdk.DescribePackagesCommand({ Filters: [{ Name: 'PackageID', Value: [missing.packageId] }] }),
    },
    {
      command: () =>
        new sdk.UpdatePackageCommand({
          PackageID: missing.packageId,
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        }),
    },
    { command: () => new sdk.GetPackageVersionHistoryCommand({ PackageID: missing.packageId }) },
    {
      command: () => new sdk.AssociatePackageCommand({ PackageID: missing.packageId, DomainName: 'orders' }),
    },
    {
      command: () =>
        new sdk.AssociatePackageCommand({ PackageID: missing.packageId, DomainName: missing.domain }),
    },
    { command: () => new sdk.ListDomainsForPackageCommand({ PackageID: missing.packageId }) },
    { command: () => new sdk.ListPackagesForDomainCommand({ DomainName: missing.domain }) },
    {
      command: () => new sdk.DissociatePackageCommand({ PackageID: missing.packageId, DomainName: 'orders' }),
    },
    { command: () => new sdk.DeletePackageCommand({ PackageID: missing.packageId }) },
    {
      command: () =>
        new sdk.CreateVpcEndpointCommand({
          DomainArn: arnOf(missing.domain),
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'] },
        }),
    },
    // Unknown ids come back in VpcEndpointErrors.
    {
      command: () => new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [missing.endpointId] }),
      succeeds: true,
    },
    { command: () => new sdk.ListVpcEndpointsCommand({}), succeeds: true },
    { command: () => new sdk.ListVpcEndpointsForDomainCommand({ DomainName: missing.domain }) },
    {
      command: () =>
        new sdk.UpdateVpcEndpointCommand({
          VpcEndpointId: missing.endpointId,
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'] },
        }),
    },
    {
      command: () =>
        new sdk.AuthorizeVpcEndpointAccessCommand({ DomainName: missing.domain, Account: '123456789012' }),
    },
    { command: () => new sdk.ListVpcEndpointAccessCommand({ DomainName: missing.domain }) },
    {
      command: () =>
        new sdk.RevokeVpcEndpointAccessCommand({ DomainName: missing.domain, Account: '123456789012' }),
    },
    { command: () => new sdk.DeleteVpcEndpointCommand({ VpcEndpointId: missing.endpointId }) },
    {
      command: () =>
        new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: missing.domain, OwnerId: ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'archive', OwnerId: ACCOUNT, Region: REGION },
          ConnectionAlias: 'missing-archive',
        }),
    },
    {
      command: () =>
        new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'orders', OwnerId: ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: missing.domain, OwnerId: ACCOUNT, Region: REGION },
          ConnectionAlias: 'orders-missing',
        }),
    },
    {
      command: () =>
        new sdk.DescribeOutboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [missing.connection] }],
        }),
      succeeds: true,
    },
    {
      command: () =>
        new sdk.DescribeInboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [missing.connection] }],
        }),
      succeeds: true,
    },
    {
      command: () =>
        new sdk.AcceptInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      command: () =>
        new sdk.RejectInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      command: () =>
        new sdk.DeleteInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      command: () =>
        new sdk.DeleteOutboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      command: () =>
        new sdk.DescribeReservedElasticsearchInstanceOfferingsCommand({
          ReservedElasticsearchInstanceOfferingId: missing.offeringId,
        }),
    },
    {
      command: () =>
        new sdk.PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: missing.offeringId,
          ReservationName: 'nothing-to-buy',
        }),
    },
    {
      command: () =>
        new sdk.DescribeReservedElasticsearchInstancesCommand({
          ReservedElasticsearchInstanceId: missing.offeringId,
        }),
    },
    { command: () => new sdk.DeleteElasticsearchDomainCommand({ DomainName: missing.domain }) },
    // Nothing to miss; the role is still used by the VPC domain `private`, which AWS refuses.
    { command: () => new sdk.DeleteElasticsearchServiceRoleCommand({}) },
  ];

  it('the plausible table has one row for each of the 51 model operations', () => {
    const covered = coverage(plausible);
    assert.equal(covered.length, 51);
    assert.deepEqual([...covered].sort(), [...operationNames].sort());
  });

  it('the unknown-resource table covers every operation too', () => {
    assert.deepEqual([...new Set(coverage(unknownResources))].sort(), [...operationNames].sort());
  });

  describe('plausible input, in order', () => {
    for (const row of plausible) {
      const operation = operationOf(row.command());
      it(operation, async () => {
        const answer = await runRow(client, row);
        assert.ok(answer.length > 0);
      });
    }
  });

  describe('unknown resources', () => {
    for (const row of unknownResources) {
      const command = row.command();
      const operation = operationOf(command);
      const input = JSON.stringify((command as { input?: unknown }).input);
      it(`${operation} ${input.length > 90 ? `${input.slice(0, 87)}...` : input}`, async () => {
        const answer = await runRow(client, row);
        assert.ok(answer.length > 0);
      });
    }
  });
});
