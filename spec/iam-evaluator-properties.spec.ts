import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../server/iam/evaluator';
import { compileGlobText, globMatches } from '../server/iam/evaluator/wildcard';

/**
 * Properties checked over generated inputs with a fixed seed (deterministic): the glob matcher agrees
 * with a plain regular-expression reading of `*` and `?`, and every negated operator decides the
 * opposite of its positive twin whenever the key is present.
 */

const SEED = 20151001;
const alphabet = fc.constantFrom('a', 'b', ':', '/', '-');
const text = fc.string({ unit: alphabet, maxLength: 12 });
const pattern = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', '-', '*', '?'), maxLength: 8 });

function referenceGlob(source: string): RegExp {
  const body = [...source]
    .map((character) =>
      character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[-/\\^$+.()|[\]{}]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function allowedUnder(
  condition: Record<string, Record<string, unknown>>,
  context: Record<string, string | string[]>,
): boolean {
  return evaluate({
    action: 'es:ListDomainNames',
    resource: '*',
    context,
    identityPolicies: [
      {
        name: 'p',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
        },
      },
    ],
  }).allowed;
}

describe('properties of the evaluator', () => {
  it('matches `*` and `?` as a regular expression would', () => {
    fc.assert(
      fc.property(pattern, text, (source, candidate) => {
        assert.equal(globMatches(compileGlobText(source), candidate), referenceGlob(source).test(candidate));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('matches `?` as one character, a pair of surrogates too, as a Unicode regular expression would', () => {
    // U+20000 and U+1D49C: letters outside the Basic Multilingual Plane, two UTF-16 units each.
    const wide = fc.constantFrom('a', '\u{20000}', '\u{1D49C}', 'b');
    const wideText = fc.string({ unit: wide, maxLength: 8 });
    const widePattern = fc.string({ unit: fc.oneof(wide, fc.constantFrom('*', '?')), maxLength: 6 });
    fc.assert(
      fc.property(widePattern, wideText, (source, candidate) => {
        const reference = new RegExp(referenceGlob(source).source, 'su');
        assert.equal(globMatches(compileGlobText(source), candidate), reference.test(candidate));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  const twins: [string, string, fc.Arbitrary<string>][] = [
    ['StringEquals', 'StringNotEquals', text],
    [
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      fc.string({ unit: fc.constantFrom('a', 'A', 'b'), maxLength: 3 }),
    ],
    ['StringLike', 'StringNotLike', pattern],
    ['NumericEquals', 'NumericNotEquals', fc.integer({ min: -3, max: 3 }).map(String)],
    ['DateEquals', 'DateNotEquals', fc.integer({ min: 0, max: 3 }).map(String)],
    [
      'IpAddress',
      'NotIpAddress',
      fc.constantFrom('10.0.0.0/8', '10.1.0.0/16', '192.0.2.1', '::1', '2001:db8::/32'),
    ],
    [
      'ArnLike',
      'ArnNotLike',
      fc.constantFrom('arn:aws:es:*:*:domain/a*', 'arn:aws:es:us-east-1:1:domain/?', '*'),
    ],
  ];
  const requestValues: Record<string, fc.Arbitrary<string>> = {
    StringEquals: text,
    StringEqualsIgnoreCase: fc.string({ unit: fc.constantFrom('a', 'A', 'b'), maxLength: 3 }),
    StringLike: text,
    NumericEquals: fc.integer({ min: -3, max: 3 }).map(String),
    DateEquals: fc.integer({ min: 0, max: 3 }).map(String),
    IpAddress: fc.constantFrom('10.1.2.3', '192.0.2.1', '::1', '2001:db8::5', '198.51.100.7'),
    ArnLike: fc.constantFrom(
      'arn:aws:es:us-east-1:1:domain/a',
      'arn:aws:es:us-east-1:1:domain/ab',
      'arn:aws:iam::1:user/a',
    ),
  };

  for (const [positive, negated, policyValue] of twins) {
    it(`${negated} is the negation of ${positive} for a present key, with one or several values`, () => {
      fc.assert(
        fc.property(
          fc.array(policyValue, { minLength: 1, maxLength: 3 }),
          requestValues[positive]!,
          (values, value) => {
            const context = { 'es:key': value };
            assert.equal(
              allowedUnder({ [negated]: { 'es:key': values } }, context),
              !allowedUnder({ [positive]: { 'es:key': values } }, context),
            );
          },
        ),
        { seed: SEED, numRuns: 300 },
      );
    });
  }
});
