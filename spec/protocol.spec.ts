import assert from 'node:assert/strict';
import http from 'node:http';
import {
  AddTagsCommand,
  CreateElasticsearchDomainCommand,
  DeleteInboundCrossClusterSearchConnectionCommand,
  DescribeElasticsearchDomainCommand,
  GetUpgradeStatusCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-elasticsearch-service';
import type { ErrorObject } from 'ajv';
import request from 'supertest';
import { formatErrors } from '../server/protocol/validation';
import type { TestEmulator } from './support/emulator';
import { testDomainInput } from './support/domains';
import { errorOf, startTestEmulator } from './support/emulator';

describe('the wire protocol', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(() => emulator.stop());

  it('answers model validation errors in AWS wording through the JS v3 SDK, a pattern before a length', async () => {
    const error = await errorOf(() =>
      emulator.client().send(new DescribeElasticsearchDomainCommand({ DomainName: 'Ab' })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(
      error.message,
      "2 validation errors detected: Value 'Ab' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+; " +
        "Value 'Ab' at 'domainName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it("answers a domain's ARN given as its name as AWS did (real-responses §2 V4, sst#5811)", async () => {
    const arn = 'arn:aws:es:us-east-1:123456789012:domain/app-dev-myopensearch-efsmkrbt';
    const error = await errorOf(() =>
      emulator.client().send(new DescribeElasticsearchDomainCommand({ DomainName: arn })),
    );
    assert.equal(
      error.message,
      `2 validation errors detected: Value '${arn}' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+; ` +
        `Value '${arn}' at 'domainName' failed to satisfy constraint: Member must have length less than or equal to 28`,
    );
  });

  it("names a sensitive member without its value: the master user's password stays out of the message", async () => {
    const error = await errorOf(() =>
      emulator.client().send(
        new CreateElasticsearchDomainCommand({
          DomainName: 'secretive',
          AdvancedSecurityOptions: {
            Enabled: true,
            InternalUserDatabaseEnabled: true,
            MasterUserOptions: { MasterUserName: '', MasterUserPassword: 'hunter2' },
          },
        }),
      ),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "2 validation errors detected: Value at 'advancedSecurityOptions.masterUserOptions.masterUserName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value at 'advancedSecurityOptions.masterUserOptions.masterUserPassword' failed to satisfy constraint: Member must have length greater than or equal to 8",
    );
  });

  it('names a sensitive member of the wrong JSON type without its value too', async () => {
    const response = await request(emulator.endpoint)
      .post('/2015-01-01/es/domain')
      .set('Content-Type', 'application/json')
      .send({
        DomainName: 'secretive',
        AdvancedSecurityOptions: { MasterUserOptions: { MasterUserPassword: 12345678 } },
      });
    assert.equal(response.status, 400);
    assert.equal(
      response.body.message,
      "1 validation error detected: Value at 'advancedSecurityOptions.masterUserOptions.masterUserPassword' failed to satisfy constraint: Member must be of type string",
    );
  });

  it('reports at most 10 violations, counted as reported', async () => {
    const error = await errorOf(() =>
      emulator.client().send(
        new AddTagsCommand({
          ARN: 'arn:aws:es:us-east-1:000000000000:domain/tagged',
          TagList: Array.from({ length: 12 }, () => ({ Key: '', Value: 'v' })),
        }),
      ),
    );
    assert.equal(error.name, 'ValidationException');
    assert.match(error.message, /^10 validation errors detected: /);
    assert.equal(error.message.split('; ').length, 10);
    assert.match(error.message, /'tagList\.10\.member\.key'/);
    assert.doesNotMatch(error.message, /'tagList\.11\.member\.key'/);
  });

  it('reads an empty label as an empty value, not as a shorter path naming another operation', async () => {
    await emulator.client().send(new CreateElasticsearchDomainCommand(testDomainInput('config')));
    const response = await request(emulator.endpoint).get('/2015-01-01/es/domain//config');
    assert.equal(response.status, 400);
    assert.equal(response.headers['x-amzn-errortype'], 'ValidationException');
    assert.equal(
      response.body.message,
      "2 validation errors detected: Value '' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+; " +
        "Value '' at 'domainName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it('reads slashes at the start of a path as one, and a final slash as none unless it ends an empty label', async () => {
    const listed = await request(emulator.endpoint).get('//2015-01-01/domain');
    assert.equal(listed.status, 200);
    assert.ok(Array.isArray(listed.body.DomainNames));
    // ListTags has its path with and without the slash (botocore sends it).
    const tags = await request(emulator.endpoint).get('/2015-01-01/tags/?arn=x');
    assert.equal(tags.headers['x-amzn-errortype'], 'ValidationException');
    assert.match(tags.body.message, /^Invalid ARN: x\./);
    // No DELETE has the create's path: the slash ends DeleteElasticsearchDomain's empty DomainName.
    const deleted = await request(emulator.endpoint).delete('/2015-01-01/es/domain/');
    assert.equal(deleted.status, 400);
    assert.equal(deleted.headers['x-amzn-errortype'], 'ValidationException');
    assert.match(deleted.body.message, /Value '' at 'domainName' failed to satisfy constraint/);
    // A method no operation has for either path stays a wrong method.
    const put = await request(emulator.endpoint).put('/2015-01-01/es/domain/');
    assert.equal(put.status, 405);
    assert.equal(put.headers['x-amzn-errortype'], 'MethodNotAllowedException');
    // Without the final slash there is no empty label: GET of the create's path is a wrong method, not a describe.
    const getWithoutSlash = await request(emulator.endpoint).get('/2015-01-01/es/domain');
    assert.equal(getWithoutSlash.status, 405);
    assert.equal(getWithoutSlash.headers['x-amzn-errortype'], 'MethodNotAllowedException');
  });

  it('answers an empty label the JS v3 SDK sends with a ValidationException it maps, not a routing error', async () => {
    const client = emulator.client();
    const describe = await errorOf(() =>
      client.send(new DescribeElasticsearchDomainCommand({ DomainName: '' })),
    );
    assert.ok(describe instanceof ValidationException, describe.name);
    assert.equal(
      describe.message,
      "2 validation errors detected: Value '' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+; " +
        "Value '' at 'domainName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    const upgrade = await errorOf(() => client.send(new GetUpgradeStatusCommand({ DomainName: '' })));
    assert.ok(upgrade instanceof ValidationException, upgrade.name);
    const inbound = await errorOf(() =>
      client.send(
        new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: '' }),
      ),
    );
    // The id the model bounds by no length: the empty one names no connection.
    assert.ok(inbound instanceof ResourceNotFoundException, `${inbound.name}: ${inbound.message}`);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await request(emulator.endpoint).get('/2015-01-01/nothing-here');
    assert.equal(response.status, 404);
    assert.equal(response.headers['x-amzn-errortype'], 'UnknownOperationException');
    assert.match(response.headers['x-amzn-requestid'] as string, /^[0-9a-f-]{36}$/);
    assert.equal(typeof response.body.message, 'string');
  });

  it('answers a known path with the wrong method with a JSON 405', async () => {
    const response = await request(emulator.endpoint).put('/2015-01-01/domain');
    assert.equal(response.status, 405);
    assert.equal(response.headers['x-amzn-errortype'], 'MethodNotAllowedException');
  });

  it('routes by path and method before it decodes labels: only the operation found decodes its own', async () => {
    // No operation answers PUT on a domain's path: the method is wrong whatever the label holds.
    const wrongMethod = await request(emulator.endpoint).put('/2015-01-01/es/domain/%ZZ');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers['x-amzn-errortype'], 'MethodNotAllowedException');
    const describe = await request(emulator.endpoint).get('/2015-01-01/es/domain/%ZZ');
    assert.equal(describe.status, 400);
    assert.equal(describe.headers['x-amzn-errortype'], 'SerializationException');
    assert.equal(describe.body.message, "The path segment '%ZZ' is not valid percent-encoding");
    // A path whose literal after the label is no operation's is unknown, whatever the label holds.
    const unknown = await request(emulator.endpoint).get('/2015-01-01/es/domain/%ZZ/nothing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers['x-amzn-errortype'], 'UnknownOperationException');
  });

  it('answers malformed JSON with a JSON 400', async () => {
    const response = await request(emulator.endpoint)
      .post('/2015-01-01/es/domain')
      .set('Content-Type', 'application/json')
      .send('{"DomainName": ');
    assert.equal(response.status, 400);
    assert.equal(response.headers['x-amzn-errortype'], 'SerializationException');
  });

  it('answers a JSON body that is not an object with a JSON 400', async () => {
    for (const body of ['[]', '"text"', '42']) {
      const response = await request(emulator.endpoint)
        .post('/2015-01-01/es/domain')
        .set('Content-Type', 'application/json')
        .send(body);
      assert.equal(response.status, 400, body);
      assert.equal(response.headers['x-amzn-errortype'], 'SerializationException', body);
    }
  });

  it('reads a body of whitespace only as an empty body, as it reads `{}`', async () => {
    for (const body of ['{}', ' ', '\n', ' \t\r\n ']) {
      const response = await request(emulator.endpoint)
        .post('/2015-01-01/packages/describe')
        .set('Content-Type', 'application/json')
        .send(body);
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.deepEqual(response.body.PackageDetailsList, [], JSON.stringify(body));
    }
  });

  it('reads a body nested 64 levels below its object, and refuses one nested a level deeper', async () => {
    // Each object is a level, and so is each list within a list (a member's own list is at the member's level).
    const objects = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const lists = (levels: number) => `${'['.repeat(levels + 1)}${']'.repeat(levels + 1)}`;
    for (const [name, nested] of [
      ['objects', objects],
      ['lists', lists],
    ] as const) {
      const bodyOf = (levels: number) => `{"DomainNames":["deep"],"Unknown":${nested(levels)}}`;
      const deepest = await request(emulator.endpoint)
        .post('/2015-01-01/es/domain-info')
        .set('Content-Type', 'application/json')
        .send(bodyOf(64));
      assert.equal(deepest.status, 200, `${name}: ${JSON.stringify(deepest.body)}`);
      const deeper = await request(emulator.endpoint)
        .post('/2015-01-01/es/domain-info')
        .set('Content-Type', 'application/json')
        .send(bodyOf(65));
      assert.equal(deeper.status, 400, name);
      assert.equal(deeper.headers['x-amzn-errortype'], 'SerializationException', name);
      assert.equal(deeper.body.message, 'The request body is nested deeper than 64 levels', name);
    }
  });

  it('reads a member sent as JSON null as a member left out', async () => {
    const response = await request(emulator.endpoint)
      .post('/2015-01-01/es/domain')
      .set('Content-Type', 'application/json')
      .send(
        '{"DomainName":"nulls","ElasticsearchVersion":null,"AccessPolicies":null,' +
          '"EBSOptions":{"EBSEnabled":true,"VolumeSize":10,"VolumeType":null}}',
      );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { DomainStatus: left } = await emulator.client().send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'left-out',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
    assert.equal(response.body.DomainStatus.ElasticsearchVersion, left?.ElasticsearchVersion);
    assert.equal(response.body.DomainStatus.EBSOptions.VolumeType, left?.EBSOptions?.VolumeType);
    assert.equal(response.body.DomainStatus.AccessPolicies, left?.AccessPolicies);
  });

  it('keeps connections alive between requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      const { headers, socket } = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http
          .get(`${emulator.endpoint}/2015-01-01/nothing-here`, { agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response));
          })
          .on('error', reject);
      });
      assert.notEqual(headers.connection, 'close');
      sockets.add(socket);
    }
    agent.destroy();
    assert.equal(sockets.size, 1);
  });
});

describe('model validation messages', () => {
  it('refuses an input that only a keyword without Coral wording rejects, in ajv words: never fails open', () => {
    const refusedByUnworded: ErrorObject[] = [
      {
        keyword: 'uniqueItems',
        instancePath: '/DomainNames',
        schemaPath: '#/properties/DomainNames/uniqueItems',
        params: { i: 1, j: 0 },
        message: 'must NOT have duplicate items (items ## 0 and 1 are identical)',
      },
    ];
    assert.deepEqual(formatErrors(refusedByUnworded, { DomainNames: ['a', 'a'] }), [
      "Value at 'domainNames' failed to satisfy constraint: must NOT have duplicate items (items ## 0 and 1 are identical)",
    ]);
  });
});
