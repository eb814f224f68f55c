import assert from 'node:assert/strict';
import {
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  DescribeElasticsearchInstanceTypeLimitsCommand,
  ElasticsearchServiceClient,
  GetCompatibleElasticsearchVersionsCommand,
  ListDomainNamesCommand,
  ListElasticsearchInstanceTypesCommand,
  ListElasticsearchVersionsCommand,
  UpdateElasticsearchDomainConfigCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ESPartitionInstanceType } from '@aws-sdk/client-elasticsearch-service';
import { compareVersions, creationDefaults, versionAtLeast } from '../server/catalogue';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';
import { createTestDomain } from './support/domains';
import { spawnEmulator } from './support/spawned-emulator';

describe('the catalogue operations', () => {
  let emulator: TestEmulator;
  async function createDomain(name: string, version: string): Promise<void> {
    await createTestDomain(emulator.client(), name, {
      ElasticsearchVersion: version,
      ElasticsearchClusterConfig: {
        InstanceType: version === '2.3' ? 'm4.large.elasticsearch' : 'm5.large.elasticsearch',
        InstanceCount: 1,
      },
    });
  }

  before(async () => {
    emulator = await startTestEmulator();
    await createDomain('on-seven-nine', '7.9');
    await createDomain('on-seven-ten', '7.10');
    await createDomain('on-two-three', '2.3');
    await createDomain('on-newest', 'OpenSearch_3.1');
  });
  after(() => emulator.stop());

  describe('ListElasticsearchVersions', () => {
    it('lists OpenSearch versions first, then Elasticsearch, newest first, in the ES API form', async () => {
      const answer = await emulator.client().send(new ListElasticsearchVersionsCommand({}));
      const versions = answer.ElasticsearchVersions ?? [];
      assert.equal(answer.NextToken, undefined);
      // Recorded from AWS: the ES API lists 7.10 and OpenSearch_1.0 / 1.1; the versions AWS's guide names.
      for (const version of ['OpenSearch_1.0', 'OpenSearch_1.1', '7.10', '7.9', '6.8', '5.1', '2.3', '1.5']) {
        assert.ok(versions.includes(version), `${version} listed`);
      }
      const firstElasticsearch = versions.findIndex((v) => !v.startsWith('OpenSearch_'));
      assert.ok(versions.slice(0, firstElasticsearch).every((v) => v.startsWith('OpenSearch_')));
      assert.ok(versions.slice(firstElasticsearch).every((v) => /^\d\.\d{1,2}$/.test(v)));
      assert.ok(versions.indexOf('7.10') < versions.indexOf('7.9'), '7.10 sorts above 7.9');
      assert.ok(versions.indexOf('OpenSearch_2.11') < versions.indexOf('OpenSearch_2.9'));
      assert.equal(new Set(versions).size, versions.length);
    });

    it('pages with MaxResults and NextToken, and the pages add up to the whole list', async () => {
      const client = emulator.client();
      const whole = (await client.send(new ListElasticsearchVersionsCommand({}))).ElasticsearchVersions ?? [];
      const collected: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(
          new ListElasticsearchVersionsCommand({ MaxResults: 11, NextToken: token }),
        );
        const items = page.ElasticsearchVersions ?? [];
        assert.ok(items.length <= 11);
        collected.push(...items);
        token = page.NextToken;
        pages += 1;
      } while (token);
      assert.equal(pages, Math.ceil(whole.length / 11));
      assert.deepEqual(collected, whole);
    });

    it('ignores a MaxResults of 10 or less, as the model says AWS does', async () => {
      const answer = await emulator.client().send(new ListElasticsearchVersionsCommand({ MaxResults: 10 }));
      const whole = await emulator.client().send(new ListElasticsearchVersionsCommand({}));
      assert.deepEqual(answer.ElasticsearchVersions, whole.ElasticsearchVersions);
      assert.equal(answer.NextToken, undefined);
    });

    it('refuses a MaxResults over the model maximum of 100', async () => {
      await expectServiceError(
        () => emulator.client().send(new ListElasticsearchVersionsCommand({ MaxResults: 101 })),
        {
          name: 'ValidationException',
          status: 400,
          message:
            "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
        },
      );
    });

    it('refuses a forged NextToken and a token of another listing with a ValidationException', async () => {
      await expectServiceError(
        () => emulator.client().send(new ListElasticsearchVersionsCommand({ NextToken: 'forged-token' })),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
      const otherListing = await emulator
        .client()
        .send(new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.10', MaxResults: 30 }));
      assert.ok(otherListing.NextToken);
      await expectServiceError(
        () =>
          emulator.client().send(new ListElasticsearchVersionsCommand({ NextToken: otherListing.NextToken })),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
    });
    it('refuses a token whose offset was edited', async () => {
      // MaxResults under 11 is not honoured (see server/operations/catalogue.ts).
      const first = await emulator.client().send(new ListElasticsearchVersionsCommand({ MaxResults: 11 }));
      assert.ok(first.NextToken);
      // A token is base64url, `_` written `.`, of a version mark and JSON (server/operations/common.ts).
      const text = Buffer.from(first.NextToken.replaceAll('.', '_'), 'base64url').toString('utf8');
      const token = JSON.parse(text.slice(1)) as { o: number };
      const edited = Buffer.from(`1${JSON.stringify({ ...token, o: token.o + 1 })}`)
        .toString('base64url')
        .replaceAll('_', '.');
      await expectServiceError(
        () => emulator.client().send(new ListElasticsearchVersionsCommand({ NextToken: edited })),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
    });

    it('takes a NextToken given before a restart of the emulator', async () => {
      const clientOf = (endpoint: string) =>
        new ElasticsearchServiceClient({
          endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          maxAttempts: 1,
        });
      const before = await spawnEmulator();
      let firstPage: string[];
      let token: string | undefined;
      try {
        const client = clientOf(before.endpoint);
        const page = await client.send(new ListElasticsearchVersionsCommand({ MaxResults: 11 }));
        client.destroy();
        firstPage = page.ElasticsearchVersions ?? [];
        token = page.NextToken;
      } finally {
        await before.stop();
      }
      assert.ok(token);
      const after = await spawnEmulator();
      try {
        const client = clientOf(after.endpoint);
        const next = await client.send(
          new ListElasticsearchVersionsCommand({ MaxResults: 11, NextToken: token }),
        );
        const whole = await client.send(new ListElasticsearchVersionsCommand({ MaxResults: 22 }));
        client.destroy();
        assert.deepEqual([...firstPage, ...(next.ElasticsearchVersions ?? [])], whole.ElasticsearchVersions);
      } finally {
        await after.stop();
      }
    });
  });

  describe('GetCompatibleElasticsearchVersions', () => {
    it('answers the whole upgrade matrix without a domain', async () => {
      const answer = await emulator.client().send(new GetCompatibleElasticsearchVersionsCommand({}));
      const matrix = new Map(
        (answer.CompatibleElasticsearchVersions ?? []).map((entry) => [
          entry.SourceVersion,
          entry.TargetVersions,
        ]),
      );
      // Recorded from AWS (2025-09), prefix Elasticsearch_ dropped as the ES API writes versions.
      assert.deepEqual(matrix.get('7.10'), [
        'OpenSearch_1.0',
        'OpenSearch_1.1',
        'OpenSearch_1.2',
        'OpenSearch_1.3',
      ]);
      assert.deepEqual(matrix.get('5.1'), ['5.6']);
      assert.deepEqual(matrix.get('6.8'), [
        '7.1',
        '7.4',
        '7.7',
        '7.8',
        '7.9',
        '7.10',
        'OpenSearch_1.0',
        'OpenSearch_1.1',
        'OpenSearch_1.2',
        'OpenSearch_1.3',
      ]);
      assert.deepEqual(matrix.get('OpenSearch_2.19'), ['OpenSearch_3.1']);
      // AWS does not sort the sources: the order of the recorded answer, then the versions released since, ascending.
      assert.deepEqual(
        [...matrix.keys()],
        [
          ...[
            '7.7',
            '6.8',
            '7.8',
            '7.9',
            'OpenSearch_2.3',
            'OpenSearch_2.5',
            'OpenSearch_1.0',
            'OpenSearch_1.1',
          ],
          ...[
            'OpenSearch_1.2',
            'OpenSearch_1.3',
            'OpenSearch_2.7',
            'OpenSearch_2.9',
            '7.10',
            '6.0',
            '5.1',
            '7.1',
          ],
          ...['6.2', '5.3', '6.3', '6.4', '5.5', '7.4', '6.5', '5.6', '6.7'],
          ...['OpenSearch_2.11', 'OpenSearch_2.13', 'OpenSearch_2.15', 'OpenSearch_2.17', 'OpenSearch_2.19'],
        ],
      );
      // 1.5 and 2.3 have no in-place upgrade and are no source.
      assert.equal(matrix.has('1.5'), false);
      assert.equal(matrix.has('2.3'), false);
      for (const [source = '', targets = []] of matrix) {
        assert.ok(source, 'every entry names its source');
        for (const target of targets) {
          assert.ok(
            versionAtLeast(target, source) && target !== source,
            `${source} -> ${target} goes forward`,
          );
        }
      }
    });

    it("answers the one entry of a domain's current version", async () => {
      const answer = await emulator
        .client()
        .send(new GetCompatibleElasticsearchVersionsCommand({ DomainName: 'on-seven-nine' }));
      assert.deepEqual(answer.CompatibleElasticsearchVersions, [
        {
          SourceVersion: '7.9',
          TargetVersions: ['7.10', 'OpenSearch_1.0', 'OpenSearch_1.1', 'OpenSearch_1.2', 'OpenSearch_1.3'],
        },
      ]);
    });

    it('answers an empty target list for a domain without an upgrade path', async () => {
      for (const [domain, version] of [
        ['on-two-three', '2.3'],
        ['on-newest', 'OpenSearch_3.1'],
      ] as const) {
        const answer = await emulator
          .client()
          .send(new GetCompatibleElasticsearchVersionsCommand({ DomainName: domain }));
        assert.deepEqual(answer.CompatibleElasticsearchVersions, [
          { SourceVersion: version, TargetVersions: [] },
        ]);
      }
    });

    it('answers ResourceNotFoundException for an unknown domain', async () => {
      await expectServiceError(
        () =>
          emulator
            .client()
            .send(new GetCompatibleElasticsearchVersionsCommand({ DomainName: 'no-such-domain' })),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: no-such-domain' },
      );
    });
  });

  describe('ListElasticsearchInstanceTypes', () => {
    async function allTypes(version: string, domainName?: string): Promise<string[]> {
      const answer = await emulator.client().send(
        new ListElasticsearchInstanceTypesCommand({
          ElasticsearchVersion: version,
          DomainName: domainName,
        }),
      );
      assert.equal(answer.NextToken, undefined);
      return answer.ElasticsearchInstanceTypes ?? [];
    }

    it("lists the types of AWS's 6.0 example, without t2.micro", async () => {
      const types = await allTypes('6.0');
      // AWS's 2018 example answer for 6.0 (one region).
      for (const type of [
        't2.small',
        't2.medium',
        'r4.large',
        'r4.16xlarge',
        'm4.large',
        'm4.10xlarge',
        'c4.8xlarge',
      ]) {
        assert.ok(types.includes(`${type}.elasticsearch`), `${type} offered on 6.0`);
      }
      assert.ok(types.includes('m5.large.elasticsearch'), 'M5 from 5.1 on');
      assert.equal(types.includes('t2.micro.elasticsearch'), false, 't2.micro only on 1.5 and 2.3');
      assert.equal(types.includes('ultrawarm1.medium.elasticsearch'), false, 'UltraWarm from 6.8 on');
    });

    it('lists t2.micro but no 5.1-era type on 1.5, and UltraWarm and I3 on 7.10', async () => {
      const old = await allTypes('1.5');
      assert.ok(old.includes('t2.micro.elasticsearch'));
      assert.equal(old.includes('m5.large.elasticsearch'), false);
      assert.equal(old.includes('i3.large.elasticsearch'), false);
      const current = await allTypes('7.10');
      assert.ok(current.includes('ultrawarm1.medium.elasticsearch'));
      assert.ok(current.includes('i3.16xlarge.elasticsearch'));
      assert.ok(current.includes('m3.medium.elasticsearch'));
    });

    it("lists T3 types, and Graviton types from 7.9 on: AWS's server accepts them beyond the model's enum", async () => {
      const current = await allTypes('7.10');
      assert.ok(current.includes('t3.small.elasticsearch'));
      assert.ok(current.includes('r6g.large.elasticsearch'));
      const older = await allTypes('7.7');
      assert.ok(older.includes('t3.medium.elasticsearch'));
      assert.equal(older.includes('r6g.large.elasticsearch'), false);
    });

    it('lists for OpenSearch versions too', async () => {
      const types = await allTypes('OpenSearch_1.3');
      assert.ok(types.includes('r5.large.elasticsearch'));
      assert.equal(types.includes('t2.micro.elasticsearch'), false);
    });

    it('leaves out M3 types when the question is for an existing 6.7+ domain', async () => {
      const forDomain = await allTypes('7.10', 'on-seven-ten');
      assert.equal(forDomain.includes('m3.medium.elasticsearch'), false);
      assert.ok(forDomain.includes('m5.large.elasticsearch'));
    });

    it('keeps M3 types for an existing domain that uses M3: the guide bars changing to them only', async () => {
      // AWS's guide: "If your existing domain does not use M3 instances, you can no longer change to them."
      const client = emulator.client();
      await createTestDomain(client, 'on-m3', {
        ElasticsearchClusterConfig: { InstanceType: 'm3.medium.elasticsearch', InstanceCount: 1 },
      });
      const forDomain = await allTypes('7.10', 'on-m3');
      assert.ok(forDomain.includes('m3.medium.elasticsearch'));
      assert.ok(forDomain.includes('m3.large.elasticsearch'));
      const limits = await client.send(
        new DescribeElasticsearchInstanceTypeLimitsCommand({
          ElasticsearchVersion: '7.10',
          InstanceType: 'm3.large.elasticsearch',
          DomainName: 'on-m3',
        }),
      );
      assert.ok(limits.LimitsByRole?.data);
      // And the change the catalogue offers is accepted.
      const updated = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'on-m3',
          ElasticsearchClusterConfig: { InstanceType: 'm3.large.elasticsearch' },
        }),
      );
      assert.equal(
        updated.DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceType,
        'm3.large.elasticsearch',
      );
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'on-m3' }));
    });

    it('counts M3 dedicated masters as M3 in use: their domain may still change its data nodes to M3', async () => {
      const client = emulator.client();
      await createTestDomain(client, 'm3-masters', {
        ElasticsearchClusterConfig: {
          InstanceType: 'm5.large.elasticsearch',
          InstanceCount: 1,
          DedicatedMasterEnabled: true,
          DedicatedMasterCount: 3,
          DedicatedMasterType: 'm3.medium.elasticsearch',
        },
      });
      assert.ok((await allTypes('7.10', 'm3-masters')).includes('m3.large.elasticsearch'));
      const updated = await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'm3-masters',
          ElasticsearchClusterConfig: { InstanceType: 'm3.large.elasticsearch' },
        }),
      );
      assert.equal(
        updated.DomainConfig?.ElasticsearchClusterConfig?.Options?.InstanceType,
        'm3.large.elasticsearch',
      );
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'm3-masters' }));
    });

    it('pages with MaxResults 30 and NextToken', async () => {
      const client = emulator.client();
      const whole = await allTypes('7.10');
      assert.ok(whole.length > 30, 'more than one page');
      const collected: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListElasticsearchInstanceTypesCommand({
            ElasticsearchVersion: '7.10',
            MaxResults: 30,
            NextToken: token,
          }),
        );
        assert.ok((page.ElasticsearchInstanceTypes ?? []).length <= 30);
        collected.push(...(page.ElasticsearchInstanceTypes ?? []));
        token = page.NextToken;
      } while (token);
      assert.deepEqual(collected, whole);
    });

    it('ignores a MaxResults under 30', async () => {
      const answer = await emulator
        .client()
        .send(new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.10', MaxResults: 29 }));
      assert.equal(answer.NextToken, undefined);
      assert.deepEqual(answer.ElasticsearchInstanceTypes, await allTypes('7.10'));
    });

    it('refuses a token of another version', async () => {
      const first = await emulator
        .client()
        .send(new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.10', MaxResults: 30 }));
      await expectServiceError(
        () =>
          emulator.client().send(
            new ListElasticsearchInstanceTypesCommand({
              ElasticsearchVersion: '7.9',
              NextToken: first.NextToken,
            }),
          ),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
    });

    it("refuses a token of the version's listing for a domain, and of one domain's listing for another", async () => {
      // A domain's listing leaves types out (M3 on 7.10): an offset into one list is none into the other.
      const client = emulator.client();
      const tokenFor = async (DomainName?: string) =>
        (
          await client.send(
            new ListElasticsearchInstanceTypesCommand({
              ElasticsearchVersion: '7.10',
              DomainName,
              MaxResults: 30,
            }),
          )
        ).NextToken;
      const withoutDomain = await tokenFor();
      const ofDomain = await tokenFor('on-seven-ten');
      for (const [DomainName, NextToken] of [
        ['on-seven-ten', withoutDomain],
        [undefined, ofDomain],
        ['on-seven-nine', ofDomain],
      ] as const) {
        await expectServiceError(
          () =>
            client.send(
              new ListElasticsearchInstanceTypesCommand({
                ElasticsearchVersion: '7.10',
                DomainName,
                NextToken,
              }),
            ),
          { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
        );
      }
    });

    it('refuses a version the service does not offer, and one of the wrong form', async () => {
      await expectServiceError(
        () =>
          emulator.client().send(new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.11' })),
        {
          name: 'ValidationException',
          status: 400,
          message:
            'Version 7.11 is not supported. Call ListElasticsearchVersions for the supported versions.',
        },
      );
      await expectServiceError(
        () =>
          emulator
            .client()
            .send(new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: 'seven' })),
        {
          name: 'ValidationException',
          status: 400,
          message:
            "1 validation error detected: Value 'seven' at 'elasticsearchVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{1}\\.[0-9]{1,2}$|^OpenSearch_[0-9]{1,2}\\.[0-9]{1,2}$|^OS_[0-9]{1,2}\\.[0-9]{1,2}$",
        },
      );
    });

    it('answers ResourceNotFoundException for an unknown domain', async () => {
      await expectServiceError(
        () =>
          emulator.client().send(
            new ListElasticsearchInstanceTypesCommand({
              ElasticsearchVersion: '7.10',
              DomainName: 'no-such-domain',
            }),
          ),
        { name: 'ResourceNotFoundException', status: 409, message: 'Domain not found: no-such-domain' },
      );
    });
  });

  describe('DescribeElasticsearchInstanceTypeLimits', () => {
    const describe_ = (version: string, instanceType: string, domainName?: string) =>
      emulator.client().send(
        new DescribeElasticsearchInstanceTypeLimitsCommand({
          ElasticsearchVersion: version,
          InstanceType: instanceType as ESPartitionInstanceType,
          DomainName: domainName,
        }),
      );
    const limit = (name: string, value: string) => ({ LimitName: name, LimitValues: [value] });

    it("answers AWS's recorded limits for c5.large on OpenSearch 1.0", async () => {
      const answer = await describe_('OpenSearch_1.0', 'c5.large.elasticsearch');
      // Recorded from AWS (OpenSearch API reference, 2024): the same instance family, renamed `.search` there.
      assert.deepEqual(answer.LimitsByRole, {
        data: {
          StorageTypes: [
            {
              StorageTypeName: 'ebs',
              StorageSubTypeName: 'standard',
              StorageTypeLimits: [limit('MaximumVolumeSize', '100'), limit('MinimumVolumeSize', '10')],
            },
            {
              StorageTypeName: 'ebs',
              StorageSubTypeName: 'io1',
              StorageTypeLimits: [
                limit('MaximumVolumeSize', '256'),
                limit('MinimumVolumeSize', '35'),
                limit('MaximumIops', '16000'),
                limit('MinimumIops', '1000'),
              ],
            },
            {
              StorageTypeName: 'ebs',
              StorageSubTypeName: 'gp2',
              StorageTypeLimits: [limit('MaximumVolumeSize', '256'), limit('MinimumVolumeSize', '10')],
            },
            {
              StorageTypeName: 'ebs',
              StorageSubTypeName: 'gp3',
              StorageTypeLimits: [
                limit('MaximumVolumeSize', '256'),
                limit('MinimumVolumeSize', '10'),
                limit('MaximumIops', '20000'),
                limit('MinimumIops', '3000'),
                limit('MaximumThroughput', '593'),
                limit('MinimumThroughput', '125'),
              ],
            },
          ],
          InstanceLimits: { InstanceCountLimits: { MinimumInstanceCount: 1, MaximumInstanceCount: 80 } },
          AdditionalLimits: [limit('MaximumNumberOfDataNodesWithoutMasterNode', '10')],
        },
        master: {
          InstanceLimits: { InstanceCountLimits: { MinimumInstanceCount: 2, MaximumInstanceCount: 5 } },
          AdditionalLimits: [limit('MaximumNumberOfDataNodesSupported', '200')],
        },
      });
    });

    it("answers the storage of AWS's m4.large 6.0 example: standard, io1, gp2, no gp3", async () => {
      const answer = await describe_('6.0', 'm4.large.elasticsearch');
      const storage = answer.LimitsByRole?.data?.StorageTypes ?? [];
      assert.deepEqual(
        storage.map((s) => [
          s.StorageSubTypeName,
          s.StorageTypeLimits?.find((l) => l.LimitName === 'MaximumVolumeSize')?.LimitValues,
        ]),
        [
          ['standard', ['100']],
          ['io1', ['512']],
          ['gp2', ['512']],
        ],
      );
    });

    it('answers 35 GiB volumes and at most 10 nodes for T2 types', async () => {
      const answer = await describe_('1.5', 't2.micro.elasticsearch');
      const data = answer.LimitsByRole?.data;
      assert.deepEqual(data?.InstanceLimits?.InstanceCountLimits, {
        MinimumInstanceCount: 1,
        MaximumInstanceCount: 10,
      });
      const storageTypes = data?.StorageTypes ?? [];
      assert.ok(storageTypes.length > 0, 'storage types answered');
      for (const storageType of storageTypes) {
        assert.deepEqual(
          storageType.StorageTypeLimits?.find((l) => l.LimitName === 'MaximumVolumeSize')?.LimitValues,
          ['35'],
          `${storageType.StorageSubTypeName} max`,
        );
      }
      assert.deepEqual(answer.LimitsByRole?.master?.AdditionalLimits, [
        limit('MaximumNumberOfDataNodesSupported', '10'),
      ]);
    });

    it('caps magnetic volumes at 35 GiB for T2 only: T3 keeps the 100 GiB of every other type', async () => {
      // catalogue.json ebs.standard_magnetic: AWS's limits page names the t2 types alone.
      const answer = await describe_('7.10', 't3.small.elasticsearch');
      const magnetic = answer.LimitsByRole?.data?.StorageTypes?.find(
        (s) => s.StorageSubTypeName === 'standard',
      );
      assert.deepEqual(
        magnetic?.StorageTypeLimits?.find((l) => l.LimitName === 'MaximumVolumeSize')?.LimitValues,
        ['100'],
      );
    });

    it('answers instance storage and no EBS for I3 types', async () => {
      const answer = await describe_('7.10', 'i3.large.elasticsearch');
      assert.deepEqual(answer.LimitsByRole?.data?.StorageTypes, [
        { StorageTypeName: 'instance', StorageTypeLimits: [] },
      ]);
    });

    it('answers instance storage and EBS for M3 types, which have both', async () => {
      // AWS's instance-type table: M3 (like R3 and I2) comes with instance storage and takes EBS volumes too.
      const answer = await describe_('6.0', 'm3.medium.elasticsearch');
      assert.deepEqual(
        answer.LimitsByRole?.data?.StorageTypes?.map((s) => [s.StorageTypeName, s.StorageSubTypeName]),
        [
          ['instance', undefined],
          ['ebs', 'standard'],
          ['ebs', 'io1'],
          ['ebs', 'gp2'],
        ],
      );
    });

    it('answers the ultra_warm role for UltraWarm types', async () => {
      const answer = await describe_('7.10', 'ultrawarm1.medium.elasticsearch');
      assert.deepEqual(Object.keys(answer.LimitsByRole ?? {}), ['ultra_warm']);
      assert.deepEqual(answer.LimitsByRole?.ultra_warm?.InstanceLimits?.InstanceCountLimits, {
        MinimumInstanceCount: 2,
        MaximumInstanceCount: 150,
      });
    });

    it('answers InvalidTypeException for a type not offered for the version', async () => {
      for (const [version, type] of [
        ['2.3', 'm5.large.elasticsearch'],
        ['6.7', 'ultrawarm1.medium.elasticsearch'],
        ['6.0', 't2.micro.elasticsearch'],
        ['7.10', 'd2.xlarge.elasticsearch'],
      ] as const) {
        await expectServiceError(() => describe_(version, type), {
          name: 'InvalidTypeException',
          status: 409,
          message: `Invalid instance type: ${type}`,
        });
      }
    });

    it('answers InvalidTypeException for M3 on an existing 7.10 domain, and limits for a new one', async () => {
      await expectServiceError(() => describe_('7.10', 'm3.medium.elasticsearch', 'on-seven-ten'), {
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: m3.medium.elasticsearch',
      });
      const forNewDomain = await describe_('7.10', 'm3.medium.elasticsearch');
      assert.ok(forNewDomain.LimitsByRole?.data);
    });

    it('refuses an unknown version and an unknown domain', async () => {
      await expectServiceError(() => describe_('OpenSearch_9.9', 'm5.large.elasticsearch'), {
        name: 'ValidationException',
        status: 400,
        message:
          'Version OpenSearch_9.9 is not supported. Call ListElasticsearchVersions for the supported versions.',
      });
      await expectServiceError(() => describe_('7.10', 'm5.large.elasticsearch', 'no-such-domain'), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Domain not found: no-such-domain',
      });
    });

    it("accepts the newer types AWS's server takes beyond the model's enum (t3, Graviton from 7.9)", async () => {
      const t3 = await describe_('7.10', 't3.small.elasticsearch');
      assert.ok(t3.LimitsByRole?.data);
      const graviton = await describe_('7.10', 'm6g.large.elasticsearch');
      assert.ok(graviton.LimitsByRole?.data);
      await expectServiceError(() => describe_('7.7', 'm6g.large.elasticsearch'), {
        name: 'InvalidTypeException',
        status: 409,
        message: 'Invalid instance type: m6g.large.elasticsearch',
      });
    });

    it("passes the other types AWS's enum errors name, and answers them as types it does not offer", async () => {
      // terraform-provider-aws#27684 (2022-11) and idealo/terraform-aws-opensearch#14 name these among the
      // enum's values; no record shows AWS offering them through this API, nor their limits.
      const namedOnly = [
        'm6i.xlarge.elasticsearch',
        'r7g.16xlarge.elasticsearch',
        't3.micro.elasticsearch',
        'ultrawarm1.xlarge.elasticsearch',
      ];
      const client = emulator.client();
      for (const instanceType of namedOnly) {
        await expectServiceError(() => describe_('7.10', instanceType), {
          name: 'InvalidTypeException',
          status: 409,
          message: `Invalid instance type: ${instanceType}`,
        });
        await expectServiceError(
          () =>
            client.send(
              new CreateElasticsearchDomainCommand({
                DomainName: 'named-only',
                ElasticsearchVersion: '7.10',
                ElasticsearchClusterConfig: { InstanceType: instanceType as ESPartitionInstanceType },
                EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
              }),
            ),
          { name: 'InvalidTypeException', status: 409, message: `Invalid instance type: ${instanceType}` },
        );
      }
      const listed = await client.send(
        new ListElasticsearchInstanceTypesCommand({ ElasticsearchVersion: '7.10' }),
      );
      for (const instanceType of namedOnly) {
        assert.ok(!listed.ElasticsearchInstanceTypes?.includes(instanceType as ESPartitionInstanceType));
      }
      const names = await client.send(new ListDomainNamesCommand({}));
      assert.ok(
        !names.DomainNames?.some((domain) => domain.DomainName === 'named-only'),
        'nothing was created',
      );
    });

    it('refuses a type outside the enum before any handler, with the suffix of the OpenSearch API as AWS did', async () => {
      // terraform-provider-aws#27684: AWS answered `t3.medium.search` through this API with the enum error.
      await expectServiceError(() => describe_('7.10', 't3.medium.search'), {
        name: 'ValidationException',
        status: 400,
        message:
          /^1 validation error detected: Value 't3\.medium\.search' at 'instanceType' failed to satisfy constraint: Member must satisfy enum value set: \[.*t3\.small\.elasticsearch.*m6i\.xlarge\.elasticsearch.*\]$/,
      });
      // A type of the catalogue that no record shows AWS accepting through this API stays outside.
      await expectServiceError(() => describe_('7.10', 'im4gn.large.elasticsearch'), {
        name: 'ValidationException',
        status: 400,
        message: /^1 validation error detected: Value 'im4gn\.large\.elasticsearch' at 'instanceType'/,
      });
    });
  });

  describe('the defaults a create fills in', () => {
    it('are one frozen object, which no create or update changes', async () => {
      const defaults = creationDefaults();
      assert.equal(creationDefaults(), defaults, 'shared, not copied per call');
      for (const member of [
        defaults,
        defaults.CognitoOptions,
        defaults.ElasticsearchClusterConfig.ColdStorageOptions,
      ])
        assert.ok(Object.isFrozen(member));
      const before = JSON.stringify(defaults);

      const client = emulator.client();
      await createTestDomain(client, 'defaults-first', { ElasticsearchVersion: '7.10' });
      await client.send(
        new UpdateElasticsearchDomainConfigCommand({
          DomainName: 'defaults-first',
          ElasticsearchClusterConfig: {
            ZoneAwarenessEnabled: true,
            InstanceCount: 2,
            ColdStorageOptions: { Enabled: false },
          },
          CognitoOptions: {
            Enabled: true,
            UserPoolId: 'us-east-1_AbCdEfGhI',
            IdentityPoolId: 'us-east-1:12345678-1234-1234-1234-123456789012',
            RoleArn: 'arn:aws:iam::000000000000:role/CognitoAccessForAmazonES',
          },
        }),
      );
      await createTestDomain(client, 'defaults-second', { ElasticsearchVersion: '7.10' });
      const second = (
        await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'defaults-second' }))
      ).DomainStatus!;
      assert.deepEqual(second.CognitoOptions, { Enabled: false });
      assert.equal(second.ElasticsearchClusterConfig?.ZoneAwarenessEnabled, false);
      assert.equal(second.ElasticsearchClusterConfig?.ZoneAwarenessConfig, undefined);
      assert.deepEqual(second.ElasticsearchClusterConfig?.ColdStorageOptions, { Enabled: false });
      assert.equal(JSON.stringify(creationDefaults()), before);
      for (const name of ['defaults-first', 'defaults-second'])
        await client.send(new DeleteElasticsearchDomainCommand({ DomainName: name }));
    });
  });

  describe('compareVersions', () => {
    const table: [string, string, '<' | '=' | '>'][] = [
      ['7.10', '7.9', '>'],
      ['7.9', '7.10', '<'],
      ['6.8', '7.1', '<'],
      ['7.10', '7.10', '='],
      ['OpenSearch_1.0', '7.10', '>'],
      ['7.10', 'OpenSearch_1.0', '<'],
      ['OpenSearch_2.19', 'OpenSearch_2.3', '>'],
      ['OpenSearch_1.3', 'Elasticsearch_7.10', '>'],
      ['Elasticsearch_7.10', '7.10', '='],
      ['1.5', '2.3', '<'],
    ];
    for (const [a, b, order] of table) {
      it(`${a} ${order} ${b}`, () => {
        const sign = Math.sign(compareVersions(a, b));
        assert.equal(sign, order === '<' ? -1 : order === '=' ? 0 : 1);
      });
    }

    it('orders as before once more versions were compared than it keeps read (a caller may send any)', () => {
      // Three times the versions kept read: the kept ones are dropped on the way, and the order holds throughout.
      const versions = Array.from({ length: 3_000 }, (_, i) => `${Math.floor(i / 100)}.${i % 100}`);
      for (let i = 1; i < versions.length; i++) {
        assert.ok(
          compareVersions(versions[i - 1]!, versions[i]!) < 0,
          `${versions[i - 1]} before ${versions[i]}`,
        );
        assert.ok(
          compareVersions(versions[i]!, versions[i - 1]!) > 0,
          `${versions[i]} after ${versions[i - 1]}`,
        );
      }
      assert.ok(compareVersions('OpenSearch_1.0', versions.at(-1)!) > 0);
    });
  });
});
