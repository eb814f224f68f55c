import assert from 'node:assert/strict';
import http from 'node:http';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import inputSchemas from '../schemas/input-schemas.generated.json';
import { operations } from '../schemas/operations.generated';
import * as validators from '../schemas/validators.generated';
import type { RawResponse } from '../scripts/bench/signing';
import { send } from '../scripts/bench/signing';
import type { OperationSpec } from '../server/protocol/operation-spec';
import { parseInput } from '../server/protocol/parse-input';
import { Router } from '../server/protocol/router';
import type { TestEmulator } from './support/emulator';
import { startTestEmulator } from './support/emulator';
import { snapshotOf } from './support/store-snapshot';

/**
 * Property-based fuzzing over the generated input schemas: for every operation, inputs drawn from its
 * schema (valid as far as the model goes) and the same inputs with one member broken (a wrong type, an
 * over-long string, a missing required member), sent through the real HTTP server. No answer is a 5xx, and
 * an input that model validation refuses never changes the state. The seeds are fixed: a run is repeatable.
 */
const validPerOperation = 100;
const invalidPerOperation = 100;
const seed = 20_150_101;

interface Schema {
  $ref?: string;
  type?: string;
  awsType?: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  propertyNames?: Schema;
  required?: string[];
}

const definitions = (inputSchemas as unknown as { $defs: Record<string, Schema> }).$defs;

function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = definitions[current.$ref.replace('#/$defs/', '')]!;
  return current;
}

const maximumDepth = 5;

/** An arbitrary of values that satisfy the schema as far as a generator can tell (validation decides). */
function arbitraryOf(reference: Schema, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(reference);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 5_000 });
    case 'number':
      return schema.awsType === 'timestamp'
        ? fc.integer({ min: 0, max: 2_000_000_000 })
        : fc.double({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth >= maximumDepth
        ? fc.constant([])
        : fc.array(arbitraryOf(schema.items ?? {}, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
          });
    case 'object': {
      if (schema.properties) {
        const required = new Set(schema.required ?? []);
        const members: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, member] of Object.entries(schema.properties)) {
          if (depth < maximumDepth || required.has(name)) members[name] = arbitraryOf(member, depth + 1);
        }
        return fc.record(members, { requiredKeys: [...required].filter((name) => name in members) });
      }
      if (schema.additionalProperties && depth < maximumDepth) {
        // Keys of the key shape where the map has one (LogPublishingOptions' LogType), and any key besides.
        const anyKey = fc.string({ minLength: 1, maxLength: 12 });
        return fc.dictionary(
          schema.propertyNames ? fc.oneof(stringArbitrary(resolve(schema.propertyNames)), anyKey) : anyKey,
          arbitraryOf(schema.additionalProperties, depth + 1),
          { maxKeys: 3 },
        );
      }
      return fc.constant({});
    }
    default:
      return fc.constant('anything');
  }
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  if (schema.pattern) {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc
        .stringMatching(pattern)
        .map((text) => text.slice(0, maxLength))
        .filter((text) => text.length >= minLength);
    } catch {
      // A pattern the generator cannot read: plain strings, classified by validation afterwards.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'binary' });
}

/** Values of every JSON kind, each wrong for most members. */
const wrongValues: unknown[] = [
  12345,
  -1,
  1.5,
  'text',
  '',
  true,
  [],
  ['a', 'b'],
  {},
  { unexpected: 1 },
  'x'.repeat(3_000),
  [[[[[]]]]],
];

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      paths.push([...prefix, i], ...pathsOf(item, [...prefix, i]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      paths.push([...prefix, key], ...pathsOf(member, [...prefix, key]));
    }
  }
  return paths;
}

