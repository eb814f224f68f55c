import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ElasticsearchServiceClient, ListDomainNamesCommand } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';

const execFileAsync = promisify(execFile);

/**
 * Clients find a local endpoint through an explicit option or, for the JS v3 SDK and recent botocore,
 * through AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE and AWS_ENDPOINT_URL (GUIDE section 3).
 */
describe('finding the emulator through the environment', () => {
  let emulator: TestEmulator;
  const saved = { ...process.env };
  before(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => {
    delete process.env.AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE;
    delete process.env.AWS_ENDPOINT_URL;
    Object.assign(process.env, saved);
  });
  after(() => emulator.stop());

  for (const variable of ['AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE', 'AWS_ENDPOINT_URL']) {
    it(`JS SDK v3 reads ${variable}`, async () => {
      process.env[variable] = emulator.endpoint;
      const client = new ElasticsearchServiceClient({
        region: emulator.region,
        credentials: emulator.credentials,
        maxAttempts: 1,
      });
      try {
        const answer = await client.send(new ListDomainNamesCommand({}));
        assert.equal(answer.$metadata.httpStatusCode, 200);
        assert.match(answer.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      } finally {
        client.destroy();
      }
    });
  }

  // botocore reads service-specific endpoint variables since 1.31 (ConfiguredEndpointProvider).
  const botocoreReadsIt =
    spawnSync('python3', ['-c', 'from botocore.configprovider import ConfiguredEndpointProvider'], {
      encoding: 'utf8',
    }).status === 0;

  (botocoreReadsIt ? it : it.skip)('boto3 reads AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE', async () => {
    // Asynchronous: the emulator answers from this process's event loop.
    const result = await execFileAsync(
      'python3',
      ['-c', "import boto3, json; print(json.dumps(boto3.client('es').list_domain_names()['DomainNames']))"],
      {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE: emulator.endpoint,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'us-east-1',
        },
      },
    );
    assert.deepEqual(JSON.parse(result.stdout), []);
  });
});
