import assert from 'node:assert/strict';
import { ElasticsearchServiceServiceException } from '@aws-sdk/client-elasticsearch-service';
import { errorOf } from './emulator';

/** The HTTP status an SDK error came with (its `$metadata`), undefined for an error of another kind. */
export function statusOf(error: Record<string, unknown>): number | undefined {
  return (error.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}

/**
 * The HTTP status of a call's answer: 200, or the status of the modelled error it threw. Anything else (a network
 * error, an answer the SDK could not read) is thrown on.
 */
export async function answerStatusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof ElasticsearchServiceServiceException) return error.$metadata.httpStatusCode ?? 0;
    throw error;
  }
}

/** The exception name, HTTP status and message of a call that fails, to compare in one assertion. */
export async function serviceErrorOf(
  call: () => Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  const error = await errorOf(call);
  return { name: error.name, status: statusOf(error), message: error.message };
}

/**
 * Asserts that the call fails with this exception name, HTTP status and message: the exact text, or text
 * matching a pattern.
 */
export async function expectServiceError(
  call: () => Promise<unknown>,
  expected: { name: string; status: number; message: string | RegExp },
): Promise<void> {
  const actual = await serviceErrorOf(call);
  const { name, status, message } = expected;
  if (typeof message === 'string') {
    // Only these three: `expected` may be a table row with other fields.
    assert.deepEqual(actual, { name, status, message });
  } else {
    assert.deepEqual({ name: actual.name, status: actual.status }, { name, status });
    assert.match(actual.message, message);
  }
}
