import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
} from '@aws-sdk/client-elasticsearch-service';
import ES from 'aws-sdk/clients/es';
import { errorOf } from './support/emulator';
import type { SpawnedEmulator } from './support/spawned-emulator';
import { spawnEmulator } from './support/spawned-emulator';

/**
 * The other real clients against the compiled server started as `npm start` starts it: the JS SDK v2
 * (a dev dependency, always run), and the AWS CLI and boto3 when the machine has them (skipped otherwise).
 */
const credentials = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
};

function findAwsCli(): string | undefined {
  for (const candidate of ['/usr/bin/aws', 'aws']) {
    const result = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (result.status === 0) return candidate;
  }
  return undefined;
}

function hasBoto3(): boolean {
  return spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
}

const awsCli = findAwsCli();

describe('other real clients against the compiled server', function () {
  this.timeout(120_000);
  let emulator: SpawnedEmulator;
  before(async () => {
    emulator = await spawnEmulator();
  });
  after(() => emulator.stop());

  it('JS SDK v2: create, describe, update, tag, list, upgrade check, package, delete, and AWS errors', async () => {
    const es = new ES({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxRetries: 0,
    });
    const name = 'sdk-v2-domain';
    const created = await es
      .createElasticsearchDomain({
        DomainName: name,
        ElasticsearchVersion: '7.10',
        ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 1 },
        EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10 },
      })
      .promise();
    assert.equal(created.DomainStatus?.DomainName, name);
    assert.equal(created.DomainStatus?.Processing, true);
    const described = await es.describeElasticsearchDomain({ DomainName: name }).promise();
    const arn = described.DomainStatus.ARN;
    assert.equal(arn, `arn:aws:es:us-east-1:000000000000:domain/${name}`);
    assert.equal(described.DomainStatus.Created, true);
    const updated = await es
      .updateElasticsearchDomainConfig({ DomainName: name, ElasticsearchClusterConfig: { InstanceCount: 2 } })
      .promise();
    assert.equal(updated.DomainConfig.ElasticsearchClusterConfig?.Options.InstanceCount, 2);
    await es.addTags({ ARN: arn, TagList: [{ Key: 'team', Value: 'search' }] }).promise();
    assert.deepEqual((await es.listTags({ ARN: arn }).promise()).TagList, [{ Key: 'team', Value: 'search' }]);
    await es.removeTags({ ARN: arn, TagKeys: ['team'] }).promise();
    assert.deepEqual((await es.listTags({ ARN: arn }).promise()).TagList ?? [], []);
    const names = (await es.listDomainNames({}).promise()).DomainNames?.map((d) => d.DomainName);
    assert.ok(names?.includes(name));
    const check = await es
      .upgradeElasticsearchDomain({
        DomainName: name,
        TargetVersion: 'OpenSearch_1.3',
        PerformCheckOnly: true,
      })
      .promise();
    assert.equal(check.PerformCheckOnly, true);
    const packageDetails = (
      await es
        .createPackage({
          PackageName: `${name}-synonyms`,
          PackageType: 'TXT-DICTIONARY',
          PackageSource: { S3BucketName: 'my-bucket', S3Key: 'synonyms.txt' },
        })
        .promise()
    ).PackageDetails!;
    await es.deletePackage({ PackageID: packageDetails.PackageID! }).promise();
    const deleted = await es.deleteElasticsearchDomain({ DomainName: name }).promise();
    assert.equal(deleted.DomainStatus?.Deleted, true);
    await assert.rejects(es.describeElasticsearchDomain({ DomainName: name }).promise(), (error: unknown) => {
      const e = error as { code: string; statusCode: number; message: string };
      assert.equal(e.code, 'ResourceNotFoundException');
      assert.equal(e.statusCode, 409);
      assert.equal(e.message, `Domain not found: ${name}`);
      return true;
    });
    assert.deepEqual(await es.deleteElasticsearchServiceRole().promise(), {});
  });

  (awsCli ? it : it.skip)('AWS CLI: the same flow with --endpoint-url, and AWS errors', () => {
    const cli = (...args: string[]) => {
      const result = spawnSync(awsCli!, [...args, '--endpoint-url', emulator.endpoint, '--output', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, ...credentials, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' },
      });
      return {
        status: result.status,
        json: result.stdout ? (JSON.parse(result.stdout) as never) : undefined,
        stderr: result.stderr,
      };
    };
    const name = 'cli-domain';
    const created = cli(
      'es',
      'create-elasticsearch-domain',
      '--domain-name',
      name,
      '--elasticsearch-version',
      '7.10',
      '--elasticsearch-cluster-config',
      'InstanceType=m5.large.elasticsearch,InstanceCount=1',
      '--ebs-options',
      'EBSEnabled=true,VolumeType=gp2,VolumeSize=10',
    );
    assert.equal(created.status, 0, created.stderr);
    const createdStatus = (created.json as unknown as { DomainStatus: { DomainName: string; ARN: string } })
      .DomainStatus;
    assert.equal(createdStatus.DomainName, name);
    const arn = createdStatus.ARN;
    const described = cli('es', 'describe-elasticsearch-domain', '--domain-name', name);
    assert.equal(described.status, 0, described.stderr);
    const updated = cli(
      'es',
      'update-elasticsearch-domain-config',
      '--domain-name',
      name,
      '--elasticsearch-cluster-config',
      'InstanceCount=2',
    );
    assert.equal(updated.status, 0, updated.stderr);
    assert.equal(cli('es', 'add-tags', '--arn', arn, '--tag-list', 'Key=team,Value=search').status, 0);
    const tags = cli('es', 'list-tags', '--arn', arn);
    assert.deepEqual((tags.json as unknown as { TagList: unknown }).TagList, [
      { Key: 'team', Value: 'search' },
    ]);
    assert.equal(cli('es', 'remove-tags', '--arn', arn, '--tag-keys', 'team').status, 0);
    const names = cli('es', 'list-domain-names');
    assert.ok(JSON.stringify(names.json).includes(name));
    const check = cli(
      'es',
      'upgrade-elasticsearch-domain',
      '--domain-name',
      name,
      '--target-version',
      'OpenSearch_1.3',
      '--perform-check-only',
    );
    assert.equal(check.status, 0, check.stderr);
    const created_package = cli(
      'es',
      'create-package',
      '--package-name',
      `${name}-synonyms`,
      '--package-type',
      'TXT-DICTIONARY',
      '--package-source',
      'S3BucketName=my-bucket,S3Key=synonyms.txt',
    );
    assert.equal(created_package.status, 0, created_package.stderr);
    const packageId = (created_package.json as unknown as { PackageDetails: { PackageID: string } })
      .PackageDetails.PackageID;
    assert.equal(cli('es', 'delete-package', '--package-id', packageId).status, 0);
    assert.equal(cli('es', 'delete-elasticsearch-domain', '--domain-name', name).status, 0);
    const missing = cli('es', 'describe-elasticsearch-domain', '--domain-name', name);
    assert.notEqual(missing.status, 0);
    assert.match(
      missing.stderr,
      // CLI v2 adds "(reached max retries: N)" before the colon.
      new RegExp(
        `An error occurred \\(ResourceNotFoundException\\) when calling the DescribeElasticsearchDomain operation( \\(reached max retries: \\d+\\))?: Domain not found: ${name}`,
      ),
    );
    assert.equal(cli('es', 'delete-elasticsearch-service-role').status, 0);
  });

  (hasBoto3() ? it : it.skip)(
    'boto3 fourteen hours east of UTC reads back the last maintenance start the emulator takes, and is refused the next day',
    () => {
      const script = [
        'import boto3, datetime, json, os',
        "es = boto3.client('es', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
        "es.create_elasticsearch_domain(DomainName='far-east', ElasticsearchVersion='7.10',",
        "    EBSOptions={'EBSEnabled': True, 'VolumeSize': 10})",
        'def schedule(start):',
        "    return {'DesiredState': 'ENABLED', 'MaintenanceSchedules': [{'StartAt': start,",
        "        'Duration': {'Value': 2, 'Unit': 'HOURS'}, 'CronExpressionForRecurrence': 'cron(0 0 ? * MON *)'}]}",
        'utc = datetime.timezone.utc',
        'try:',
        "    es.update_elasticsearch_domain_config(DomainName='far-east',",
        '        AutoTuneOptions=schedule(datetime.datetime(9999, 12, 31, tzinfo=utc)))',
        '    refused = None',
        'except es.exceptions.ValidationException as error:',
        "    refused = error.response['Error']['Code']",
        "es.update_elasticsearch_domain_config(DomainName='far-east',",
        '    AutoTuneOptions=schedule(datetime.datetime(9999, 12, 30, 23, 59, 59, tzinfo=utc)))',
        "config = es.describe_elasticsearch_domain_config(DomainName='far-east')['DomainConfig']",
        "start = config['AutoTuneOptions']['Options']['MaintenanceSchedules'][0]['StartAt']",
        "es.delete_elasticsearch_domain(DomainName='far-east')",
        "print(json.dumps({'refused': refused, 'read': start.astimezone(utc).isoformat()}))",
      ].join('\n');
      const output = execFileSync('python3', ['-c', script], {
        encoding: 'utf8',
        env: { ...process.env, ...credentials, ENDPOINT: emulator.endpoint, TZ: 'Pacific/Kiritimati' },
      });
      assert.deepEqual(JSON.parse(output), {
        refused: 'ValidationException',
        read: '9999-12-30T23:59:59+00:00',
      });
    },
  );

  (hasBoto3() ? it : it.skip)(
    "boto3's paginators resume from any NextToken the emulator gave, as StartingToken: its own tokens are not mistaken for botocore's",
    () => {
      // botocore reads a StartingToken that decodes as base64 of a JSON object as a token of its own, and one
      // holding `___` as a token of an old form: the emulator's tokens must be neither. Every token of every
      // page size of the reserved instance offerings (102 of them) is resumed from, and the pages after it
      // compared with the walk's own.
      const sizes = [100, 1, 2, 3, 5, 7];
      const script = [
        'import boto3, json, os',
        "es = boto3.client('es', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
        "operation = 'describe_reserved_elasticsearch_instance_offerings'",
        "ids = lambda page: [o['ReservedElasticsearchInstanceOfferingId'] for o in page['ReservedElasticsearchInstanceOfferings']]",
        'full = ids(es.get_paginator(operation).paginate().build_full_result())',
        'resumed, wrong = 0, []',
        `for size in ${JSON.stringify(sizes)}:`,
        '    walked, page = [], getattr(es, operation)(MaxResults=size)',
        '    while True:',
        '        walked += ids(page)',
        "        token = page.get('NextToken')",
        '        if not token: break',
        '        try:',
        "            rest = es.get_paginator(operation).paginate(PaginationConfig={'StartingToken': token})",
        '            if ids(rest.build_full_result()) != full[len(walked):]: wrong.append(token)',
        '        except Exception as error:',
        "            wrong.append(f'{token}: {error}')",
        '        resumed += 1',
        '        page = getattr(es, operation)(MaxResults=size, NextToken=token)',
        "    if walked != full: wrong.append(f'the walk of {size}')",
        "print(json.dumps({'offerings': len(full), 'resumed': resumed, 'wrong': wrong}))",
      ].join('\n');
      const output = execFileSync('python3', ['-c', script], {
        encoding: 'utf8',
        env: { ...process.env, ...credentials, ENDPOINT: emulator.endpoint },
      });
      const offerings = 102;
      assert.deepEqual(JSON.parse(output), {
        offerings,
        resumed: sizes.reduce((tokens, size) => tokens + Math.ceil(offerings / size) - 1, 0),
        wrong: [],
      });
    },
  );

  (hasBoto3() ? it : it.skip)('boto3: the same flow, with modelled exceptions', () => {
    const script = path.resolve(__dirname, '..', '..', 'spec', 'clients', 'boto3_flow.py');
    const output = execFileSync('python3', [script], {
      encoding: 'utf8',
      env: { ...process.env, ...credentials, ENDPOINT: emulator.endpoint, DOMAIN: 'boto3-domain' },
    });
    const result = JSON.parse(output) as Record<string, unknown>;
    assert.deepEqual(result.created, { name: 'boto3-domain', processing: true });
    assert.deepEqual(result.described, {
      arn: 'arn:aws:es:us-east-1:000000000000:domain/boto3-domain',
      version: '7.10',
    });
    assert.equal(result.updatedCount, 2);
    assert.deepEqual(result.tags, [{ Key: 'team', Value: 'search' }]);
    assert.deepEqual(result.tagsAfterRemove, []);
    assert.ok((result.names as string[]).includes('boto3-domain'));
    assert.deepEqual(result.upgradeCheck, { target: 'OpenSearch_1.3', checkOnly: true });
    assert.equal(result.describedPackages, true);
    assert.equal(result.deleted, true);
    assert.deepEqual(result.missing, {
      code: 'ResourceNotFoundException',
      message: 'Domain not found: boto3-domain',
      status: 409,
      modelled: true,
    });
    assert.deepEqual(result.serviceRole, {});
  });
});

