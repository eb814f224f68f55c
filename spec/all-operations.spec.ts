import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { modelledErrors } from '../schemas/errors.generated';
import { operationNames, operations } from '../schemas/operations.generated';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { fineGrainedDomain, testDomainInput } from './support/domains';

/**
 * Issue 3's proof: every one of the 51 operations, called through the JS v3 SDK, answers either a success
 * or an error the model declares for it (AccessDeniedException counts: authorization precedes every
 * operation), with a message and the status the model gives that error. One table of plausible calls run
 * in order against one emulator, then one of calls naming resources that do not exist; each row names the answer
 * it must get.
 */

/** Any of the client's commands: the table mixes them, and `send` is typed per command. */
interface AnyCommand {
  readonly input: object;
}

interface Row {
  /** The command; its class name (minus `Command`) is the operation the row covers. */
  command: () => AnyCommand;
  /**
   * The answer the row must get: `ok`, or the name of the error (declared by the model for the operation). The
   * plausible table expects `ok` unless it says otherwise; the unknown-resource table says it on every row.
   */
  expect?: string;
  /** Keeps what a success reveals (a new id) for the rows after it. */
  learn?: (output: never) => void;
}

const declaredErrors = new Map(operations.map((spec) => [spec.name as string, new Set(spec.errors)]));
const statusOfError = new Map<string, number>(modelledErrors.map((error) => [error.name, error.status]));

function operationOf(command: AnyCommand): string {
  return command.constructor.name.replace(/Command$/, '');
}

/**
 * Runs one row; returns `ok` or the error's name, with its message, after asserting the answer is one the model
 * allows (a declared error, its status, a message).
 */
async function runRow(
  client: ElasticsearchServiceClient,
  row: Row,
): Promise<{ answer: string; message: string }> {
  const command = row.command();
  const operation = operationOf(command);
  const declared = declaredErrors.get(operation);
  assert.ok(declared, `${operation} is not a model operation`);
  try {
    const output: unknown = await client.send(command as never);
    row.learn?.(output as never);
    return { answer: 'ok', message: '' };
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number } };
    const name = error.name;
    assert.ok(
      declared.has(name) || name === 'AccessDeniedException',
      `${operation} answered ${name} (${error.$metadata?.httpStatusCode}: ${error.message}), ` +
        `which the model does not declare for it (declared: ${[...declared].join(', ')})`,
    );
    assert.equal(typeof error.message, 'string');
    assert.notEqual(error.message.trim(), '', `${operation} answered ${name} without a message`);
    assert.equal(error.$metadata?.httpStatusCode, statusOfError.get(name), `${operation}: status of ${name}`);
    return { answer: name, message: error.message };
  }
}

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const arnOf = (domainName: string) => `arn:aws:es:${REGION}:${ACCOUNT}:domain/${domainName}`;

