import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchDomainConfigCommand,
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
