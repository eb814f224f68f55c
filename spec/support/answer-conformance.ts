import type { ElasticsearchServiceClient } from '@aws-sdk/client-elasticsearch-service';
import type { ErrorObject, ValidateFunction } from 'ajv';
import inputSchemas from '../../schemas/input-schemas.generated.json';
import { operations } from '../../schemas/operations.generated';
import { createAjv } from '../../scripts/generate';

/**
 * Every 2xx answer a test client receives is held to the model's output shape of its operation: each
 * member one the shape declares, of its type, within its enum, length and pattern constraints, with the
 * shape's required members. The SDKs do not check this themselves: JS v3 and botocore drop a member they
 * do not know and pass a wrong type on to the caller (a string where a number belongs reaches Terraform's Go
 * SDK, which fails). So the check rides on every client `startTestEmulator` hands out, and every answer of
 * every spec is checked, not only the ones a test reads.
 */

type Schema = Record<string, unknown>;

/**
 * The generated shape schemas, made strict for answers: a structure may hold only its members. The model
 * marks NextToken required in the three VPC endpoint lists' outputs, while AWS's API reference says of the
 * same member "When nextToken is returned, there are more results available": a last page has none.
 */
function outputSchemas(): Schema {
  const defs = structuredClone((inputSchemas as { $defs: Record<string, Schema> }).$defs);
  for (const schema of Object.values(defs)) {
    if (schema.type !== 'object' || !schema.properties) continue;
    schema.additionalProperties = false;
    const required = (schema.required as string[] | undefined)?.filter((member) => member !== 'NextToken');
    if (required?.length) schema.required = required;
    else delete schema.required;
  }
  return { $id: 'es-answers', $defs: defs };
}

let validators: Map<string, ValidateFunction> | undefined;

/** Compiled on first use (a few hundred ms for every output shape), then shared by every client. */
function validatorOf(operation: string): ValidateFunction | undefined {
  if (!validators) {
    const ajv = createAjv(false);
    ajv.addSchema(outputSchemas());
    validators = new Map();
    for (const spec of operations) {
      if (spec.outputShape)
        validators.set(spec.name, ajv.compile({ $ref: `es-answers#/$defs/${spec.outputShape}` }));
    }
  }
  return validators.get(operation);
}

function describeViolation(error: ErrorObject): string {
  const where = error.instancePath || '(the answer)';
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return `${where} ${error.message ?? error.keyword}${extra ? `: ${extra}` : ''}`;
}

/** What is wrong with `body`, a 2xx answer of `operation`, against the model; empty when nothing is. */
export function answerViolations(operation: string, body: string): string[] {
  if (body === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['the body is not JSON'];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return ['the body is not an object'];
  // JS v3 copies every unmodelled key of a success body that holds a string __type (wire-format.md).
  if ('__type' in parsed) return ['a success body holds __type'];
  const validate = validatorOf(operation);
  if (!validate)
    return Object.keys(parsed).length === 0 ? [] : [`${operation} has no output, and answered ${body}`];
  return validate(parsed) ? [] : (validate.errors ?? []).map(describeViolation);
}

interface RawResponse {
  statusCode: number;
  body: unknown;
}

async function readAll(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Adds the check to a client: a middleware just inside the SDK's deserializer reads the raw answer, checks
 * it, and hands the same bytes on (the SDK's body collector takes a Uint8Array as it is).
 */
export function checkAnswersAgainstModel(client: ElasticsearchServiceClient): void {
  const check =
    (next: (args: unknown) => Promise<{ response: unknown }>, context: { commandName?: string }) =>
    async (args: unknown) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      if (response.statusCode < 200 || response.statusCode >= 300) return result;
      const bytes = await readAll(response.body);
      response.body = bytes;
      const operation = String(context.commandName).replace(/Command$/, '');
      const violations = answerViolations(operation, Buffer.from(bytes).toString('utf8'));
      if (violations.length > 0) {
        throw new Error(`${operation}'s answer breaks the model's output shape: ${violations.join('; ')}`);
      }
      return result;
    };
  // The stack's middleware type is a union over its steps; this one belongs to the deserialize step.
  client.middlewareStack.addRelativeTo(check as unknown as AddedMiddleware, {
    name: 'answerConformance',
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
  });
}

type AddedMiddleware = Parameters<ElasticsearchServiceClient['middlewareStack']['addRelativeTo']>[0];
