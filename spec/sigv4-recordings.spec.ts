import assert from 'node:assert/strict';
import { SigV4Authenticator } from '../server/auth/sigv4-authenticator';
import type { HttpRequestFacts } from '../server/auth/types';
import { PrincipalDirectory, rootPrincipal } from '../server/iam/principals';
import { ServiceError } from '../server/protocol/service-error';
import { ManualClock } from '../server/runtime';
import { amzDateToMs, factsOf, loadRecordings, recordedCredentials } from './fixtures/recordings';

/**
 * The recorded requests of four real clients (AWS CLI, boto3, JS SDK v2 and v3) are ground truth for
 * the server-side SigV4: each verifies with the clock at its x-amz-date, and fails after any change of
 * one byte of its path, query, a signed header or its body.
 */
describe('SigV4: the recorded requests of four real clients', () => {
  const directory = new PrincipalDirectory();
  directory.add({ ...recordedCredentials, principal: rootPrincipal('123456789012') });
  const clock = new ManualClock();
  const authenticator = new SigV4Authenticator(directory, clock);
  const recordings = loadRecordings();

  it('reads the four clients', () => {
    assert.deepEqual([...new Set(recordings.map((r) => r.client))], ['boto3', 'cli', 'js_v2', 'js_v3']);
  });

  const failureOf = (facts: HttpRequestFacts): string | undefined => {
    try {
      authenticator.authenticate(facts);
      return undefined;
    } catch (error) {
      assert.ok(error instanceof ServiceError, String(error));
      return error.code;
    }
  };

  /** Every change of one byte: each character swapped for its neighbour code (x ^ 1). */
  const mutations = (text: string): string[] =>
    [...text].map(
      (_, i) => text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1),
    );

  for (const recording of recordings) {
    describe(`${recording.client} ${recording.op} ${recording.method} ${recording.rawPath}${recording.query ? '?' + recording.query : ''}`, () => {
      const facts = factsOf(recording);
      const signedHeaders = /SignedHeaders=([^,\s]+)/
        .exec(String(facts.headers.authorization))![1]!
        .split(';');

      beforeEach(() => clock.set(amzDateToMs(recording.amzDate)));

      it('verifies, in the region of its credential scope', () => {
        const caller = authenticator.authenticate(facts);
        assert.equal(caller.region, 'us-east-1');
        assert.equal(caller.arn, 'arn:aws:iam::123456789012:root');
      });

      it('fails with any byte of the path changed', () => {
        for (const rawPath of mutations(facts.rawPath)) {
          assert.ok(failureOf({ ...facts, rawPath }), `path ${rawPath} verified`);
        }
      });

      // A test per byte where there is something to change; a query added to a request signed without one.
      if (facts.rawQuery) {
        it('fails with any byte of the query changed', () => {
          for (const rawQuery of mutations(facts.rawQuery)) {
            assert.ok(failureOf({ ...facts, rawQuery }), `query ${rawQuery} verified`);
          }
        });
      } else {
        it('fails with a query added', () => {
          assert.equal(failureOf({ ...facts, rawQuery: 'MaxResults=10' }), 'InvalidSignatureException');
        });
      }

      it('fails with any byte of a signed header changed', () => {
        for (const name of signedHeaders) {
          const value = String(facts.headers[name]);
          for (const changed of mutations(value)) {
            assert.ok(
              failureOf({ ...facts, headers: { ...facts.headers, [name]: changed } }),
              `${name}: ${changed} verified`,
            );
          }
        }
      });

      it('verifies from the raw headers as Node receives them, and fails with any byte of one changed', () => {
        // The server reads repeated headers from req.rawHeaders (SigV4 joins them with a bare comma).
        const rawHeaders = recording.headers.flat();
        assert.equal(failureOf({ ...facts, rawHeaders }), undefined);
        for (let index = 1; index < rawHeaders.length; index += 2) {
          if (!signedHeaders.includes(rawHeaders[index - 1]!.toLowerCase())) continue;
          for (const changed of mutations(rawHeaders[index]!)) {
            const tampered = [...rawHeaders];
            tampered[index] = changed;
            assert.ok(
              failureOf({ ...facts, rawHeaders: tampered }),
              `${rawHeaders[index - 1]}: ${changed} verified`,
            );
          }
        }
      });

      // An empty body is covered by the next test, which adds a byte to it.
      if (facts.body.length > 0) {
        it('fails with any byte of the body changed', () => {
          for (let i = 0; i < facts.body.length; i++) {
            const body = Buffer.from(facts.body);
            body[i] = body[i]! ^ 1;
            assert.equal(failureOf({ ...facts, body }), 'InvalidSignatureException', `byte ${i}`);
          }
        });
      }

      it('fails with a byte added to the body or to the path', () => {
        assert.ok(failureOf({ ...facts, body: Buffer.concat([facts.body, Buffer.from(' ')]) }));
        assert.ok(failureOf({ ...facts, rawPath: facts.rawPath + 'x' }));
      });

      it('fails with the method changed', () => {
        assert.equal(
          failureOf({ ...facts, method: facts.method === 'GET' ? 'POST' : 'GET' }),
          'InvalidSignatureException',
        );
      });
    });
  }
});
