import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DeleteElasticsearchServiceRoleCommand,
  DescribeElasticsearchDomainCommand,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { deleteServiceLinkedRole } from '../server/service-linked-role';
import { signedRequest } from './fixtures/signed-request';
import type { TestEmulator } from './support/emulator';
import { errorOf, seedKey, startSeededEmulator, startTestEmulator } from './support/emulator';

/** AWS's answer to a VPC domain's create while the account has no service-linked role (real-responses S1). */
const noRoleText =
  'Before you can proceed, you must enable a service-linked role to give Amazon ES permissions to access your VPC.';

const vpcDomain = (DomainName: string) =>
  new CreateElasticsearchDomainCommand({
    DomainName,
    ElasticsearchVersion: '7.10',
    EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
    VPCOptions: { SubnetIds: ['subnet-0abc1234'], SecurityGroupIds: ['sg-0abc1234'] },
  });

/** POST /_local/service-linked-role, unsigned (IAM not enforced). */
async function restoreRole(
  endpoint: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${endpoint}/_local/service-linked-role`, {
    method: 'POST',
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('DeleteElasticsearchServiceRole', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());
  // Each test begins with the role, as an account does here.
  beforeEach(() => restoreRole(emulator.endpoint));

  async function createDomain(region: string, name: string, vpc: boolean): Promise<void> {
    await emulator.client({ region }).send(
      new CreateElasticsearchDomainCommand({
        DomainName: name,
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
        ...(vpc ? { VPCOptions: { SubnetIds: ['subnet-0abc1234'], SecurityGroupIds: ['sg-0abc1234'] } } : {}),
      }),
    );
  }

  it('answers an empty object, also when there are only public domains', async () => {
    const output = await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.deepEqual(Object.keys(output), ['$metadata']);
    await createDomain(emulator.region, 'public-domain', false);
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });

  it("once deleted, a VPC domain is refused with AWS's text and nothing is stored, until the role is made again", async () => {
    const client = emulator.client();
    await client.send(new DeleteElasticsearchServiceRoleCommand({}));
    for (const region of [emulator.region, 'ap-northeast-1']) {
      // IAM is global: the account has no role in any Region.
      const error = await errorOf(() => emulator.client({ region }).send(vpcDomain('needs-role')));
      assert.equal(error.name, 'ValidationException');
      assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
      assert.equal(error.message, noRoleText);
      const missing = await errorOf(() =>
        emulator
          .client({ region })
          .send(new DescribeElasticsearchDomainCommand({ DomainName: 'needs-role' })),
      );
      assert.equal(missing.name, 'ResourceNotFoundException');
    }
    const names = (await client.send(new ListDomainNamesCommand({}))).DomainNames ?? [];
    assert.ok(!names.some((entry) => entry.DomainName === 'needs-role'));
    // A public domain needs no role; deleting the role again is not an error.
    await createDomain(emulator.region, 'public-without-role', false);
    await client.send(new DeleteElasticsearchServiceRoleCommand({}));

    assert.deepEqual(await restoreRole(emulator.endpoint), {
      status: 200,
      body: {
        roleName: 'AWSServiceRoleForAmazonElasticsearchService',
        accountId: emulator.config.accountId,
        created: true,
      },
    });
    const created = await client.send(vpcDomain('needs-role'));
    assert.equal(created.DomainStatus?.VPCOptions?.SubnetIds?.[0], 'subnet-0abc1234');
    assert.equal((await restoreRole(emulator.endpoint)).body.created, false);
    for (const DomainName of ['needs-role', 'public-without-role'])
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName }));
  });

  it("another account's deleted role does not stop this account's VPC domains", async () => {
    const other = '111122223333';
    assert.deepEqual((await restoreRole(emulator.endpoint, { accountId: other })).body, {
      roleName: 'AWSServiceRoleForAmazonElasticsearchService',
      accountId: other,
      created: false,
    });
    // The test emulator has one caller: the other account's role is deleted in the store.
    emulator.store.transaction(() => deleteServiceLinkedRole(emulator.store, other, 0));
    await emulator.client().send(vpcDomain('mine'));
    assert.equal((await restoreRole(emulator.endpoint, { accountId: other })).body.created, true);
    await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName: 'mine' }));
  });

  it('the route refuses a body that is not an object or an account id of another form', async () => {
    for (const [body, message] of [
      [[1], 'The body must be a JSON object'],
      [{ accountId: '12345' }, 'accountId must be an account id of 12 digits'],
      [{ accountId: 123456789012 }, 'accountId must be an account id of 12 digits'],
    ] as const) {
      const answer = await restoreRole(emulator.endpoint, body);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, { message });
    }
  });

  it('refuses while a VPC domain of the account uses the role, in any region', async () => {
    await createDomain('eu-west-1', 'private-domain', true);
    const error = await errorOf(() => emulator.client().send(new DeleteElasticsearchServiceRoleCommand({})));
    assert.equal(error.name, 'ValidationException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(
      error.message,
      'Cannot delete the service-linked role AWSServiceRoleForAmazonElasticsearchService: it is in use by VPC ' +
        'domains (private-domain (eu-west-1)). Delete those domains before deleting the role.',
    );

    await emulator
      .client({ region: 'eu-west-1' })
      .send(new DeleteElasticsearchDomainCommand({ DomainName: 'private-domain' }));
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });

  it("names every VPC domain in use, those of the caller's own region without their region", async () => {
    await createDomain(emulator.region, 'private-here', true);
    await createDomain(emulator.region, 'private-here-too', true);
    const error = await errorOf(() => emulator.client().send(new DeleteElasticsearchServiceRoleCommand({})));
    assert.equal(
      error.message,
      'Cannot delete the service-linked role AWSServiceRoleForAmazonElasticsearchService: it is in use by VPC ' +
        'domains (private-here, private-here-too). Delete those domains before deleting the role.',
    );
    for (const DomainName of ['private-here', 'private-here-too'])
      await emulator.client().send(new DeleteElasticsearchDomainCommand({ DomainName }));
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });

  it("does not count another account's VPC domains", async () => {
    // The test emulator has one caller: the other account's domain is written to the store as the domains family stores it.
    emulator.store.domains.insert(
      { account: '111122223333', region: emulator.region },
      'theirs',
      'Elasticsearch',
      {
        DomainName: 'theirs',
        ElasticsearchVersion: '7.10',
        options: { VPCOptions: { VPCId: 'vpc-0def', SubnetIds: ['subnet-0def'] } },
      },
    );
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });
});

describe('The service-linked role under IAM enforcement, across a restart', () => {
  const account = '444455556666';
  const otherAccount = '777788889999';
  const rootKey = seedKey('AKIAROLEROOT00000001');
  const otherRootKey = seedKey('AKIAROLEOTHERROOT001');
  const adminKey = seedKey('AKIAROLEADMIN0000001');
  // Copies of the keys: the SDK marks the credentials it is given (`$source`), which a seed file refuses.
  const seed = {
    accounts: {
      [account]: {
        root: { accessKeys: [{ ...rootKey }] },
        users: {
          admin: {
            accessKeys: [{ ...adminKey }],
            inlinePolicies: {
              everything: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'es:*', Resource: '*' }],
              },
            },
          },
        },
      },
      [otherAccount]: { root: { accessKeys: [{ ...otherRootKey }] } },
    },
  };
  let directory: string;
  let emulator: TestEmulator | undefined;

  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-role-'));
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  const restore = (credentials: { accessKeyId: string; secretAccessKey: string }, body?: object) =>
    signedRequest({
      endpoint: emulator!.endpoint,
      method: 'POST',
      path: '/_local/service-linked-role',
      credentials,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });

  it("a deleted role stays deleted after a restart; only the account's root makes it again", async () => {
    const statePath = path.join(directory, 'state.db');
    emulator = await startSeededEmulator(seed, { statePath });
    await emulator.client({ credentials: adminKey }).send(new DeleteElasticsearchServiceRoleCommand({}));
    await emulator.stop();

    emulator = await startSeededEmulator(seed, { statePath });
    const admin = emulator.client({ credentials: adminKey });
    assert.equal((await errorOf(() => admin.send(vpcDomain('after-restart')))).message, noRoleText);

    const byUser = await restore(adminKey);
    assert.equal(byUser.status, 403);
    assert.equal(byUser.errorType, 'AccessDeniedException');
    const forAnother = await restore(rootKey, { accountId: otherAccount });
    assert.equal(forAnother.status, 403);
    assert.deepEqual(forAnother.body, {
      message: `The root of account ${account} may not create the service-linked role of account ${otherAccount}`,
    });
    // Another account's root makes its own role, which it had already.
    assert.equal((await restore(otherRootKey)).body.created, false);
    assert.equal((await errorOf(() => admin.send(vpcDomain('after-restart')))).message, noRoleText);

    const byRoot = await restore(rootKey, { accountId: account });
    assert.equal(byRoot.status, 200);
    assert.deepEqual(byRoot.body, {
      roleName: 'AWSServiceRoleForAmazonElasticsearchService',
      accountId: account,
      created: true,
    });
    const created = await admin.send(vpcDomain('after-restart'));
    assert.equal(created.DomainStatus?.DomainName, 'after-restart');
  });
});
