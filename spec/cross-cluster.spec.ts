import assert from 'node:assert/strict';
import {
  AcceptInboundCrossClusterSearchConnectionCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  DeleteInboundCrossClusterSearchConnectionCommand,
  DeleteElasticsearchDomainCommand,
  DeleteOutboundCrossClusterSearchConnectionCommand,
  DescribeElasticsearchDomainCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  RejectInboundCrossClusterSearchConnectionCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  CreateElasticsearchDomainCommandInput,
  ElasticsearchServiceClient,
  ESPartitionInstanceType,
  Filter,
} from '@aws-sdk/client-elasticsearch-service';
import { deleteConnectionsOfDomain } from '../server/operations/cross-cluster';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { errorOf, startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError, statusOf } from './support/errors';
import {
  createTestDomain,
  fineGrainedDomain,
  OWNER_ACCOUNT,
  PARTNER_ACCOUNT,
  startTwoAccountEmulator,
} from './support/domains';
import type { TwoAccounts } from './support/domains';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
const PROCESSING_MS = 60_000;

/** What an unknown connection id, or one its caller cannot see, is answered. */
const notFound = (id: string) => ({
  name: 'ResourceNotFoundException',
  status: 409,
  message: `Cross-cluster search connection not found: ${id}`,
});

describe('cross-cluster search connections', () => {
  let emulator: TestEmulator;
  /** The source owner, in us-east-1. */
  let source: ElasticsearchServiceClient;
  /** The same account in eu-west-1: the destination owner of cross-region connections. */
  let remote: ElasticsearchServiceClient;
  const clock = new ManualClock();

  /**
   * A domain as cross-cluster search requires it (fine-grained access control, where the version has it: AWS's
   * guide), unless `overrides` say otherwise.
   */
  const addDomain = (
    name: string,
    region = REGION,
    ElasticsearchVersion = '7.10',
    overrides: Partial<CreateElasticsearchDomainCommandInput> = {},
  ) =>
    createTestDomain(region === REGION ? source : remote, name, {
      ...(ElasticsearchVersion === '6.5' ? {} : fineGrainedDomain),
      ElasticsearchVersion,
      ...overrides,
    });

  /** Requests a connection: it is VALIDATING for one processing step. */
  function request(
    sourceDomain: string,
    destination: { DomainName: string; Region?: string; OwnerId?: string },
    alias: string,
  ) {
    return source.send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: sourceDomain, OwnerId: ACCOUNT, Region: REGION },
        DestinationDomainInfo: { OwnerId: ACCOUNT, Region: REGION, ...destination },
        ConnectionAlias: alias,
      }),
    );
  }

  /** Requests a connection and lets its validation end; answers the request's own answer. */
  async function connect(
    sourceDomain: string,
    destination: { DomainName: string; Region?: string; OwnerId?: string },
    alias: string,
  ) {
    const created = await request(sourceDomain, destination, alias);
    clock.advance(PROCESSING_MS);
    return created;
  }

  async function outbound(id: string) {
    const output = await source.send(
      new DescribeOutboundCrossClusterSearchConnectionsCommand({
        Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [id] }],
      }),
    );
    return output.CrossClusterSearchConnections?.[0];
  }

  async function inbound(client: ElasticsearchServiceClient, id: string) {
    const output = await client.send(
      new DescribeInboundCrossClusterSearchConnectionsCommand({
        Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [id] }],
      }),
    );
    return output.CrossClusterSearchConnections?.[0];
  }

  before(async () => {
    emulator = await startClockedEmulator(clock, PROCESSING_MS);
    source = emulator.client();
    remote = emulator.client({ region: OTHER_REGION });
    for (const name of ['logs', 'metrics', 'traces', 'hub']) await addDomain(name);
    await addDomain('eu-logs', OTHER_REGION);
  });
  after(() => emulator.stop());

  describe('CreateOutboundCrossClusterSearchConnection', () => {
    it('validates a valid request as any other, then both sides are PENDING_ACCEPTANCE', async () => {
      const created = await request('logs', { DomainName: 'metrics' }, 'to-metrics');
      const id = created.CrossClusterSearchConnectionId!;
      // AWS's form (a recorded id: ccs-d623f7d0-d27e-456d-8e67-c9792adf1cc7).
      assert.match(id, /^ccs-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(created.SourceDomainInfo, { OwnerId: ACCOUNT, DomainName: 'logs', Region: REGION });
      assert.deepEqual(created.DestinationDomainInfo, {
        OwnerId: ACCOUNT,
        DomainName: 'metrics',
        Region: REGION,
      });
      assert.equal(created.ConnectionAlias, 'to-metrics');
      // The model: VALIDATING, "the outbound connection request is being validated"; the first answer does not
      // tell whether it will pass. Until it has, its destination's owner has nothing to see or accept.
      assert.deepEqual(created.ConnectionStatus, { StatusCode: 'VALIDATING' });
      assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'VALIDATING');
      assert.equal(await inbound(source, id), undefined);
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        notFound(id),
      );
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'PENDING_ACCEPTANCE');
      assert.equal((await inbound(source, id))?.ConnectionStatus?.StatusCode, 'PENDING_ACCEPTANCE');
    });

    it('fills in the owner and region of the request when they are left out', async () => {
      const created = await source.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'traces' },
          DestinationDomainInfo: { DomainName: 'hub' },
          ConnectionAlias: 'traces-to-hub',
        }),
      );
      assert.deepEqual(created.SourceDomainInfo, { OwnerId: ACCOUNT, DomainName: 'traces', Region: REGION });
      assert.deepEqual(created.DestinationDomainInfo, {
        OwnerId: ACCOUNT,
        DomainName: 'hub',
        Region: REGION,
      });
    });

    it('fails validation when the destination domain does not exist', async () => {
      const created = await request('logs', { DomainName: 'nowhere' }, 'to-nowhere');
      const id = created.CrossClusterSearchConnectionId!;
      assert.equal(created.ConnectionStatus?.StatusCode, 'VALIDATING');
      clock.advance(PROCESSING_MS);
      assert.deepEqual((await outbound(id))?.ConnectionStatus, {
        StatusCode: 'VALIDATION_FAILED',
        Message: `Destination domain nowhere was not found in account ${ACCOUNT} and region ${REGION}.`,
      });
      assert.equal(await inbound(source, id), undefined);
    });

    it('finds no destination in another partition, though the emulator holds a domain of that name there', async () => {
      // AWS's partitions are isolated, and an account is in one of them.
      await createTestDomain(emulator.client({ region: 'cn-north-1' }), 'china', fineGrainedDomain);
      const created = await request('logs', { DomainName: 'china', Region: 'cn-north-1' }, 'to-china');
      const id = created.CrossClusterSearchConnectionId!;
      clock.advance(PROCESSING_MS);
      assert.deepEqual((await outbound(id))?.ConnectionStatus, {
        StatusCode: 'VALIDATION_FAILED',
        Message: `Destination domain china was not found in account ${ACCOUNT} and region cn-north-1.`,
      });
    });

    for (const {
      title,
      sourceVersion,
      destinationVersion,
      destinationRegion,
      message,
      sourceOverrides,
      destinationOverrides,
    } of [
      {
        title: 'Elasticsearch before 6.7',
        sourceVersion: '6.5',
        destinationVersion: '7.10',
        destinationRegion: REGION,
        message: 'Cross-cluster search requires Elasticsearch 6.7 or later on both domains.',
      },
      {
        title: 'Elasticsearch with OpenSearch',
        sourceVersion: 'OpenSearch_1.3',
        destinationVersion: '7.10',
        destinationRegion: REGION,
        message: "You can't connect an Elasticsearch domain to an OpenSearch domain.",
      },
      {
        title: 'across regions before 7.10',
        sourceVersion: '7.10',
        destinationVersion: '7.9',
        destinationRegion: OTHER_REGION,
        message:
          'To connect domains across Regions, both domains must be on Elasticsearch 7.10 or later or OpenSearch.',
      },
      {
        title: 'a source on a lower version than its destination',
        sourceVersion: '7.9',
        destinationVersion: '7.10',
        destinationRegion: REGION,
        message: 'The source domain must be on the same or a higher version than the destination domain.',
      },
      {
        title: 'a burstable instance type',
        sourceVersion: '7.10',
        destinationVersion: '7.10',
        destinationRegion: REGION,
        sourceOverrides: {
          ElasticsearchClusterConfig: {
            InstanceType: 't3.small.elasticsearch' as ESPartitionInstanceType,
            InstanceCount: 1,
          },
        },
        message: "You can't use cross-cluster search on M3 or burstable (T2 and T3) instances.",
      },
      {
        title: 'a domain without fine-grained access control',
        sourceVersion: '7.10',
        destinationVersion: '7.10',
        destinationRegion: REGION,
        destinationOverrides: { AdvancedSecurityOptions: { Enabled: false } },
        message: 'Cross-cluster search requires fine-grained access control on both domains.',
      },
    ] as {
      title: string;
      sourceVersion: string;
      destinationVersion: string;
      destinationRegion: string;
      message: string;
      sourceOverrides?: Partial<CreateElasticsearchDomainCommandInput>;
      destinationOverrides?: Partial<CreateElasticsearchDomainCommandInput>;
    }[]) {
      it(`fails validation for ${title}`, async () => {
        const suffix = title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .slice(0, 20);
        await addDomain(`src-${suffix}`, REGION, sourceVersion, sourceOverrides);
        await addDomain(`dst-${suffix}`, destinationRegion, destinationVersion, destinationOverrides);
        const created = await request(
          `src-${suffix}`,
          { DomainName: `dst-${suffix}`, Region: destinationRegion },
          'checked',
        );
        clock.advance(PROCESSING_MS);
        assert.deepEqual((await outbound(created.CrossClusterSearchConnectionId!))?.ConnectionStatus, {
          StatusCode: 'VALIDATION_FAILED',
          Message: message,
        });
      });
    }

    it('passes validation for Elasticsearch 6.7 on both domains, the first version the guide allows', async () => {
      await addDomain('src-six-seven', REGION, '6.7');
      await addDomain('dst-six-seven', REGION, '6.7');
      const created = await request('src-six-seven', { DomainName: 'dst-six-seven' }, 'six-seven');
      clock.advance(PROCESSING_MS);
      assert.deepEqual((await outbound(created.CrossClusterSearchConnectionId!))?.ConnectionStatus, {
        StatusCode: 'PENDING_ACCEPTANCE',
      });
    });

    it('refuses a source domain the caller does not have here', async () => {
      for (const sourceInfo of [
        { DomainName: 'missing', OwnerId: ACCOUNT, Region: REGION },
        { DomainName: 'logs', OwnerId: '111122223333', Region: REGION },
        { DomainName: 'eu-logs', OwnerId: ACCOUNT, Region: OTHER_REGION },
      ]) {
        await expectServiceError(
          () =>
            source.send(
              new CreateOutboundCrossClusterSearchConnectionCommand({
                SourceDomainInfo: sourceInfo,
                DestinationDomainInfo: { DomainName: 'hub', OwnerId: ACCOUNT, Region: REGION },
                ConnectionAlias: 'nope',
              }),
            ),
          {
            // The model declares no ResourceNotFoundException for this operation.
            name: 'DisabledOperationException',
            status: 409,
            message: `Domain not found: ${sourceInfo.DomainName}`,
          },
        );
      }
    });

    it('refuses an alias a search could not name', async () => {
      for (const alias of ['', 'x', '1st', 'has space', 'dots.in.it']) {
        await expectServiceError(() => connect('hub', { DomainName: 'logs' }, alias), {
          name: 'ValidationException',
          status: 400,
          message: `Invalid connection alias '${alias}': it must start with a letter and hold only letters, digits, hyphens and underscores, 2 to 20 characters.`,
        });
      }
    });

    it('refuses a connection of a domain to itself', async () => {
      await expectServiceError(() => connect('hub', { DomainName: 'hub' }, 'self'), {
        name: 'ValidationException',
        status: 400,
        message: 'The source and destination domains of a connection must be different.',
      });
    });

    it('refuses a second connection with the same alias or to the same destination', async () => {
      await connect('metrics', { DomainName: 'hub' }, 'metrics-hub');
      await expectServiceError(() => connect('metrics', { DomainName: 'traces' }, 'metrics-hub'), {
        name: 'ResourceAlreadyExistsException',
        status: 409,
        message: 'A connection with alias metrics-hub already exists for domain metrics.',
      });
      await expectServiceError(() => connect('metrics', { DomainName: 'hub' }, 'other-alias'), {
        name: 'ResourceAlreadyExistsException',
        status: 409,
        message: `A connection from domain metrics to ${ACCOUNT}:${REGION}:hub already exists.`,
      });
    });

    it('refuses a 21st outgoing connection of a domain', async () => {
      for (let i = 0; i < 20; i++) await addDomain(`fanout-target-${i}`);
      await addDomain('fanout');
      for (let i = 0; i < 20; i++) await connect('fanout', { DomainName: `fanout-target-${i}` }, `t${i}`);
      await expectServiceError(() => connect('fanout', { DomainName: 'hub' }, 't20'), {
        name: 'LimitExceededException',
        status: 409,
        message: 'A domain can have a maximum of 20 outgoing connections.',
      });
    });

    it('validates the alias against the model', async () => {
      const error = await errorOf(() => connect('logs', { DomainName: 'hub' }, 'x'.repeat(21)));
      assert.equal(error.name, 'ValidationException');
      assert.equal(statusOf(error), 400);
    });
  });

  describe('a cross-region connection', () => {
    it('puts the inbound side in the destination region, where its owner accepts it', async () => {
      const created = await connect('logs', { DomainName: 'eu-logs', Region: OTHER_REGION }, 'to-eu');
      const id = created.CrossClusterSearchConnectionId!;
      assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'PENDING_ACCEPTANCE');
      // The destination region holds the inbound side; the source region does not.
      assert.equal(await inbound(source, id), undefined);
      const pending = await inbound(remote, id);
      assert.deepEqual(pending?.SourceDomainInfo, { OwnerId: ACCOUNT, DomainName: 'logs', Region: REGION });
      assert.deepEqual(pending?.DestinationDomainInfo, {
        OwnerId: ACCOUNT,
        DomainName: 'eu-logs',
        Region: OTHER_REGION,
      });
      // The source owner cannot accept: the inbound side is not in its state.
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        notFound(id),
      );

      const accepted = await remote.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(accepted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'APPROVED');
      assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'PROVISIONING');
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'ACTIVE');
      assert.equal((await inbound(remote, id))?.ConnectionStatus?.StatusCode, 'APPROVED');
    });
  });

  describe('AcceptInboundCrossClusterSearchConnection', () => {
    it('is idempotent, and refuses an unknown id', async () => {
      const { CrossClusterSearchConnectionId: id } = await connect('hub', { DomainName: 'logs' }, 'hub-logs');
      await source.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      const again = await source.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(again.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'APPROVED');
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({
              CrossClusterSearchConnectionId: 'cc-unknown',
            }),
          ),
        notFound('cc-unknown'),
      );
    });

    it('refuses a rejected connection', async () => {
      const { CrossClusterSearchConnectionId: id } = await connect(
        'hub',
        { DomainName: 'traces' },
        'hub-traces',
      );
      await source.send(
        new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        {
          name: 'DisabledOperationException',
          status: 409,
          message: `Connection ${id} is REJECTING: it cannot be accepted.`,
        },
      );
    });

    it('refuses a 21st approved incoming connection of a domain', async () => {
      await addDomain('fanin');
      const ids: string[] = [];
      for (let i = 0; i < 21; i++) {
        await addDomain(`fanin-source-${i}`);
        const created = await connect(`fanin-source-${i}`, { DomainName: 'fanin' }, `s${i}`);
        ids.push(created.CrossClusterSearchConnectionId!);
      }
      for (const id of ids.slice(0, 20)) {
        await source.send(
          new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
        );
      }
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: ids[20] }),
          ),
        {
          name: 'LimitExceededException',
          status: 409,
          message: 'A domain can have a maximum of 20 incoming connections.',
        },
      );
    });
  });

  describe('RejectInboundCrossClusterSearchConnection', () => {
    it('moves the inbound side REJECTING -> REJECTED and the outbound side to REJECTED', async () => {
      await addDomain('reject-source');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'reject-source',
        { DomainName: 'hub' },
        'rejected',
      );
      const rejected = await source.send(
        new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(rejected.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'REJECTING');
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'REJECTED');
      // Rejecting again, while it is being rejected and once it is, answers the connection as it stands.
      const rejectAgain = () =>
        source.send(
          new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
        );
      assert.equal(
        (await rejectAgain()).CrossClusterSearchConnection?.ConnectionStatus?.StatusCode,
        'REJECTING',
      );
      clock.advance(PROCESSING_MS);
      assert.equal((await inbound(source, id!))?.ConnectionStatus?.StatusCode, 'REJECTED');
      assert.equal(
        (await rejectAgain()).CrossClusterSearchConnection?.ConnectionStatus?.StatusCode,
        'REJECTED',
      );
      // A rejected connection no longer blocks a new one with the same alias.
      const retried = await connect('reject-source', { DomainName: 'hub' }, 'rejected');
      assert.equal(
        (await outbound(retried.CrossClusterSearchConnectionId!))?.ConnectionStatus?.StatusCode,
        'PENDING_ACCEPTANCE',
      );
    });

    it('refuses an approved connection, and an unknown id', async () => {
      await addDomain('approved-source');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'approved-source',
        { DomainName: 'hub' },
        'approved',
      );
      await source.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      await expectServiceError(
        () =>
          source.send(
            new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        {
          name: 'DisabledOperationException',
          status: 409,
          message: `Connection ${id} is APPROVED: it cannot be rejected.`,
        },
      );
      await expectServiceError(
        () =>
          source.send(
            new RejectInboundCrossClusterSearchConnectionCommand({
              CrossClusterSearchConnectionId: 'cc-none',
            }),
          ),
        notFound('cc-none'),
      );
    });
  });

  describe('DeleteOutbound / DeleteInboundCrossClusterSearchConnection', () => {
    it('the source owner deletes: DELETING, then DELETED on both sides', async () => {
      await addDomain('delete-source');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'delete-source',
        { DomainName: 'hub' },
        'deleted',
      );
      const deleted = await source.send(
        new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(deleted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'DELETING');
      assert.equal(deleted.CrossClusterSearchConnection?.ConnectionAlias, 'deleted');
      assert.equal((await inbound(source, id!))?.ConnectionStatus?.StatusCode, 'DELETING');
      // Deleting again while it is being deleted answers the connection again.
      const again = await source.send(
        new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(again.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'DELETING');
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'DELETED');
      assert.equal((await inbound(source, id!))?.ConnectionStatus?.StatusCode, 'DELETED');
      await expectServiceError(
        () =>
          source.send(
            new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        notFound(id!),
      );
    });

    it('a request deleted while it is being validated never reaches the destination owner', async () => {
      await addDomain('hasty-source');
      const { CrossClusterSearchConnectionId: id } = await request(
        'hasty-source',
        { DomainName: 'hub' },
        'hasty',
      );
      const deleted = await source.send(
        new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(deleted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'DELETING');
      // Its validation would have ended by now: the destination's owner still has nothing to see or accept.
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'DELETED');
      assert.equal(await inbound(source, id!), undefined);
      await expectServiceError(
        () =>
          source.send(
            new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
          ),
        notFound(id!),
      );
    });

    it('the destination owner deletes across regions: both sides follow', async () => {
      const { CrossClusterSearchConnectionId: id } = await connect(
        'metrics',
        { DomainName: 'eu-logs', Region: OTHER_REGION },
        'metrics-eu',
      );
      const deleted = await remote.send(
        new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal(deleted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'DELETING');
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'DELETING');
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'DELETED');
    });

    it('refuses unknown ids', async () => {
      for (const call of [
        () =>
          source.send(
            new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: 'cc-x' }),
          ),
        () =>
          source.send(
            new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: 'cc-x' }),
          ),
      ]) {
        await expectServiceError(call, notFound('cc-x'));
      }
    });
  });

  describe('when a domain is deleted', () => {
    it('deletes its connections on both sides', async () => {
      await addDomain('doomed');
      const outgoing = await connect('doomed', { DomainName: 'hub' }, 'doomed-hub');
      const incoming = await connect('hub', { DomainName: 'doomed' }, 'hub-doomed');
      const scope = { account: ACCOUNT, region: REGION };
      emulator.store.transaction(() =>
        deleteConnectionsOfDomain(emulator.store, scope, 'doomed', clock.now(), PROCESSING_MS),
      );
      clock.advance(PROCESSING_MS);
      for (const created of [outgoing, incoming]) {
        const id = created.CrossClusterSearchConnectionId!;
        assert.equal((await outbound(id))?.ConnectionStatus?.StatusCode, 'DELETED');
        assert.equal((await inbound(source, id))?.ConnectionStatus?.StatusCode, 'DELETED');
      }
    });
  });

  describe('DeleteElasticsearchDomain of a domain with connections', () => {
    // AWS's guide: a domain with active cross-cluster connections cannot be deleted; remove them first.
    const refused = (DomainName: string, id: string) => ({
      name: 'ValidationException',
      status: 400,
      message: `Domain ${DomainName} has active cross-cluster search connections (${id}). Delete its incoming and outgoing connections before deleting the domain.`,
    });
    const deleteDomain = (DomainName: string) =>
      source.send(new DeleteElasticsearchDomainCommand({ DomainName }));

    it('is refused at either end while the connection is accepted, changing nothing, and allowed once it is removed', async () => {
      await addDomain('bound-source');
      await addDomain('bound-destination');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'bound-source',
        { DomainName: 'bound-destination' },
        'bound',
      );
      await source.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'PROVISIONING');
      for (const name of ['bound-source', 'bound-destination'])
        await expectServiceError(() => deleteDomain(name), refused(name, id!));
      clock.advance(PROCESSING_MS);
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'ACTIVE');
      for (const name of ['bound-source', 'bound-destination'])
        await expectServiceError(() => deleteDomain(name), refused(name, id!));
      const { DomainStatus } = await source.send(
        new DescribeElasticsearchDomainCommand({ DomainName: 'bound-source' }),
      );
      assert.equal(DomainStatus?.Deleted, false);
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'ACTIVE');

      // Removed by the destination's owner: DELETING is no longer active, and the domains may go.
      await source.send(
        new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      assert.equal((await deleteDomain('bound-source')).DomainStatus?.Deleted, true);
      assert.equal((await deleteDomain('bound-destination')).DomainStatus?.Deleted, true);
      clock.advance(PROCESSING_MS);
    });

    it('takes a request not yet accepted with the domain', async () => {
      await addDomain('asking');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'asking',
        { DomainName: 'hub' },
        'asking-hub',
      );
      assert.equal((await outbound(id!))?.ConnectionStatus?.StatusCode, 'PENDING_ACCEPTANCE');
      assert.equal((await deleteDomain('asking')).DomainStatus?.Deleted, true);
      clock.advance(PROCESSING_MS);
      // The source went: the connection is DELETED without a word.
      assert.deepEqual((await outbound(id!))?.ConnectionStatus, { StatusCode: 'DELETED' });
    });

    it("says why a request went with its destination domain, in AWS's recorded words", async () => {
      await addDomain('answering');
      const { CrossClusterSearchConnectionId: id } = await connect(
        'hub',
        { DomainName: 'answering' },
        'hub-answering',
      );
      assert.equal((await deleteDomain('answering')).DomainStatus?.Deleted, true);
      // The words were recorded of a DELETED connection: while it is DELETING it says none.
      assert.deepEqual((await outbound(id!))?.ConnectionStatus, { StatusCode: 'DELETING' });
      clock.advance(PROCESSING_MS);
      assert.deepEqual((await outbound(id!))?.ConnectionStatus, {
        StatusCode: 'DELETED',
        Message: 'Destination domain is not available. Please validate if the domain status is Active.',
      });
    });
  });

  describe('DescribeInbound / DescribeOutboundCrossClusterSearchConnections', () => {
    let paging: TestEmulator;
    let client: ElasticsearchServiceClient;
    before(async () => {
      paging = await startTestEmulator({ iamMode: 'off' });
      client = paging.client();
      for (const name of ['alpha', 'beta', 'gamma']) await createTestDomain(client, name, fineGrainedDomain);
      for (const [from, to] of [
        ['alpha', 'beta'],
        ['alpha', 'gamma'],
        ['beta', 'gamma'],
        ['gamma', 'alpha'],
      ] as const) {
        await client.send(
          new CreateOutboundCrossClusterSearchConnectionCommand({
            SourceDomainInfo: { DomainName: from },
            DestinationDomainInfo: { DomainName: to },
            ConnectionAlias: `${from}-${to}`,
          }),
        );
      }
    });
    after(() => paging.stop());

    const aliases = async (filters: Filter[]) =>
      (
        await client.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: filters }))
      ).CrossClusterSearchConnections?.map((c) => c.ConnectionAlias);

    it('filters outbound connections: every filter, any of its values', async () => {
      assert.deepEqual(await aliases([]), ['alpha-beta', 'alpha-gamma', 'beta-gamma', 'gamma-alpha']);
      assert.deepEqual(await aliases([{ Name: 'source-domain-info.domain-name', Values: ['alpha'] }]), [
        'alpha-beta',
        'alpha-gamma',
      ]);
      assert.deepEqual(
        await aliases([{ Name: 'destination-domain-info.domain-name', Values: ['gamma', 'alpha'] }]),
        ['alpha-gamma', 'beta-gamma', 'gamma-alpha'],
      );
      assert.deepEqual(
        await aliases([
          { Name: 'destination-domain-info.domain-name', Values: ['gamma'] },
          { Name: 'source-domain-info.domain-name', Values: ['beta'] },
          { Name: 'destination-domain-info.owner-id', Values: [ACCOUNT] },
          { Name: 'destination-domain-info.region', Values: [REGION] },
        ]),
        ['beta-gamma'],
      );
      assert.deepEqual(
        await aliases([{ Name: 'destination-domain-info.region', Values: ['ap-south-1'] }]),
        [],
      );
    });

    it('filters inbound connections by the names AWS documents for them', async () => {
      const output = await client.send(
        new DescribeInboundCrossClusterSearchConnectionsCommand({
          Filters: [
            { Name: 'destination-domain-info.domain-name', Values: ['gamma'] },
            { Name: 'source-domain-info.owner-id', Values: [ACCOUNT] },
            { Name: 'source-domain-info.region', Values: [REGION] },
          ],
        }),
      );
      assert.deepEqual(
        output.CrossClusterSearchConnections?.map((c) => c.SourceDomainInfo?.DomainName),
        ['alpha', 'beta'],
      );
    });

    it('refuses a filter name the operation does not know', async () => {
      await expectServiceError(
        () =>
          client.send(
            new DescribeInboundCrossClusterSearchConnectionsCommand({
              Filters: [{ Name: 'destination-domain-info.owner-id', Values: [ACCOUNT] }],
            }),
          ),
        {
          name: 'ValidationException',
          status: 400,
          message:
            'Invalid filter name: destination-domain-info.owner-id. Valid names are: cross-cluster-search-connection-id, source-domain-info.domain-name, source-domain-info.owner-id, source-domain-info.region, destination-domain-info.domain-name.',
        },
      );
    });

    it("refuses the names of an object's own machinery as it refuses any unknown name", async () => {
      for (const Name of ['valueOf', '__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
        const Filters = [{ Name, Values: ['[object Undefined]'] }];
        const refusal = {
          name: 'ValidationException',
          status: 400,
          message: new RegExp(`^Invalid filter name: ${Name}\\. `),
        };
        await expectServiceError(
          () => client.send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters })),
          refusal,
        );
        await expectServiceError(
          () => client.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters })),
          refusal,
        );
      }
    });

    it('pages with MaxResults and NextToken', async () => {
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const output = await client.send(
          new DescribeOutboundCrossClusterSearchConnectionsCommand({ MaxResults: 3, NextToken }),
        );
        seen.push(...output.CrossClusterSearchConnections!.map((c) => c.ConnectionAlias!));
        NextToken = output.NextToken;
        pages++;
      } while (NextToken);
      assert.equal(pages, 2);
      assert.deepEqual(seen, ['alpha-beta', 'alpha-gamma', 'beta-gamma', 'gamma-alpha']);

      const inboundPage = await client.send(
        new DescribeInboundCrossClusterSearchConnectionsCommand({ MaxResults: 1 }),
      );
      assert.equal(inboundPage.CrossClusterSearchConnections?.length, 1);
      assert.ok(inboundPage.NextToken);
    });

    it('refuses a forged token, and a token of another listing', async () => {
      for (const command of [
        new DescribeOutboundCrossClusterSearchConnectionsCommand({ NextToken: 'forged' }),
        new DescribeInboundCrossClusterSearchConnectionsCommand({ NextToken: 'forged' }),
      ]) {
        await expectServiceError(() => client.send(command as never), {
          name: 'InvalidPaginationTokenException',
          status: 400,
          message: 'The pagination token is invalid.',
        });
      }
      const outboundPage = await client.send(
        new DescribeOutboundCrossClusterSearchConnectionsCommand({ MaxResults: 1 }),
      );
      await expectServiceError(
        () =>
          client.send(
            new DescribeInboundCrossClusterSearchConnectionsCommand({ NextToken: outboundPage.NextToken }),
          ),
        { name: 'InvalidPaginationTokenException', status: 400, message: 'The pagination token is invalid.' },
      );
    });
  });

  describe('across accounts, with IAM principals', () => {
    let accounts: TwoAccounts;
    let owner: ElasticsearchServiceClient;
    let partner: ElasticsearchServiceClient;
    before(async () => {
      accounts = await startTwoAccountEmulator();
      ({ owner, partner } = accounts);
      await createTestDomain(owner, 'local', fineGrainedDomain);
      await createTestDomain(partner, 'remote', fineGrainedDomain);
    });
    after(() => accounts.stop());

    it("the destination account sees the request and accepts it; the source account's side becomes ACTIVE", async () => {
      const created = await owner.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'local', OwnerId: OWNER_ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'remote', OwnerId: PARTNER_ACCOUNT, Region: REGION },
          ConnectionAlias: 'to-partner',
        }),
      );
      const id = created.CrossClusterSearchConnectionId!;
      const seenByPartner = await partner.send(new DescribeInboundCrossClusterSearchConnectionsCommand({}));
      assert.deepEqual(
        seenByPartner.CrossClusterSearchConnections?.map((c) => [
          c.CrossClusterSearchConnectionId,
          c.SourceDomainInfo?.OwnerId,
          c.ConnectionStatus?.StatusCode,
        ]),
        [[id, OWNER_ACCOUNT, 'PENDING_ACCEPTANCE']],
      );
      const seenByOwner = await owner.send(new DescribeInboundCrossClusterSearchConnectionsCommand({}));
      assert.deepEqual(seenByOwner.CrossClusterSearchConnections, []);

      await partner.send(
        new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      // DOMAIN_PROCESSING_MS is 0 here: the outbound side is ACTIVE by the next call.
      const outboundSide = await owner.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
      assert.equal(outboundSide.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'ACTIVE');
    });

    it('the destination account rejects: the answer is REJECTING even with no processing time, then REJECTED', async () => {
      await createTestDomain(owner, 'declined', fineGrainedDomain);
      const { CrossClusterSearchConnectionId: id } = await owner.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'declined', OwnerId: OWNER_ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'remote', OwnerId: PARTNER_ACCOUNT, Region: REGION },
          ConnectionAlias: 'declined',
        }),
      );
      const rejected = await partner.send(
        new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
      );
      // As each change is answered just submitted: the rejection is done by the next call, not by its answer.
      assert.equal(rejected.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, 'REJECTING');
      const inboundSide = await partner.send(
        new DescribeInboundCrossClusterSearchConnectionsCommand({
          Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [id!] }],
        }),
      );
      assert.equal(inboundSide.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'REJECTED');
    });

    it('takes a request with its source domain without blaming a destination of the same name in another account', async () => {
      await createTestDomain(owner, 'twin', fineGrainedDomain);
      await createTestDomain(partner, 'twin', fineGrainedDomain);
      const { CrossClusterSearchConnectionId: id } = await owner.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: 'twin', OwnerId: OWNER_ACCOUNT, Region: REGION },
          DestinationDomainInfo: { DomainName: 'twin', OwnerId: PARTNER_ACCOUNT, Region: REGION },
          ConnectionAlias: 'twin',
        }),
      );
      await owner.send(new DeleteElasticsearchDomainCommand({ DomainName: 'twin' }));
      const byId = { Filters: [{ Name: 'cross-cluster-search-connection-id', Values: [id!] }] };
      // The deleted domain was the source: the destination, the partner's domain of the same name, is still there.
      const outboundSide = await owner.send(new DescribeOutboundCrossClusterSearchConnectionsCommand(byId));
      assert.deepEqual(outboundSide.CrossClusterSearchConnections?.[0]?.ConnectionStatus, {
        StatusCode: 'DELETED',
      });
      const inboundSide = await partner.send(new DescribeInboundCrossClusterSearchConnectionsCommand(byId));
      assert.equal(inboundSide.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode, 'DELETED');
    });
  });
});
