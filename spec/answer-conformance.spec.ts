import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DescribeElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListVpcEndpointsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import { answerViolations, checkAnswersAgainstModel } from './support/answer-conformance';

/** The least DomainStatus the model allows: its four required members. */
const domainStatus = {
  DomainId: '000000000000/logs',
  DomainName: 'logs',
  ARN: 'arn:aws:es:us-east-1:000000000000:domain/logs',
  ElasticsearchClusterConfig: {},
};

describe('the model check every test client applies to its answers', () => {
  const rows: { name: string; operation: string; body: unknown; violation?: RegExp }[] = [
    {
      name: 'a DomainStatus with its required members',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: domainStatus },
    },
    {
      name: 'a member the shape does not declare',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: { ...domainStatus, Engine: 'OpenSearch' } },
      violation: /\/DomainStatus must NOT have additional properties: Engine/,
    },
    {
      name: 'a required member left out',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: { ...domainStatus, ARN: undefined } },
      violation: /\/DomainStatus must have required property 'ARN'/,
    },
    {
      name: 'a value outside its enum',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: { ...domainStatus, ElasticsearchClusterConfig: { InstanceType: 'huge' } } },
      violation: /InstanceType must be equal to one of the allowed values/,
    },
    {
      name: 'a timestamp as an ISO string (JS v3 throws on it)',
      operation: 'GetUpgradeHistory',
      body: { UpgradeHistories: [{ StartTimestamp: '2026-11-26T00:00:00Z' }] },
      violation: /StartTimestamp must be number/,
    },
    {
      name: 'a number as a string',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: { ...domainStatus, ElasticsearchClusterConfig: { InstanceCount: '3' } } },
      violation: /InstanceCount must be integer/,
    },
    {
      name: 'a map key outside its key shape',
      operation: 'DescribeElasticsearchDomain',
      body: { DomainStatus: { ...domainStatus, LogPublishingOptions: { BOGUS: {} } } },
      violation: /\/DomainStatus\/LogPublishingOptions property name must be valid/,
    },
    {
      name: 'a last page of a VPC endpoint list, without the NextToken the model calls required',
      operation: 'ListVpcEndpoints',
      body: { VpcEndpointSummaryList: [] },
    },
    { name: 'an operation without output answering {}', operation: 'AddTags', body: {} },
    { name: 'an operation without output answering nothing', operation: 'AddTags', body: '' },
    {
      name: 'an operation without output answering members',
      operation: 'RemoveTags',
      body: { Removed: true },
      violation: /RemoveTags has no output/,
    },
    {
      name: '__type in a success body',
      operation: 'ListDomainNames',
      body: { __type: 'x', DomainNames: [] },
      violation: /__type/,
    },
    { name: 'a body that is not JSON', operation: 'ListDomainNames', body: '{', violation: /not JSON/ },
    { name: 'a JSON array', operation: 'ListDomainNames', body: [], violation: /not an object/ },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const body = typeof row.body === 'string' ? row.body : JSON.stringify(row.body);
      const violations = answerViolations(row.operation, body);
      if (row.violation) assert.match(violations.join('; '), row.violation);
      else assert.deepEqual(violations, []);
    });
  }

  describe('through the JS v3 SDK, against a server answering whatever it is told', () => {
    let answer = '{}';
    let server: http.Server;
    let client: ElasticsearchServiceClient;
    before(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(answer),
          });
          res.end(answer);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      client = new ElasticsearchServiceClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      checkAnswersAgainstModel(client);
    });
    after(async () => {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('hands a conforming answer to the caller, body intact', async () => {
      answer = JSON.stringify({ DomainStatus: domainStatus });
      const output = await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'logs' }));
      assert.equal(output.DomainStatus?.ARN, domainStatus.ARN);
    });

    it('fails the call on an answer the model does not allow, naming the member', async () => {
      answer = JSON.stringify({ VpcEndpointSummaryList: [{ VpcEndpointId: 'aos-1', Status: 'BUSY' }] });
      await assert.rejects(
        client.send(new ListVpcEndpointsCommand({})),
        /ListVpcEndpoints's answer breaks the model's output shape: \/VpcEndpointSummaryList\/0\/Status must be equal to one of the allowed values/,
      );
    });
  });
});
