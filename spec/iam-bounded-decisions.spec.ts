import assert from 'node:assert/strict';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AddTagsCommand, DescribeElasticsearchDomainsCommand } from '@aws-sdk/client-elasticsearch-service';
import pino from 'pino';
import { longestDecisionText, mostDecisionValues } from '../server/iam/decision-log';
import { signedRequest } from './fixtures/signed-request';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { expectServiceError } from './support/errors';

/**
 * AWS decides before it checks the input against the model, so what a decision names comes from input nobody has
 * checked yet: a call must not make the emulator decide, keep or log without bound.
 */

const seedPath = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
const root = { accessKeyId: 'AKIAROOT000000000001', secretAccessKey: 'root-secret' };

interface DecisionLine {
  decision?: { action: string; resource: string; requestId: string };
}

describe('decisions on input the model has not checked yet, through the JS v3 SDK', () => {
  let emulator: TestEmulator;
  const lines: DecisionLine[] = [];

  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as DecisionLine);
        }
        done();
      },
    });
    emulator = await startTestEmulator({ iamSeed: seedPath, logger: pino({ level: 'info' }, stream) });
  });
  after(() => emulator.stop());

  /** The newest decision `GET /_local/decisions` keeps. */
  async function lastKeptDecision(): Promise<unknown> {
    const kept = await signedRequest({
      endpoint: emulator.endpoint,
      method: 'GET',
      path: '/_local/decisions',
      query: { limit: '1' },
      credentials: root,
    });
    return (kept.body.decisions as unknown[])[0];
  }

  /** The decision lines logged so far for one action, once the logger has written them. */
  async function decisionsOf(action: string) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return lines.flatMap((line) => (line.decision?.action === action ? [line.decision] : []));
  }

  it('decides a describe of many domains on its first five names, the most it takes', async () => {
    const DomainNames = Array.from({ length: 2000 }, (_, index) => `domain-${index}`);
    await expectServiceError(
      () =>
        emulator.client({ credentials: root }).send(new DescribeElasticsearchDomainsCommand({ DomainNames })),
      {
        name: 'ValidationException',
        status: 400,
        message: 'Please provide a maximum of 5 Elasticsearch domain names to describe.',
      },
    );
    const decided = await decisionsOf('es:DescribeElasticsearchDomains');
    assert.deepEqual(
      decided.map(({ resource }) => resource),
      DomainNames.slice(0, 5).map((name) => `arn:aws:es:us-east-1:111122223333:domain/${name}`),
    );
  });

  it('keeps and logs an ARN of 100,000 characters shortened, saying how long it was', async () => {
    const ARN = `arn:aws:es:us-east-1:111122223333:domain/${'x'.repeat(100_000)}`;
    await expectServiceError(
      () =>
        emulator
          .client({ credentials: root })
          .send(new AddTagsCommand({ ARN, TagList: [{ Key: 'team', Value: 'blue' }] })),
      {
        name: 'ValidationException',
        status: 400,
        message: /^Invalid ARN: arn:aws:es:us-east-1:111122223333:domain\/x+\. /,
      },
    );
    const [logged] = await decisionsOf('es:AddTags');
    assert.equal(logged?.resource, `${ARN.slice(0, longestDecisionText)}… (${ARN.length} characters in all)`);
    const kept = await lastKeptDecision();
    assert.equal((kept as { resource: string }).resource, logged?.resource);
  });

  it("keeps and logs an unmet condition's request value of 450 tag keys cut to its first values, saying how many", async () => {
    // alice may add the keys env and team only (ForAllValues:StringEquals on aws:TagKeys): a denial of 450 keys
    // names the request's keys beside the condition, and the model's checks come after the decision.
    const alice = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' };
    const TagList = Array.from({ length: 450 }, (_, index) => ({ Key: `key-${index}`, Value: 'x' }));
    await expectServiceError(
      () =>
        emulator
          .client({ credentials: alice })
          .send(new AddTagsCommand({ ARN: 'arn:aws:es:us-east-1:111122223333:domain/many-keys', TagList })),
      { name: 'AccessDeniedException', status: 403, message: /^User: .* es:AddTags / },
    );
    const expected = [
      ...TagList.slice(0, mostDecisionValues).map(({ Key }) => Key),
      `… (${TagList.length} values in all)`,
    ];
    const kept = await lastKeptDecision();
    type Unmet = { unmet?: { condition?: { requestValue?: unknown } }[] };
    const decision = kept as Unmet;
    assert.deepEqual(decision?.unmet?.[0]?.condition?.requestValue, expected);
    const logged = (await decisionsOf('es:AddTags')).at(-1) as Unmet | undefined;
    assert.deepEqual(logged?.unmet?.[0]?.condition?.requestValue, expected);
  });
});
