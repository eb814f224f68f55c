import assert from 'node:assert/strict';
import { DeleteElasticsearchServiceRoleCommand } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';

describe('DeleteElasticsearchServiceRole', () => {
  let emulator: TestEmulator;
  const account = '000000000000';

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());

  /** A domain as the domains family stores it: VPCOptions (when in a VPC) under `options`. */
  function insertDomain(region: string, name: string, vpc: boolean): void {
    emulator.store.domains.insert({ account, region }, name, 'Elasticsearch', {
      DomainName: name,
      ElasticsearchVersion: '7.10',
      options: vpc ? { VPCOptions: { VPCId: 'vpc-0abc', SubnetIds: ['subnet-0abc'] } } : {},
    });
  }

  it('answers an empty object, also when there are only public domains', async () => {
    const output = await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.deepEqual(Object.keys(output), ['$metadata']);
    insertDomain(emulator.region, 'public-domain', false);
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });

  it('refuses while a VPC domain of the account uses the role, in any region', async () => {
    insertDomain('eu-west-1', 'private-domain', true);
    const error = await errorOf(() => emulator.client().send(new DeleteElasticsearchServiceRoleCommand({})));
    assert.equal(error.name, 'ValidationException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(
      error.message,
      'Cannot delete the service-linked role AWSServiceRoleForAmazonElasticsearchService: it is in use by VPC ' +
        'domains (private-domain (eu-west-1)). Delete those domains before deleting the role.',
    );

    emulator.store.domains.delete({ account, region: 'eu-west-1' }, 'private-domain');
    await emulator.client().send(new DeleteElasticsearchServiceRoleCommand({}));
  });

  it("does not count another account's VPC domains", async () => {
    insertDomain(emulator.region, 'other-account-domain', false);
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
