import assert from 'node:assert/strict';
import {
  CreateOutboundCrossClusterSearchConnectionCommand,
  CreateVpcEndpointCommand,
  DeleteElasticsearchDomainCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  DescribeVpcEndpointsCommand,
  ListTagsCommand,
  ListVpcEndpointsForDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';
import { createTestDomain } from './support/domains';

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
    await create('orders', false);
    await create('orders-archive', false);
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
