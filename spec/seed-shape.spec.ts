import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import validateSeedShape from '../schemas/seed-validator.generated';
import { seedSchema } from '../scripts/generate';
import { isWellFormedSeed } from '../server/iam/seed-shape';

/**
 * server/iam/seed-shape.ts spares a well-formed seed the compiled validator, so it must pass exactly
 * the seeds that validator accepts: it is compared here on the seed fixtures and on mutations of them
 * derived from the schema (each keyword broken, or kept, at each place the fixture reaches).
 */

interface SchemaNode {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: { pattern: string };
  items?: SchemaNode;
  pattern?: string;
  minLength?: number;
  format?: string;
}

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };
type Place = (string | number)[];

interface Mutation {
  place: string;
  apply(seed: Json): void;
}

const fixtureDir = path.join(__dirname, '..', '..', 'spec', 'fixtures');
const fixtures = fs
  .readdirSync(fixtureDir)
  .filter((file) => file.endsWith('seed.json'))
  .map((file) => ({ file, seed: JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as Json }));

/** A value of each JSON type. */
const samples: Json[] = [null, true, 0, 'x', [], {}, ['x'], { x: 'x' }];
/** Strings near the edges of the schema's patterns, lengths and format. */
const strings = [
  '',
  'a',
  'ab',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(128),
  'a'.repeat(129),
  '123456789012',
  '12345678901',
  '1234567890123',
  'bad name',
  'é',
  'AKIA0000',
  'AKIA-0000',
  'a_b+c=d,e.f@g-h',
  '/',
  '/a/',
  '/a/b/',
  'a/',
  '/a',
  '/a b/',
  '//',
  '2030-01-01T00:00:00Z',
  '2030-01-01T00:00:00.123+02:00',
  '2030-01-01 00:00:00Z',
  '2030-13-01T00:00:00Z',
  '2030-01-01',
  'arn:aws:iam::aws:policy/AmazonESFullAccess',
];
/** Property names near the edges of the schema's name patterns. */
const names = [
  '',
  'bad name',
  'a'.repeat(128),
  'a'.repeat(129),
  '12345678901',
  '1234567890123',
  'é',
  'ok-name',
];

function typesOf(schema: SchemaNode): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function isObject(value: Json | undefined): value is { [name: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parentOf(seed: Json, place: Place): { [name: string]: Json } | Json[] {
  let node: Json = seed;
  for (const step of place.slice(0, -1)) node = (node as Record<string | number, Json>)[step]!;
  return node as { [name: string]: Json } | Json[];
}

function setAt(place: Place, value: Json | undefined): (seed: Json) => void {
  return (seed) => {
    const parent = parentOf(seed, place) as Record<string | number, Json>;
    const last = place[place.length - 1]!;
    if (value === undefined) delete parent[last];
    else parent[last] = structuredClone(value);
  };
}

function changeAt(place: Place, change: (node: Json) => void): (seed: Json) => void {
  return (seed) => {
    let node = seed;
    for (const step of place) node = (node as Record<string | number, Json>)[step]!;
    change(node);
  };
}

/** The mutations of `value`, at `place` of the seed, that the keywords of `schema` suggest. */
function mutationsOf(schema: SchemaNode, value: Json, place: Place): Mutation[] {
  const at = `/${place.join('/')}`;
  const found: Mutation[] = [];
  if (place.length > 0) {
    for (const sample of [...samples, ...(typesOf(schema).includes('string') ? strings : [])]) {
      found.push({ place: `${at} = ${JSON.stringify(sample)}`, apply: setAt(place, sample) });
    }
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) {
      found.push({
        place: `${at} without ${name}`,
        apply: changeAt(place, (node) => delete (node as Record<string, Json>)[name]),
      });
    }
    if (schema.additionalProperties === false) {
      found.push({
        place: `${at} + unexpected`,
        apply: changeAt(place, (node) => ((node as Record<string, Json>)['unexpected'] = 1)),
      });
    }
    for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
      if (name in value) found.push(...mutationsOf(propertySchema, value[name]!, [...place, name]));
      else {
        for (const sample of [...samples, ...strings.slice(0, 3)]) {
          found.push({
            place: `${at}/${name} = ${JSON.stringify(sample)}`,
            apply: setAt([...place, name], sample),
          });
        }
      }
    }
    if (typeof schema.additionalProperties === 'object') {
      const valueSchema = schema.additionalProperties;
      const existing = Object.keys(value)[0];
      for (const [name, member] of Object.entries(value)) {
        if (!(name in (schema.properties ?? {})))
          found.push(...mutationsOf(valueSchema, member, [...place, name]));
      }
      for (const name of names) {
        const copy = existing === undefined ? {} : value[existing]!;
        found.push({ place: `${at} + name ${JSON.stringify(name)}`, apply: setAt([...place, name], copy) });
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => found.push(...mutationsOf(schema.items!, item, [...place, index])));
    for (const sample of [...samples, ...strings.slice(0, 3)]) {
      found.push({
        place: `${at} + item ${JSON.stringify(sample)}`,
        apply: changeAt(place, (node) => (node as Json[]).push(structuredClone(sample))),
      });
    }
  }
  return found;
}

describe('the quick check of a seed file’s shape', () => {
  it('passes every seed fixture, as the compiled validator does', () => {
    assert.ok(fixtures.length >= 4);
    for (const { file, seed } of fixtures) {
      assert.equal(validateSeedShape(seed), true, file);
      assert.equal(isWellFormedSeed(seed), true, file);
    }
  });

  it('passes exactly the mutations of the fixtures that the compiled validator accepts', () => {
    let accepted = 0;
    let refused = 0;
    for (const { file, seed } of fixtures) {
      for (const mutation of mutationsOf(seedSchema as SchemaNode, seed, [])) {
        const mutated = structuredClone(seed);
        mutation.apply(mutated);
        const expected = validateSeedShape(mutated);
        assert.equal(isWellFormedSeed(mutated), expected, `${file}: ${mutation.place}`);
        if (expected) accepted++;
        else refused++;
      }
    }
    // Both answers are exercised, many times each.
    assert.ok(accepted > 100 && refused > 1000, `${accepted} accepted, ${refused} refused`);
  });

  it('refuses what is not an object of accounts', () => {
    for (const seed of [null, [], 'seed', {}, { accounts: [] }, { accounts: {}, extra: 1 }]) {
      assert.equal(isWellFormedSeed(seed), validateSeedShape(seed), JSON.stringify(seed));
    }
    assert.equal(isWellFormedSeed({ accounts: {} }), true);
  });
});