function domainInput(
  DomainName: string,
  ElasticsearchVersion = '7.10',
  kind: 'public' | 'vpc' | 'fine-grained' = 'public',
) {
  return testDomainInput(DomainName, {
    ElasticsearchVersion,
    ...(kind === 'vpc'
      ? { VPCOptions: { SubnetIds: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] } }
      : {}),
    // Cross-cluster search requires fine-grained access control on both domains (the developer guide).
    ...(kind === 'fine-grained' ? fineGrainedDomain : {}),
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
    await client.send(
      new sdk.CreateElasticsearchDomainCommand(domainInput('orders', '7.10', 'fine-grained')),
    );
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('legacy', '6.8')));
    await client.send(new sdk.CreateElasticsearchDomainCommand(domainInput('private', '7.10', 'vpc')));
    await client.send(
      new sdk.CreateElasticsearchDomainCommand(domainInput('archive', '7.10', 'fine-grained')),
    );
    await client.send(
      new sdk.CreateElasticsearchDomainCommand(domainInput('reports', '7.10', 'fine-grained')),
    );
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
    // DOMAIN_PROCESSING_MS 0: the update is done by the next call, and nothing is left to cancel.
    {
      expect: 'ValidationException',
      command: () => new sdk.CancelDomainConfigChangeCommand({ DomainName: 'orders', DryRun: true }),
    },
    { command: () => new sdk.DescribeDomainAutoTunesCommand({ DomainName: 'orders', MaxResults: 10 }) },
    { command: () => new sdk.ListDomainNamesCommand({ EngineType: 'Elasticsearch' }) },
    {
      command: () =>
        new sdk.AddTagsCommand({ ARN: arnOf('orders'), TagList: [{ Key: 'team', Value: 'search' }] }),
    },
    { command: () => new sdk.ListTagsCommand({ ARN: arnOf('orders') }) },
    { command: () => new sdk.RemoveTagsCommand({ ARN: arnOf('orders'), TagKeys: ['team'] }) },
    // On a domain no blue/green change has put on the newest release ('orders' is, by its update above).
    {
      command: () => new sdk.StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'reports' }),
    },
    // The same: the software update is done by the next call.
    {
      expect: 'ValidationException',
      command: () => new sdk.CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: 'reports' }),
    },
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
    // The VPC domain `private` still uses the role: AWS refuses to delete it.
    { expect: 'ValidationException', command: () => new sdk.DeleteElasticsearchServiceRoleCommand({}) },
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
    { expect: 'ok', command: () => new sdk.ListElasticsearchVersionsCommand({}) },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.GetCompatibleElasticsearchVersionsCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ValidationException',
      command: () => new sdk.ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '0.1' }),
    },
    {
      expect: 'ValidationException',
      command: () =>
        new sdk.DescribeElasticsearchInstanceTypeLimitsCommand({
          ElasticsearchVersion: '0.1',
          InstanceType: 'm5.large.elasticsearch',
        }),
    },
    // An existing name: AWS returns the existing domain (GUIDE section 7).
    { expect: 'ok', command: () => new sdk.CreateElasticsearchDomainCommand(domainInput('orders')) },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DescribeElasticsearchDomainCommand({ DomainName: missing.domain }),
    },
    // Unknown names are left out of the answer, not an error.
    {
      expect: 'ok',
      command: () => new sdk.DescribeElasticsearchDomainsCommand({ DomainNames: [missing.domain] }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DescribeElasticsearchDomainConfigCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.UpdateElasticsearchDomainConfigCommand({
          DomainName: missing.domain,
          ElasticsearchClusterConfig: { InstanceCount: 2 },
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DescribeDomainChangeProgressCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.DescribeDomainChangeProgressCommand({
          DomainName: 'orders',
          ChangeId: '00000000-0000-0000-0000-000000000000',
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.CancelDomainConfigChangeCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DescribeDomainAutoTunesCommand({ DomainName: missing.domain }),
    },
    { expect: 'ok', command: () => new sdk.ListDomainNamesCommand({}) },
    {
      expect: 'ValidationException',
      command: () =>
        new sdk.AddTagsCommand({ ARN: arnOf(missing.domain), TagList: [{ Key: 'team', Value: 'search' }] }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.ListTagsCommand({ ARN: arnOf(missing.domain) }),
    },
    {
      expect: 'ValidationException',
      command: () => new sdk.RemoveTagsCommand({ ARN: arnOf(missing.domain), TagKeys: ['team'] }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.StartElasticsearchServiceSoftwareUpdateCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.CancelElasticsearchServiceSoftwareUpdateCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.UpgradeElasticsearchDomainCommand({
          DomainName: missing.domain,
          TargetVersion: '7.10',
          PerformCheckOnly: true,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.GetUpgradeStatusCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.GetUpgradeHistoryCommand({ DomainName: missing.domain }),
    },
    // The plausible table deleted its package: the name is free again, and then in use.
    ...['ok', 'ResourceAlreadyExistsException'].map((expect) => ({
      expect,
      command: () =>
        new sdk.CreatePackageCommand({
          PackageName: 'synonyms',
          PackageType: 'TXT-DICTIONARY',
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        }),
    })),
    {
      expect: 'ok',
      command: () =>
        new sdk.DescribePackagesCommand({ Filters: [{ Name: 'PackageID', Value: [missing.packageId] }] }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.UpdatePackageCommand({
          PackageID: missing.packageId,
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.GetPackageVersionHistoryCommand({ PackageID: missing.packageId }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.AssociatePackageCommand({ PackageID: missing.packageId, DomainName: 'orders' }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.AssociatePackageCommand({ PackageID: missing.packageId, DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.ListDomainsForPackageCommand({ PackageID: missing.packageId }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.ListPackagesForDomainCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DissociatePackageCommand({ PackageID: missing.packageId, DomainName: 'orders' }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DeletePackageCommand({ PackageID: missing.packageId }),
    },
    {
      expect: 'ValidationException',
      command: () =>
        new sdk.CreateVpcEndpointCommand({
          DomainArn: arnOf(missing.domain),
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'] },
        }),
    },
    // Unknown ids come back in VpcEndpointErrors.
    {
      expect: 'ok',
      command: () => new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [missing.endpointId] }),
    },
    { expect: 'ok', command: () => new sdk.ListVpcEndpointsCommand({}) },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.ListVpcEndpointsForDomainCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.UpdateVpcEndpointCommand({
          VpcEndpointId: missing.endpointId,
          VpcOptions: { SubnetIds: ['subnet-0e1f2a3b'] },
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.AuthorizeVpcEndpointAccessCommand({ DomainName: missing.domain, Account: '123456789012' }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.ListVpcEndpointAccessCommand({ DomainName: missing.domain }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.RevokeVpcEndpointAccessCommand({ DomainName: missing.domain, Account: '123456789012' }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DeleteVpcEndpointCommand({ VpcEndpointId: missing.endpointId }),
    },
    {
      expect: 'DisabledOperationException',
      command: () =>
        new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: missing.domain, OwnerId: ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'archive', OwnerId: ACCOUNT, Region: REGION },
          ConnectionAlias: 'missing-archive',
        }),
    },
    {
      expect: 'ok',
      command: () =>
        new sdk.CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'orders', OwnerId: ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: missing.domain, OwnerId: ACCOUNT, Region: REGION },
          ConnectionAlias: 'orders-missing',
        }),
    },
    {
      expect: 'ok',
      command: () =>
        new sdk.DescribeOutboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [missing.connection] }],
        }),
    },
    {
      expect: 'ok',
      command: () =>
        new sdk.DescribeInboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [missing.connection] }],
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.AcceptInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.RejectInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.DeleteInboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.DeleteOutboundCrossClusterSearchConnectionCommand({
          CrossClusterSearchConnectionId: missing.connection,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.DescribeReservedElasticsearchInstanceOfferingsCommand({
          ReservedElasticsearchInstanceOfferingId: missing.offeringId,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: missing.offeringId,
          ReservationName: 'nothing-to-buy',
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () =>
        new sdk.DescribeReservedElasticsearchInstancesCommand({
          ReservedElasticsearchInstanceId: missing.offeringId,
        }),
    },
    {
      expect: 'ResourceNotFoundException',
      command: () => new sdk.DeleteElasticsearchDomainCommand({ DomainName: missing.domain }),
    },
    // Nothing to miss; the role is still used by the VPC domain `private`, which AWS refuses.
    { expect: 'ValidationException', command: () => new sdk.DeleteElasticsearchServiceRoleCommand({}) },
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
        const { answer, message } = await runRow(client, row);
        assert.equal(answer, row.expect ?? 'ok', message);
      });
    }
  });

  describe('unknown resources', () => {
    for (const row of unknownResources) {
      const command = row.command();
      const operation = operationOf(command);
      const input = JSON.stringify((command as { input?: unknown }).input);
      it(`${operation} ${input.length > 90 ? `${input.slice(0, 87)}...` : input}`, async () => {
        assert.ok(row.expect, 'each row of this table says what it expects');
        const { answer, message } = await runRow(client, row);
        assert.equal(answer, row.expect, message);
      });
    }
  });
});
