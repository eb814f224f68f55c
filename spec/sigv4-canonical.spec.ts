import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  canonicalPath,
  canonicalRequest,
  checkClaim,
  parseSignatureClaim,
  SigningKeyCache,
  verifySignature,
} from '../server/auth/sigv4';
import type { SignatureClaim } from '../server/auth/sigv4';
import type { HttpRequestFacts } from '../server/auth/types';
import { ServiceError } from '../server/protocol/service-error';
import { ManualClock } from '../server/runtime';
import { startTestEmulator } from './support/emulator';
import type { TestEmulator } from './support/emulator';

/**
 * The canonical request the server rebuilds, against AWS's SigV4 rules ("Create a canonical request")
 * and AWS's SigV4 test suite: requests signed by @smithy/signature-v4 (the JS v3 SDK's signer), or
 * vectors of the test suite, verified by server/auth/sigv4.ts.
 */

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

/** RFC 3986 as the SDKs encode a query for the wire. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The request as Node hands it over: `headers` joined with ", ", `rawHeaders` as sent. */
function factsOf(
  method: string,
  rawPath: string,
  rawQuery: string,
  raw: string[],
  body = '',
): HttpRequestFacts {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    const value = (raw[index + 1] as string).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return {
    method,
    rawPath,
    rawQuery,
    headers,
    rawHeaders: raw,
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
  };
}

/** Undefined when the request verifies, else the error's code and message. The test suite signs for service `host`. */
function failureOf(facts: HttpRequestFacts, now = signedAt.getTime(), service = 'es'): string | undefined {
  try {
    const claim = parseSignatureClaim(facts, now);
    checkClaim(claim, facts, now, service);
    verifySignature(claim, facts, credentials.secretAccessKey, new SigningKeyCache());
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    return `${error.code}: ${error.message}`;
  }
}

interface SignInput {
  method?: string;
  /** The path as sent on the wire (labels already percent-encoded once). */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs with @smithy/signature-v4 and returns the pieces as sent. */
async function smithySigned(
  input: SignInput,
): Promise<{ headers: Record<string, string>; rawQuery: string }> {
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'es', sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: input.method ?? 'GET',
      protocol: 'http:',
      hostname: 'localhost',
      path: input.path,
      query: input.query ?? {},
      headers: { host: 'localhost', ...(input.headers ?? {}) },
      ...(input.body !== undefined ? { body: input.body } : {}),
    },
    { signingDate: signedAt },
  );
  const rawQuery = Object.entries(input.query ?? {})
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => `${encode(name)}=${encode(v)}`),
    )
    .join('&');
  return { headers: signed.headers as Record<string, string>, rawQuery };
}

function rawOf(headers: Record<string, string>): string[] {
  return Object.entries(headers).flat();
}

