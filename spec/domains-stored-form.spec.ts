import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ModifyingProperties } from '@aws-sdk/client-elasticsearch-service';
import { ManualClock } from '../server/runtime';
import { createTestDomain } from './support/domains';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator } from './support/emulator';

/**
 * A create's ModifyingProperties (every section of the configuration) are derived from the stored domain when
 * answered, not stored with it; domains stored before, with the list itself, still answer theirs.
 */
describe('the ModifyingProperties of a domain being created', () => {
  const processingMs = 60_000;
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 12, 0, 0));
  let emulator: TestEmulator;
  const tags = [{ Key: 'team', Value: 'search' }];

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
  });
  after(() => emulator.stop());

  const storedDocument = (name: string) => {
    const row = emulator.store.db.prepare('SELECT doc FROM domains WHERE name = ?').get(name) as {
      doc: string;
    };
    return row.doc;
  };
  const modifyingPropertiesOf = async (name: string) => {
    const client = emulator.client();
    const status = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: name })))
      .DomainStatus;
    const config = (await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: name })))
      .DomainConfig;
    return { status: status?.ModifyingProperties, config: config?.ModifyingProperties };
  };

  it('answers the create’s list on every describe while the domain is created, without storing it', async () => {
    const created = (await createTestDomain(emulator.client(), 'derived', { TagList: tags })).DomainStatus;
    const answered = created?.ModifyingProperties ?? [];
    assert.equal(answered.length, 29);
    const stored = storedDocument('derived');
    const change = (JSON.parse(stored) as { change: { modifyingProperties: unknown; creationTags: unknown } })
      .change;
    assert.deepEqual(change.modifyingProperties, []);
    assert.deepEqual(change.creationTags, tags);
    // The create is the domain's first change: the record had no earlier one to keep, only a placeholder.
    assert.equal((JSON.parse(stored) as { pastChanges?: unknown }).pastChanges, undefined);
    assert.ok(stored.length < 3_500, `the stored domain is ${stored.length} bytes`);

    clock.advance(processingMs / 2);
    assert.deepEqual(await modifyingPropertiesOf('derived'), { status: answered, config: answered });
  });

  it('keeps the TAGS of the create when tags are added while the domain is created', async () => {
    const created = (await createTestDomain(emulator.client(), 'retagged', { TagList: tags })).DomainStatus;
    const arn = created?.ARN ?? '';
    await emulator
      .client()
      .send(new AddTagsCommand({ ARN: arn, TagList: [{ Key: 'stage', Value: 'test' }] }));
    const { status } = await modifyingPropertiesOf('retagged');
    assert.deepEqual(status, created?.ModifyingProperties);
  });

  it('answers the list a domain stored before keeps in its document', async () => {
    await createTestDomain(emulator.client(), 'stored-before');
    const marker: ModifyingProperties = {
      Name: 'EBSOptions',
      ActiveValue: '',
      PendingValue: '{"EBSEnabled":true}',
      ValueType: 'STRINGIFIED_JSON',
    };
    const document = JSON.parse(storedDocument('stored-before')) as {
      change: { modifyingProperties: ModifyingProperties[]; creationTags?: unknown };
    };
    delete document.change.creationTags;
    document.change.modifyingProperties = [marker];
    emulator.store.db
      .prepare('UPDATE domains SET doc = ? WHERE name = ?')
      .run(JSON.stringify(document), 'stored-before');
    assert.deepEqual(await modifyingPropertiesOf('stored-before'), { status: [marker], config: [marker] });
  });

  it('answers none once the domain is active', async () => {
    clock.advance(processingMs);
    assert.deepEqual(await modifyingPropertiesOf('derived'), { status: [], config: [] });
  });
});

/** What a domain stored by an earlier build lacks and this build always stores, answered as a domain created now. */
describe('a domain stored by an earlier build', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startClockedEmulator(new ManualClock(Date.UTC(2026, 0, 15, 12, 0, 0)), 0);
  });
  after(() => emulator.stop());

  it("answers a gp3 volume's baseline IOPS and throughput, which builds before 2985dd4 did not store", async () => {
    const client = emulator.client();
    await createTestDomain(client, 'gp3-before', {
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 10 },
    });
    const createdNow = (
      await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'gp3-before' }))
    ).DomainStatus?.EBSOptions;
    assert.deepEqual(createdNow, {
      EBSEnabled: true,
      VolumeType: 'gp3',
      VolumeSize: 10,
      Iops: 3000,
      Throughput: 125,
    });
    // The document as those builds wrote it: the volume without its IOPS and throughput.
    const row = emulator.store.db.prepare('SELECT doc FROM domains WHERE name = ?').get('gp3-before') as {
      doc: string;
    };
    const document = JSON.parse(row.doc) as { options: { EBSOptions: Record<string, unknown> } };
    delete document.options.EBSOptions.Iops;
    delete document.options.EBSOptions.Throughput;
    emulator.store.db
      .prepare('UPDATE domains SET doc = ? WHERE name = ?')
      .run(JSON.stringify(document), 'gp3-before');

    const status = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'gp3-before' })))
      .DomainStatus;
    assert.deepEqual(status?.EBSOptions, createdNow);
    const config = (
      await client.send(new DescribeElasticsearchDomainConfigCommand({ DomainName: 'gp3-before' }))
    ).DomainConfig;
    assert.deepEqual(config?.EBSOptions?.Options, createdNow);
    // An update of another section keeps them, and stores them as a domain created now has them.
    await client.send(
      new UpdateElasticsearchDomainConfigCommand({
        DomainName: 'gp3-before',
        AdvancedOptions: { 'indices.fielddata.cache.size': '40' },
      }),
    );
    const stored = emulator.store.db.prepare('SELECT doc FROM domains WHERE name = ?').get('gp3-before') as {
      doc: string;
    };
    assert.deepEqual((JSON.parse(stored.doc) as typeof document).options.EBSOptions, createdNow);
  });
});
