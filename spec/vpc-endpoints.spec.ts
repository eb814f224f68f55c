import assert from 'node:assert/strict';
import {
  AuthorizeVpcEndpointAccessCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
  ListVpcEndpointAccessCommand,
  ListVpcEndpointsCommand,
  ListVpcEndpointsForDomainCommand,
  RevokeVpcEndpointAccessCommand,
  UpdateVpcEndpointCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import { forgetVpcEndpointsOfDomain } from '../server/operations/vpc-endpoints';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError, statusOf } from './support/errors';
import { createTestDomain, OWNER_ACCOUNT, PARTNER_ACCOUNT, startTwoAccountEmulator } from './support/domains';
import type { TwoAccounts } from './support/domains';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const PROCESSING_MS = 60_000;

function arnOf(domainName: string, account = ACCOUNT, region = REGION): string {
  return `arn:aws:es:${region}:${account}:domain/${domainName}`;
}

/** Creates a domain through the SDK, in a VPC (one subnet, one zone) unless told otherwise. */
async function createDomain(client: ElasticsearchServiceClient, name: string, vpc = true): Promise<void> {
  await createTestDomain(
    client,
    name,
    vpc ? { VPCOptions: { SubnetIds: [`subnet-${name}`], SecurityGroupIds: ['sg-domain'] } } : {},
  );
}