/** The input with one member replaced by a wrong value, or removed. */
function broken(input: Record<string, unknown>, pick: number, wrong: number, remove: boolean): unknown {
  const copy = structuredClone(input);
  const paths = pathsOf(copy);
  if (paths.length === 0) return { ...copy, Unexpected: wrongValues[wrong % wrongValues.length] };
  const path = paths[pick % paths.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = wrongValues[wrong % wrongValues.length];
  return copy;
}

interface WireRequest {
  method: string;
  path: string;
  body: string;
}

/** Puts each member where the operation's route says it travels: URI label, query string or JSON body. */
function toWire(spec: OperationSpec, input: Record<string, unknown>): WireRequest {
  let path = spec.uri;
  for (const label of spec.labels) {
    const value = input[label.member];
    const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    path = path.replace(`{${label.name}}`, encodeURIComponent(text));
  }
  const query = new URLSearchParams();
  for (const member of spec.query) {
    const value = input[member.member];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      query.append(member.name, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  const body: Record<string, unknown> = {};
  for (const member of spec.body) if (input[member] !== undefined) body[member] = input[member];
  const queryText = query.toString();
  return {
    method: spec.method,
    path: queryText ? `${path}?${queryText}` : path,
    body: spec.body.length > 0 || Object.keys(body).length > 0 ? JSON.stringify(body) : '',
  };
}

const router = new Router(operations);

/** Whether the request goes to an operation the model gives no output: its success has no body. */
function answersNoBody(wire: WireRequest): boolean {
  const queryStart = wire.path.indexOf('?');
  const rawPath = queryStart === -1 ? wire.path : wire.path.slice(0, queryStart);
  return router.match(wire.method, rawPath).spec.outputShape === null;
}
const byOperation = validators as unknown as Record<string, ValidateFunction | undefined>;

/** Whether the server's model validation accepts the request as it will read it. */
function acceptedByModel(spec: OperationSpec, wire: WireRequest): boolean {
  try {
    const queryStart = wire.path.indexOf('?');
    const rawPath = queryStart === -1 ? wire.path : wire.path.slice(0, queryStart);
    const match = router.match(wire.method, rawPath);
    if (match.spec.name !== spec.name) return false;
    const input = parseInput(
      spec,
      match.labels,
      new URLSearchParams(queryStart === -1 ? '' : wire.path.slice(queryStart + 1)),
      Buffer.from(wire.body),
    );
    const validate = byOperation[spec.name];
    return validate ? validate(input) === true : true;
  } catch {
    return false;
  }
}

describe('fuzzing every operation with inputs drawn from the model', () => {
  let emulator: TestEmulator;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let snapshot: string | undefined;
  const tally = { valid: 0, invalid: 0, succeeded: 0 };

  const exchange = async (wire: WireRequest): Promise<RawResponse> => {
    const response = await send(
      emulator.endpoint,
      { ...wire, headers: wire.body ? { 'content-type': 'application/json' } : {} },
      agent,
    );
    assert.ok(
      response.status < 500,
      `${wire.method} ${wire.path} ${wire.body}\n→ ${response.status} ${response.body}`,
    );
    // Every answer is a JSON object, but the success of an operation the model gives no output, which has no body.
    if (!(response.status === 200 && answersNoBody(wire))) {
      assert.equal(typeof (JSON.parse(response.body) as unknown), 'object');
    } else {
      assert.equal(response.body, '');
    }
    if (response.status === 200) tally.succeeded++;
    return response;
  };

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off' });
  });
  after(async () => {
    agent.destroy();
    await emulator.stop();
  });

  for (const spec of operations) {
    const inputSchema: Schema = spec.inputShape ? { $ref: `#/$defs/${spec.inputShape}` } : { type: 'object' };
    const valid = arbitraryOf(inputSchema, 0) as fc.Arbitrary<Record<string, unknown>>;

    it(`${spec.name}: ${validPerOperation} inputs from the schema and ${invalidPerOperation} broken ones, no 5xx, no change from a refused input`, async () => {
      await fc.assert(
        fc.asyncProperty(valid, async (input) => {
          const wire = toWire(spec, input);
          if (acceptedByModel(spec, wire)) tally.valid++;
          await exchange(wire);
          snapshot = undefined;
        }),
        { numRuns: validPerOperation, seed, endOnFailure: true },
      );
      await fc.assert(
        fc.asyncProperty(valid, fc.nat(), fc.nat(), fc.boolean(), async (input, pick, wrong, remove) => {
          const wire = toWire(spec, broken(input, pick, wrong, remove) as Record<string, unknown>);
          const refusable = !acceptedByModel(spec, wire);
          if (!refusable) {
            await exchange(wire);
            snapshot = undefined;
            return;
          }
          tally.invalid++;
          snapshot ??= snapshotOf(emulator.store);
          const response = await exchange(wire);
          assert.ok(
            response.status >= 400,
            `a refused input was answered ${response.status}: ${response.body}`,
          );
          assert.equal(
            snapshotOf(emulator.store),
            snapshot,
            `${wire.method} ${wire.path} ${wire.body} changed the state`,
          );
        }),
        { numRuns: invalidPerOperation, seed: seed + 1, endOnFailure: true },
      );
    });
  }

  it('sent thousands of inputs that the model accepts and thousands that it refuses', () => {
    assert.ok(tally.valid >= 1_000, `only ${tally.valid} inputs were valid`);
    assert.ok(tally.invalid >= 2_000, `only ${tally.invalid} inputs were invalid`);
    // The handlers were reached, not only the validation in front of them.
    assert.ok(tally.succeeded >= 500, `only ${tally.succeeded} inputs were answered 200`);
    process.stdout.write(
      `      (${tally.valid} valid inputs, ${tally.invalid} refused by the model, ${tally.succeeded} answered 200)\n`,
    );
  });
});
