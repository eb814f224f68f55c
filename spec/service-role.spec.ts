import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DeleteElasticsearchServiceRoleCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, startTestEmulator } from './support/emulator';

describe('DeleteElasticsearchServiceRole', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());

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