describe('SigV4: the canonical request, as AWS defines it', () => {
  it("AWS's test suite get-vanilla: the time in a Date header (no X-Amz-Date) is signed in basic format", () => {
    const facts = factsOf('GET', '/', '', [
      'Date',
      'Mon, 09 Sep 2011 23:36:00 GMT',
      'Host',
      'host.foo.com',
      'Authorization',
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470',
    ]);
    assert.equal(failureOf(facts, Date.UTC(2011, 8, 9, 23, 36, 0), 'host'), undefined);
  });

  it("AWS's test suite get-header-key-duplicate: a repeated header's values are joined with a bare comma", () => {
    const facts = factsOf('POST', '/', '', [
      'DATE',
      'Mon, 09 Sep 2011 23:36:00 GMT',
      'zoo',
      'foobar',
      'ZOO',
      'zoobar',
      'zoo',
      'zoobar',
      'Host',
      'host.foo.com',
      'Authorization',
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host;zoo, Signature=54afcaaf45b331f81cd2edb974f7b824ff4dd594cbbaa945ed636b48477368ed',
    ]);
    assert.deepEqual(facts.headers['zoo'], 'foobar, zoobar, zoobar');
    assert.equal(failureOf(facts, Date.UTC(2011, 8, 9, 23, 36, 0), 'host'), undefined);
  });

  it('a repeated header keeps the order received (value4,value1,value3)', async () => {
    const { headers, rawQuery } = await smithySigned({
      path: '/2015-01-01/domain',
      headers: { 'my-header1': 'value4,value1,value3' },
    });
    const raw = rawOf({ ...headers, 'my-header1': 'value4' }).concat([
      'My-Header1',
      'value1',
      'my-header1',
      ' value3 ',
    ]);
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, raw)), undefined);
    const reordered = rawOf({ ...headers, 'my-header1': 'value1' }).concat([
      'my-header1',
      'value4',
      'my-header1',
      'value3',
    ]);
    assert.match(
      failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, reordered)) ?? '',
      /^InvalidSignatureException/,
    );
  });

  it('header values are trimmed and inner runs of spaces collapsed', async () => {
    const { headers, rawQuery } = await smithySigned({
      path: '/2015-01-01/domain',
      headers: { 'my-header': '  a   b \t c  ' },
    });
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, rawOf(headers))), undefined);
    const collapsed = rawOf({ ...headers, 'my-header': 'a b c' });
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, collapsed)), undefined);
  });

  it('query parameters: sorted by name then value, RFC 3986 (space %20, `~` kept, `+` %2B)', async () => {
    // `!'()*` are not RFC 3986's unreserved characters: percent-encoded, as `encodeURIComponent` leaves them.
    const query = { b: 'x y', a: ['z~', 'a+b', 'a'], 'c d': '~', e: "it's(*)!" };
    const { headers, rawQuery } = await smithySigned({ path: '/2015-01-01/es/domain', query });
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/es/domain', rawQuery, rawOf(headers))), undefined);
    // Another client may send `~` as %7E: the canonical form is the same.
    const tildeEncoded = rawQuery.replace(/~/g, '%7E');
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/es/domain', tildeEncoded, rawOf(headers))), undefined);
  });

  it('a label holding %2F or a space is encoded twice in the canonical URI (non-S3 services)', async () => {
    const wirePath = `/2015-01-01/es/domain/${encode('a/b c')}/config`;
    assert.equal(wirePath, '/2015-01-01/es/domain/a%2Fb%20c/config');
    const { headers, rawQuery } = await smithySigned({ path: wirePath });
    assert.equal(failureOf(factsOf('GET', wirePath, rawQuery, rawOf(headers))), undefined);
    // The label decoded on the wire is another path: the signature no longer holds.
    const other = '/2015-01-01/es/domain/a/b%20c/config';
    assert.match(
      failureOf(factsOf('GET', other, rawQuery, rawOf(headers))) ?? '',
      /^InvalidSignatureException/,
    );
  });

  it("dot segments and empty segments are removed from the canonical URI (AWS's test suite, normalize-path)", () => {
    const cases: [string, string][] = [
      ['/example/..', '/'],
      ['/example1/example2/../..', '/'],
      ['//', '/'],
      ['/./', '/'],
      ['/./example', '/example'],
      ['//example//', '/example/'],
      ['/2015-01-01/es/domain/../config', '/2015-01-01/es/config'],
    ];
    for (const [sent, signed] of cases) assert.equal(canonicalPath(sent), signed, sent);
  });

  it('a path with dot segments verifies as the JS v3 signer signs it', async () => {
    const wirePath = '/2015-01-01/es/./domain/x/../domain-info';
    const { headers, rawQuery } = await smithySigned({ method: 'POST', path: wirePath, body: '{}' });
    assert.equal(failureOf(factsOf('POST', wirePath, rawQuery, rawOf(headers), '{}')), undefined);
  });

  it('an empty body is signed with the hash of the empty string, with or without x-amz-content-sha256', async () => {
    const { headers, rawQuery } = await smithySigned({ method: 'POST', path: '/2015-01-01/tags', body: '' });
    assert.equal(failureOf(factsOf('POST', '/2015-01-01/tags', rawQuery, rawOf(headers), '')), undefined);
    assert.match(
      failureOf(factsOf('POST', '/2015-01-01/tags', rawQuery, rawOf(headers), ' ')) ?? '',
      /^InvalidSignatureException/,
    );
  });

  it('X-Amz-Date must be ISO 8601 basic format', async () => {
    const { headers, rawQuery } = await smithySigned({ path: '/2015-01-01/domain' });
    const raw = rawOf({ ...headers, 'x-amz-date': '2026-01-01T12:00:00Z' });
    assert.equal(
      failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, raw)),
      "IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got '2026-01-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    );
  });

  it('a date that does not exist, or a Date header in no HTTP date form, is malformed, not carried over', async () => {
    const { headers, rawQuery } = await smithySigned({ path: '/2015-01-01/domain' });
    const malformed = (value: string) =>
      `IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`;
    // [X-Amz-Date or, without it, Date; what the check answers before the signature is compared: the malformed-date
    // text naming the value, or a signature failure]
    const cases: [string, string, 'malformed' | RegExp][] = [
      ['x-amz-date', '20260230T120000Z', 'malformed'],
      ['x-amz-date', '20260101T250000Z', 'malformed'],
      ['x-amz-date', '20260101T126000Z', 'malformed'],
      ['date', '1', 'malformed'],
      ['date', 'Thu, 01 Jan 2026 12:00:00', 'malformed'],
      ['date', '2026-01-01T12:00:00Z', 'malformed'],
      ['date', 'Mon, 30 Feb 2026 12:00:00 GMT', 'malformed'],
      ['date', 'Thu, 01 Jan 2026 24:00:00 GMT', 'malformed'],
      ['date', 'Thu, 01 Jan 2026 23:59:60 GMT', 'malformed'],
      ['date', 'Thursday, 31-Apr-26 12:00:00 GMT', 'malformed'],
      ['date', 'Thu Feb 30 12:00:00 2026', 'malformed'],
      ['date', 'Thu, 01 Jan 2026 12:00:00 +0900', 'malformed'],
      // The HTTP date forms are dates (the signature, made over X-Amz-Date, then fails): IMF-fixdate, also with
      // a one-digit day or a zero offset (Java's RFC 1123 form, Python's formatdate), RFC 850 and asctime.
      ['date', 'Thu, 01 Jan 2026 12:00:00 GMT', /^InvalidSignatureException/],
      ['date', 'Thu, 1 Jan 2026 12:00:00 GMT', /^InvalidSignatureException/],
      ['date', 'Thu, 01 Jan 2026 12:00:00 +0000', /^InvalidSignatureException/],
      ['date', 'Thu, 01 Jan 2026 12:00:00 UTC', /^InvalidSignatureException/],
      ['date', 'Thursday, 01-Jan-26 12:00:00 GMT', /^InvalidSignatureException/],
      ['date', 'Thu Jan  1 12:00:00 2026', /^InvalidSignatureException/],
      ['x-amz-date', '20280229T120000Z', /^InvalidSignatureException/],
    ];
    for (const [header, value, expected] of cases) {
      const sent: Record<string, string> = { ...headers };
      delete sent['x-amz-date'];
      sent[header] = value;
      const failure = failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, rawOf(sent))) ?? '';
      if (expected === 'malformed') assert.equal(failure, malformed(value), `${header}: ${value}`);
      else assert.match(failure, expected, `${header}: ${value}`);
    }
  });

  it("an RFC 850 date's two-digit year is of this century unless that is more than 50 years ahead (RFC 9110)", () => {
    // The rule reads the request's instant, the emulator's clock, not the machine's: in 2001, '51 is 2051 and
    // '52 is 1952 (the machine's year would read '52 as 2052).
    const now = Date.UTC(2001, 5, 1);
    const edge = 2051;
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    /** The answer to a request dated January 1 of `year` in RFC 850 form, its scope dated the same day. */
    const answerFor = (year: number) => {
      const day = new Date(Date.UTC(year, 0, 1));
      const date = `${weekdays[day.getUTCDay()]}, 01-Jan-${String(year % 100).padStart(2, '0')} 12:00:00 GMT`;
      const facts = factsOf('GET', '/2015-01-01/domain', '', [
        'Date',
        date,
        'Host',
        'localhost',
        'Authorization',
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${year}0101/us-east-1/es/aws4_request, SignedHeaders=date;host, Signature=00`,
      ]);
      return failureOf(facts, now) ?? '';
    };
    // The scope matches the year as read, so the answer is the clock's: far ahead, or long expired.
    assert.match(answerFor(edge), /^InvalidSignatureException: Signature not yet current: /);
    assert.match(answerFor(edge + 1 - 100), /^InvalidSignatureException: Signature expired: /);
  });

  it('X-Amz-Date wins over a Date header', async () => {
    const { headers, rawQuery } = await smithySigned({ path: '/2015-01-01/domain' });
    const raw = rawOf(headers).concat(['Date', 'Thu, 01 Jan 2026 11:00:00 GMT']);
    assert.equal(failureOf(factsOf('GET', '/2015-01-01/domain', rawQuery, raw)), undefined);
  });

  it("a presigned URL's X-Amz-Expires is not checked: S3's week and number rules are S3's", () => {
    const query = (expires: string) =>
      `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fes%2Faws4_request&X-Amz-Date=20260101T120000Z&X-Amz-Expires=${expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=00`;
    const now = Date.UTC(2026, 0, 1, 12, 1, 0);
    for (const expires of ['604800', '604801', 'abc', '-1']) {
      const facts = factsOf('GET', '/2015-01-01/domain', query(expires), ['Host', 'localhost']);
      // Only the made-up signature is wrong.
      assert.match(
        failureOf(facts, now) ?? '',
        /^InvalidSignatureException: The request signature we calculated/,
      );
    }
  });
});

describe('SigV4: a repeated header over HTTP (JS v3 signer, Node server)', () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  const seed = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'iam-seed.json');
  before(async () => {
    emulator = await startTestEmulator({ clock, iamSeed: seed });
  });
  after(() => emulator.stop());

  it('verifies when a signed header is sent twice (Node joins it with ", ", SigV4 with ",")', async () => {
    clock.set(signedAt.getTime());
    const url = new URL(emulator.endpoint);
    const signer = new SignatureV4({
      credentials: { accessKeyId: 'AKIAROOT000000000001', secretAccessKey: 'root-secret' },
      region: 'us-east-1',
      service: 'es',
      sha256: Sha256,
    });
    const signed = await signer.sign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/2015-01-01/domain',
        query: {},
        headers: { host: url.host, 'x-custom': 'one,two' },
      },
      { signingDate: signedAt },
    );
    const headers: Record<string, string | string[]> = { ...(signed.headers as Record<string, string>) };
    headers['x-custom'] = ['one', 'two'];
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: '/2015-01-01/domain', method: 'GET', headers },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end();
    });
    assert.equal(status, 200);
  });
});

describe('SigV4: canonical header values', () => {
  const claimFor = (signedHeaders: string[]): SignatureClaim => ({
    accessKeyId: credentials.accessKeyId,
    scopeDate: '20260101',
    region: 'us-east-1',
    service: 'es',
    signedHeaders,
    signature: '0'.repeat(64),
    amzDate: '20260101T120000Z',
    signedAt: signedAt.getTime(),
    requestDateTime: '20260101T120000Z',
    securityToken: undefined,
  });
  /** The header lines of the canonical request: between the query line and the blank line. */
  const headerLinesOf = (signedHeaders: string[], raw: string[]) =>
    canonicalRequest(claimFor(signedHeaders), factsOf('GET', '/', '', raw), 'hash')
      .split('\n')
      .slice(3, 3 + signedHeaders.length);

  // JavaScript's trim() and \s: every Unicode space, the no-break space included.
  const cases: [string, string][] = [
    ['a b c', 'a b c'],
    ['', ''],
    [' a', 'a'],
    ['a ', 'a'],
    ['a  b', 'a b'],
    ['a\tb', 'a b'],
    ['a \t b', 'a b'],
    ['a\u00a0b', 'a b'],
    ['\u00a0a b\u00a0', 'a b'],
  ];
  for (const [sent, signed] of cases) {
    it(`${JSON.stringify(sent)} is signed as ${JSON.stringify(signed)}`, () => {
      assert.deepEqual(headerLinesOf(['host', 'x-h'], ['Host', 'example', 'X-H', sent]), [
        'host:example',
        `x-h:${signed}`,
      ]);
    });
  }

  it('a signed header not sent is signed empty; one listed twice is signed twice with its value', () => {
    assert.deepEqual(
      headerLinesOf(['host', 'x-absent', 'x-h', 'x-h'], ['X-H', ' 1 ', 'host', 'h', 'x-h', '2']),
      ['host:h', 'x-absent:', 'x-h:1,2', 'x-h:1,2'],
    );
  });
});