describe('VPC endpoints', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock();

  const addDomain = (name: string, vpc = true) => createDomain(client, name, vpc);

  function create(domainName: string, extra: { ClientToken?: string; SubnetIds?: string[] } = {}) {
    return client.send(
      new CreateVpcEndpointCommand({
        DomainArn: arnOf(domainName),
        VpcOptions: {
          SubnetIds: extra.SubnetIds ?? ['subnet-aaaa', 'subnet-bbbb'],
          SecurityGroupIds: ['sg-1234'],
        },
        ...(extra.ClientToken ? { ClientToken: extra.ClientToken } : {}),
      }),
    );
  }

  before(async () => {
    emulator = await startClockedEmulator(clock, PROCESSING_MS);
    client = emulator.client();
    await addDomain('vpc-domain');
    await addDomain('other-vpc-domain');
    await addDomain('public-domain', false);
  });
  after(() => emulator.stop());

  describe('CreateVpcEndpoint', () => {
    it('creates an endpoint CREATING, ACTIVE once the processing time has passed', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      assert.ok(VpcEndpoint);
      assert.match(VpcEndpoint.VpcEndpointId!, /^aos-[0-9a-f]{12}$/);
      assert.equal(VpcEndpoint.Status, 'CREATING');
      assert.equal(VpcEndpoint.VpcEndpointOwner, ACCOUNT);
      assert.equal(VpcEndpoint.DomainArn, arnOf('vpc-domain'));
      // No DNS name until the endpoint is made (aws/aws-cli#8898).
      assert.equal(VpcEndpoint.Endpoint, undefined);
      assert.deepEqual(VpcEndpoint.VpcOptions?.SubnetIds, ['subnet-aaaa', 'subnet-bbbb']);
      assert.deepEqual(VpcEndpoint.VpcOptions?.SecurityGroupIds, ['sg-1234']);
      assert.deepEqual(VpcEndpoint.VpcOptions?.AvailabilityZones, [`${REGION}a`, `${REGION}b`]);
      assert.match(VpcEndpoint.VpcOptions!.VPCId!, /^vpc-[0-9a-f]{17}$/);

      const id = VpcEndpoint.VpcEndpointId!;
      const describe = () => client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      assert.equal((await describe()).VpcEndpoints?.[0]?.Status, 'CREATING');
      assert.equal((await describe()).VpcEndpoints?.[0]?.Endpoint, undefined);
      clock.advance(PROCESSING_MS);
      const active = (await describe()).VpcEndpoints?.[0];
      assert.equal(active?.Status, 'ACTIVE');
      assert.match(active?.Endpoint ?? '', /^[A-Za-z0-9\-.]+$/);
      assert.ok(active?.Endpoint?.endsWith(`.${REGION}.es.localhost`));
    });

    it('answers the same endpoint for the same client token and request', async () => {
      const first = await create('vpc-domain', { ClientToken: 'token-1' });
      const again = await create('vpc-domain', { ClientToken: 'token-1' });
      assert.equal(again.VpcEndpoint?.VpcEndpointId, first.VpcEndpoint?.VpcEndpointId);
    });

    it('refuses a client token reused with a different request', async () => {
      await create('vpc-domain', { ClientToken: 'token-2' });
      await expectServiceError(
        () => create('vpc-domain', { ClientToken: 'token-2', SubnetIds: ['subnet-cccc'] }),
        {
          name: 'ConflictException',
          status: 409,
          message: 'The client token token-2 was already used with a different request.',
        },
      );
    });

    it('refuses a domain that does not exist', async () => {
      await expectServiceError(() => create('missing-domain'), {
        // The model declares no ResourceNotFoundException for CreateVpcEndpoint.
        name: 'ValidationException',
        status: 400,
        message: 'Domain not found: missing-domain',
      });
    });

    it('reads a domain ARN as AddTags does: a 12-digit account and a name the model allows', async () => {
      for (const DomainArn of [
        'arn:aws:es:us-east-1:123:domain/vpc-domain',
        'arn:aws:es:us-east-1:000000000000:domain/ab',
      ]) {
        await expectServiceError(
          () =>
            client.send(
              new CreateVpcEndpointCommand({ DomainArn, VpcOptions: { SubnetIds: ['subnet-aaaa'] } }),
            ),
          { name: 'ValidationException', status: 400, message: `Invalid domain ARN: ${DomainArn}` },
        );
      }
    });

    it('refuses a domain that is not in a VPC', async () => {
      await expectServiceError(() => create('public-domain'), {
        name: 'ValidationException',
        status: 400,
        message: 'Domain public-domain is not in a VPC: VPC endpoints can only be created for VPC domains.',
      });
    });

    it('refuses a domain of another region', async () => {
      await expectServiceError(
        () =>
          client.send(
            new CreateVpcEndpointCommand({
              DomainArn: arnOf('vpc-domain', ACCOUNT, 'eu-west-1'),
              VpcOptions: { SubnetIds: ['subnet-aaaa'] },
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message: `The domain ${arnOf('vpc-domain', ACCOUNT, 'eu-west-1')} is not in the region of the request (${REGION}).`,
        },
      );
    });

    it('refuses options without a subnet', async () => {
      await expectServiceError(() => create('vpc-domain', { SubnetIds: [] }), {
        name: 'ValidationException',
        status: 400,
        message: 'VpcOptions.SubnetIds must contain at least one subnet.',
      });
    });
  });

  describe('DescribeVpcEndpoints', () => {
    it('answers known ids as endpoints and unknown ids as ENDPOINT_NOT_FOUND errors, each id once', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      // An id given twice is answered once, as DescribeElasticsearchDomains answers a name given twice.
      const output = await client.send(
        new DescribeVpcEndpointsCommand({
          VpcEndpointIds: [
            VpcEndpoint!.VpcEndpointId!,
            'aos-000000000000',
            VpcEndpoint!.VpcEndpointId!,
            'aos-000000000000',
          ],
        }),
      );
      assert.deepEqual(
        output.VpcEndpoints?.map((endpoint) => endpoint.VpcEndpointId),
        [VpcEndpoint!.VpcEndpointId],
      );
      assert.deepEqual(output.VpcEndpointErrors, [
        {
          VpcEndpointId: 'aos-000000000000',
          ErrorCode: 'ENDPOINT_NOT_FOUND',
          ErrorMessage: 'VPC endpoint not found: aos-000000000000',
        },
      ]);
    });

    it('validates ids against the model', async () => {
      const error = await errorOf(() =>
        client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-123'] })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(statusOf(error), 400);
    });
  });

  describe('UpdateVpcEndpoint', () => {
    it('moves an ACTIVE endpoint to UPDATING, then ACTIVE with the new options', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      const id = VpcEndpoint!.VpcEndpointId!;
      clock.advance(PROCESSING_MS);
      const updated = await client.send(
        new UpdateVpcEndpointCommand({ VpcEndpointId: id, VpcOptions: { SubnetIds: ['subnet-dddd'] } }),
      );
      assert.equal(updated.VpcEndpoint?.Status, 'UPDATING');
      assert.deepEqual(updated.VpcEndpoint?.VpcOptions?.SubnetIds, ['subnet-dddd']);
      assert.deepEqual(updated.VpcEndpoint?.VpcOptions?.AvailabilityZones, [`${REGION}a`]);
      clock.advance(PROCESSING_MS);
      const described = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      assert.equal(described.VpcEndpoints?.[0]?.Status, 'ACTIVE');
      assert.deepEqual(described.VpcEndpoints?.[0]?.VpcOptions?.SubnetIds, ['subnet-dddd']);
    });

    it('refuses an endpoint that is not ACTIVE yet', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      const id = VpcEndpoint!.VpcEndpointId!;
      await expectServiceError(
        () =>
          client.send(
            new UpdateVpcEndpointCommand({ VpcEndpointId: id, VpcOptions: { SubnetIds: ['s-1'] } }),
          ),
        {
          name: 'ConflictException',
          status: 409,
          message: `VPC endpoint ${id} is CREATING: it can be updated only when ACTIVE.`,
        },
      );
    });

    it('refuses an unknown endpoint', async () => {
      await expectServiceError(
        () =>
          client.send(
            new UpdateVpcEndpointCommand({
              VpcEndpointId: 'aos-ffffffffffff',
              VpcOptions: { SubnetIds: ['s-1'] },
            }),
          ),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message: 'VPC endpoint not found: aos-ffffffffffff',
        },
      );
    });
  });

  describe('DeleteVpcEndpoint', () => {
    it('answers DELETING, then the endpoint is gone', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      const id = VpcEndpoint!.VpcEndpointId!;
      clock.advance(PROCESSING_MS);
      const deleted = await client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: id }));
      assert.deepEqual(deleted.VpcEndpointSummary, {
        VpcEndpointId: id,
        VpcEndpointOwner: ACCOUNT,
        DomainArn: arnOf('vpc-domain'),
        Status: 'DELETING',
      });
      const describe = () => client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      assert.equal((await describe()).VpcEndpoints?.[0]?.Status, 'DELETING');
      clock.advance(PROCESSING_MS);
      // The account's list is the first to read it after its deletion completed.
      const listedInAccount = await client.send(new ListVpcEndpointsCommand({}));
      assert.ok(!listedInAccount.VpcEndpointSummaryList?.some((summary) => summary.VpcEndpointId === id));
      const after = await describe();
      assert.deepEqual(after.VpcEndpoints, []);
      assert.equal(after.VpcEndpointErrors?.[0]?.ErrorCode, 'ENDPOINT_NOT_FOUND');
      const listed = await client.send(new ListVpcEndpointsForDomainCommand({ DomainName: 'vpc-domain' }));
      assert.ok(!listed.VpcEndpointSummaryList?.some((summary) => summary.VpcEndpointId === id));
      await expectServiceError(() => client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: id })), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `VPC endpoint not found: ${id}`,
      });
    });

    it('answers DELETING to a second delete and keeps the time the first one started', async () => {
      const { VpcEndpoint } = await create('vpc-domain');
      const id = VpcEndpoint!.VpcEndpointId!;
      clock.advance(PROCESSING_MS);
      await client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: id }));
      clock.advance(PROCESSING_MS / 2);
      const again = await client.send(new DeleteVpcEndpointCommand({ VpcEndpointId: id }));
      assert.equal(again.VpcEndpointSummary?.Status, 'DELETING');
      // The processing time after the first delete, not after the second, is when the endpoint is gone.
      clock.advance(PROCESSING_MS / 2);
      const after = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      assert.deepEqual(after.VpcEndpoints, []);
      assert.equal(after.VpcEndpointErrors?.[0]?.ErrorCode, 'ENDPOINT_NOT_FOUND');
    });
  });

  describe("ListVpcEndpoints and ListVpcEndpointsForDomain, up to AWS's endpoint limits", () => {
    // AWS: "a maximum of 50 endpoints per account, and a maximum of 10 endpoints per domain" (developer guide,
    // vpc-interface-endpoints). Five domains of ten endpoints fill the account; a sixth domain has room.
    const fullDomains = ['first-domain', 'second-domain', 'third-domain', 'fourth-domain', 'fifth-domain'];
    let paging: TestEmulator;
    let pagingClient: ElasticsearchServiceClient;
    const createdIds: string[] = [];
    const createFor = (domainName: string, subnet: string) =>
      pagingClient.send(
        new CreateVpcEndpointCommand({ DomainArn: arnOf(domainName), VpcOptions: { SubnetIds: [subnet] } }),
      );
    before(async () => {
      paging = await startTestEmulator({ iamMode: 'off' });
      pagingClient = paging.client();
      for (const name of [...fullDomains, 'roomy-domain']) await createDomain(pagingClient, name);
      for (let i = 0; i < 50; i++) {
        const { VpcEndpoint } = await createFor(fullDomains[i % 5]!, `subnet-${i}`);
        createdIds.push(VpcEndpoint!.VpcEndpointId!);
      }
    });
    after(() => paging.stop());

    it("lists the account's 50 endpoints in one page, in creation order", async () => {
      const listed = await pagingClient.send(new ListVpcEndpointsCommand({}));
      assert.deepEqual(
        listed.VpcEndpointSummaryList?.map((summary) => summary.VpcEndpointId),
        createdIds,
      );
      assert.equal(listed.NextToken, undefined);
      // With DOMAIN_PROCESSING_MS 0 the endpoints are ACTIVE by the next call.
      assert.ok(listed.VpcEndpointSummaryList!.every((summary) => summary.Status === 'ACTIVE'));
    });

    it("lists one domain's endpoints", async () => {
      const output = await pagingClient.send(
        new ListVpcEndpointsForDomainCommand({ DomainName: 'second-domain' }),
      );
      assert.equal(output.VpcEndpointSummaryList?.length, 10);
      assert.ok(
        output.VpcEndpointSummaryList!.every((summary) => summary.DomainArn === arnOf('second-domain')),
      );
      assert.equal(output.NextToken, undefined);
    });

    it('refuses an 11th endpoint of a domain and a 51st of the account', async () => {
      await expectServiceError(() => createFor('first-domain', 'subnet-eleventh'), {
        name: 'LimitExceededException',
        status: 409,
        message: 'Domain first-domain already has the maximum of 10 VPC endpoints.',
      });
      await expectServiceError(() => createFor('roomy-domain', 'subnet-fifty-first'), {
        name: 'LimitExceededException',
        status: 409,
        message: 'Account 000000000000 already has the maximum of 50 VPC endpoints in us-east-1.',
      });
      const listed = await pagingClient.send(new ListVpcEndpointsCommand({}));
      assert.equal(listed.VpcEndpointSummaryList?.length, 50);

      // An endpoint whose deletion has completed no longer counts (DOMAIN_PROCESSING_MS 0: at once).
      await pagingClient.send(new DeleteVpcEndpointCommand({ VpcEndpointId: createdIds[0]! }));
      const { VpcEndpoint } = await createFor('first-domain', 'subnet-replacement');
      assert.equal(VpcEndpoint?.Status, 'CREATING');
    });

    it('refuses a forged page token', async () => {
      await expectServiceError(
        () => pagingClient.send(new ListVpcEndpointsCommand({ NextToken: 'forged' })),
        {
          name: 'ValidationException',
          status: 400,
          message: 'The pagination token is invalid.',
        },
      );
    });

    it('refuses an unknown domain', async () => {
      await expectServiceError(
        () => pagingClient.send(new ListVpcEndpointsForDomainCommand({ DomainName: 'missing-domain' })),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: missing-domain' },
      );
    });
  });

  describe('when the domain is deleted', () => {
    it('forgets its endpoints and its access grants', async () => {
      await addDomain('doomed-domain');
      const { VpcEndpoint } = await create('doomed-domain');
      await client.send(
        new AuthorizeVpcEndpointAccessCommand({ DomainName: 'doomed-domain', Account: '123456789012' }),
      );
      const scope = { account: ACCOUNT, region: REGION };
      emulator.store.transaction(() => forgetVpcEndpointsOfDomain(emulator.store, scope, 'doomed-domain'));
      const described = await client.send(
        new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }),
      );
      assert.deepEqual(described.VpcEndpoints, []);
      const access = await client.send(new ListVpcEndpointAccessCommand({ DomainName: 'doomed-domain' }));
      assert.deepEqual(access.AuthorizedPrincipalList, []);
    });

    it('leaves the access grants of the domain of the same name in another region', async () => {
      const elsewhere = emulator.client({ region: 'eu-west-1' });
      for (const regionClient of [client, elsewhere]) {
        await createDomain(regionClient, 'twin-domain');
        await regionClient.send(
          new AuthorizeVpcEndpointAccessCommand({ DomainName: 'twin-domain', Account: '123456789012' }),
        );
      }
      const scope = { account: ACCOUNT, region: REGION };
      emulator.store.transaction(() => forgetVpcEndpointsOfDomain(emulator.store, scope, 'twin-domain'));
      const access = await elsewhere.send(new ListVpcEndpointAccessCommand({ DomainName: 'twin-domain' }));
      assert.deepEqual(access.AuthorizedPrincipalList, [
        { PrincipalType: 'AWS_ACCOUNT', Principal: '123456789012' },
      ]);
    });
  });

  describe('AuthorizeVpcEndpointAccess, ListVpcEndpointAccess, RevokeVpcEndpointAccess', () => {
    it('authorizes accounts, lists them, revokes them', async () => {
      const authorized = await client.send(
        new AuthorizeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: '123456789012' }),
      );
      assert.deepEqual(authorized.AuthorizedPrincipal, {
        PrincipalType: 'AWS_ACCOUNT',
        Principal: '123456789012',
      });
      // Authorizing twice keeps one authorization.
      await client.send(
        new AuthorizeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: '123456789012' }),
      );
      await client.send(
        new AuthorizeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: '210987654321' }),
      );
      const listed = await client.send(new ListVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain' }));
      assert.deepEqual(listed.AuthorizedPrincipalList, [
        { PrincipalType: 'AWS_ACCOUNT', Principal: '123456789012' },
        { PrincipalType: 'AWS_ACCOUNT', Principal: '210987654321' },
      ]);
      assert.equal(listed.NextToken, undefined);

      await client.send(
        new RevokeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: '123456789012' }),
      );
      const after = await client.send(new ListVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain' }));
      assert.deepEqual(after.AuthorizedPrincipalList, [
        { PrincipalType: 'AWS_ACCOUNT', Principal: '210987654321' },
      ]);
    });

    it('refuses an 11th authorized principal of a domain (AWS: "a maximum of 10 authorized principals")', async () => {
      await addDomain('popular-domain');
      const authorize = (account: string) =>
        client.send(
          new AuthorizeVpcEndpointAccessCommand({ DomainName: 'popular-domain', Account: account }),
        );
      for (let i = 0; i < 10; i++) await authorize(`1000000000${String(i).padStart(2, '0')}`);
      // Authorizing an account again is no new principal.
      await authorize('100000000000');
      await expectServiceError(() => authorize('100000000010'), {
        name: 'LimitExceededException',
        status: 409,
        message: 'Domain popular-domain already has the maximum of 10 authorized principals.',
      });
      const listed = await client.send(new ListVpcEndpointAccessCommand({ DomainName: 'popular-domain' }));
      assert.equal(listed.AuthorizedPrincipalList?.length, 10);
    });

    it('refuses to revoke an account that is not authorized', async () => {
      await expectServiceError(
        () =>
          client.send(
            new RevokeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: '999999999999' }),
          ),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message:
            'Account 999999999999 is not authorized to access domain other-vpc-domain through a VPC endpoint.',
        },
      );
    });

    for (const [operation, call] of [
      [
        'AuthorizeVpcEndpointAccess',
        (c: ElasticsearchServiceClient) =>
          c.send(
            new AuthorizeVpcEndpointAccessCommand({ DomainName: 'missing-domain', Account: '123456789012' }),
          ),
      ],
      [
        'RevokeVpcEndpointAccess',
        (c: ElasticsearchServiceClient) =>
          c.send(
            new RevokeVpcEndpointAccessCommand({ DomainName: 'missing-domain', Account: '123456789012' }),
          ),
      ],
      [
        'ListVpcEndpointAccess',
        (c: ElasticsearchServiceClient) =>
          c.send(new ListVpcEndpointAccessCommand({ DomainName: 'missing-domain' })),
      ],
    ] as const) {
      it(`${operation} refuses an unknown domain`, async () => {
        await expectServiceError(() => call(client), {
          name: 'ResourceNotFoundException',
          status: 409,
          message: 'Domain not found: missing-domain',
        });
      });
    }

    it('validates the account against the model', async () => {
      const error = await errorOf(() =>
        client.send(
          new AuthorizeVpcEndpointAccessCommand({ DomainName: 'other-vpc-domain', Account: 'not-digits' }),
        ),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(statusOf(error), 400);
    });
  });

  describe('across accounts, with IAM principals', () => {
    let accounts: TwoAccounts;
    let owner: ElasticsearchServiceClient;
    let partner: ElasticsearchServiceClient;
    before(async () => {
      accounts = await startTwoAccountEmulator();
      ({ owner, partner } = accounts);
      await createDomain(owner, 'shared');
    });
    after(() => accounts.stop());

    it("lets an authorized account create an endpoint to the owner's domain, listed on both sides", async () => {
      const domainArn = arnOf('shared', OWNER_ACCOUNT);
      const request = new CreateVpcEndpointCommand({
        DomainArn: domainArn,
        VpcOptions: { SubnetIds: ['subnet-p'] },
      });
      await expectServiceError(() => partner.send(request), {
        name: 'ValidationException',
        status: 400,
        message: `Account ${PARTNER_ACCOUNT} is not authorized to create a VPC endpoint for ${domainArn}. The domain owner must call AuthorizeVpcEndpointAccess first.`,
      });
      await owner.send(
        new AuthorizeVpcEndpointAccessCommand({ DomainName: 'shared', Account: PARTNER_ACCOUNT }),
      );
      const { VpcEndpoint } = await partner.send(request);
      assert.equal(VpcEndpoint?.VpcEndpointOwner, PARTNER_ACCOUNT);
      assert.equal(VpcEndpoint?.DomainArn, domainArn);

      const partnerList = await partner.send(new ListVpcEndpointsCommand({}));
      assert.deepEqual(
        partnerList.VpcEndpointSummaryList?.map((summary) => summary.VpcEndpointId),
        [VpcEndpoint?.VpcEndpointId],
      );
      const ownerList = await owner.send(new ListVpcEndpointsCommand({}));
      assert.deepEqual(ownerList.VpcEndpointSummaryList, []);
      const forDomain = await owner.send(new ListVpcEndpointsForDomainCommand({ DomainName: 'shared' }));
      assert.deepEqual(
        forDomain.VpcEndpointSummaryList?.map((summary) => [summary.VpcEndpointId, summary.VpcEndpointOwner]),
        [[VpcEndpoint?.VpcEndpointId, PARTNER_ACCOUNT]],
      );
    });
  });
});