describe('other real clients against an enforcing server with seeded principals', function () {
  this.timeout(120_000);
  const reader = { accessKeyId: 'AKIAREADER0000000001', secretAccessKey: 'reader-secret' };
  // CreateElasticsearchDomain is decided on both its actions, and its denial names both (reference A2).
  const denialOf = (action: string, name: string) =>
    `User: arn:aws:iam::111122223333:user/reader is not authorized to perform: ${action} ` +
    `on resource: arn:aws:es:us-east-1:111122223333:domain/${name} because no identity-based policy allows ` +
    `the ${action} action`;
  const denial = (name: string) =>
    `[${denialOf('es:CreateDomain', name)}, ${denialOf('es:CreateElasticsearchDomain', name)}]`;
  let emulator: SpawnedEmulator;
  before(async () => {
    const seed = path.resolve(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
    emulator = await spawnEmulator(['--iam-seed', seed, '--iam-mode', 'enforce']);
  });
  after(() => emulator.stop());

  it('JS SDK v3: a read-only user lists, and is refused a create with AccessDeniedException', async () => {
    const client = new ElasticsearchServiceClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: reader,
      maxAttempts: 1,
    });
    try {
      assert.ok(Array.isArray((await client.send(new ListDomainNamesCommand({}))).DomainNames));
      const error = await errorOf(() =>
        client.send(new CreateElasticsearchDomainCommand({ DomainName: 'v3-denied' })),
      );
      assert.equal(error.name, 'AccessDeniedException');
      assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
      assert.equal(error.message, denial('v3-denied'));
    } finally {
      client.destroy();
    }
  });

  it('JS SDK v2: the same refusal', async () => {
    const es = new ES({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: reader,
      maxRetries: 0,
    });
    assert.ok(Array.isArray((await es.listDomainNames({}).promise()).DomainNames));
    await assert.rejects(
      es.createElasticsearchDomain({ DomainName: 'v2-denied' }).promise(),
      (error: unknown) => {
        const e = error as { code: string; statusCode: number; message: string };
        assert.equal(e.code, 'AccessDeniedException');
        assert.equal(e.statusCode, 403);
        assert.equal(e.message, denial('v2-denied'));
        return true;
      },
    );
  });

  (awsCli ? it : it.skip)('AWS CLI: the same refusal', () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: reader.accessKeyId,
      AWS_SECRET_ACCESS_KEY: reader.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
    };
    const listed = spawnSync(awsCli!, ['es', 'list-domain-names', '--endpoint-url', emulator.endpoint], {
      encoding: 'utf8',
      env,
    });
    assert.equal(listed.status, 0, listed.stderr);
    const created = spawnSync(
      awsCli!,
      [
        'es',
        'create-elasticsearch-domain',
        '--domain-name',
        'cli-denied',
        '--endpoint-url',
        emulator.endpoint,
      ],
      { encoding: 'utf8', env },
    );
    assert.notEqual(created.status, 0);
    assert.ok(created.stderr.includes('(AccessDeniedException)'), created.stderr);
    assert.ok(created.stderr.includes(denial('cli-denied')), created.stderr);
  });

  (hasBoto3() ? it : it.skip)('boto3: the same refusal', () => {
    const script = path.resolve(__dirname, '..', '..', 'spec', 'clients', 'boto3_flow.py');
    const output = execFileSync('python3', [script, 'denied'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: reader.accessKeyId,
        AWS_SECRET_ACCESS_KEY: reader.secretAccessKey,
        ENDPOINT: emulator.endpoint,
        DOMAIN: 'boto3-denied',
      },
    });
    const result = JSON.parse(output) as { names: string[]; create: unknown };
    assert.ok(Array.isArray(result.names));
    assert.deepEqual(result.create, {
      code: 'AccessDeniedException',
      message: denial('boto3-denied'),
      status: 403,
    });
  });
});
