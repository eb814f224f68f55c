/**
 * Preloaded (`node --require`, beside the CPU reporter) into the emulator of the bench's timed run: wraps a
 * few functions of the compiled emulator with a clock, from outside (the emulator has no hook for it), and
 * answers a `parts` message on the IPC channel with the time spent in each so far. The clock is wall time
 * inside the function; a function preempted by the scheduler counts the time it waited, so a share
 * computed from it errs high, never low.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PartTimes, TimedPart } from './part-times';

const distRoot = path.resolve(__dirname, '..', '..');

const times: PartTimes['parts'] = {
  evaluate: { micros: 0, calls: 0 },
  requestContext: { micros: 0, calls: 0 },
  tagRead: { micros: 0, calls: 0 },
  decisionLine: { micros: 0, calls: 0 },
  sigv4: { micros: 0, calls: 0 },
  authorize: { micros: 0, calls: 0 },
  handlers: { micros: 0, calls: 0 },
  transaction: { micros: 0, calls: 0 },
  transactionBody: { micros: 0, calls: 0 },
  answer: { micros: 0, calls: 0 },
};

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

function timed(part: TimedPart, original: AnyFunction): AnyFunction {
  const total = times[part];
  return function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      total.micros += (performance.now() - start) * 1000;
      total.calls++;
    }
  };
}

/** Replaces `owner[name]`: a module's export (read by its callers at each call) or a class's method. */
function wrap(owner: Record<string, unknown>, name: string, part: TimedPart): void {
  const original = owner[name];
  if (typeof original !== 'function') throw new Error(`part-timer: ${name} is not a function`);
  owner[name] = timed(part, original as AnyFunction);
}

function load(modulePath: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled emulator, wrapped before it starts
  return require(path.join(distRoot, modulePath)) as Record<string, unknown>;
}

function prototypeOf(modulePath: string, className: string): Record<string, unknown> {
  const constructor = load(modulePath)[className] as { prototype: Record<string, unknown> } | undefined;
  if (!constructor) throw new Error(`part-timer: ${modulePath} exports no ${className}`);
  return constructor.prototype;
}

// The evaluator and the context keys are called through their modules' exports (`evaluator.evaluate(...)`,
// `(0, request_context_1.requestContext)(...)` in the compiled code), so replacing the export times them.
wrap(load('server/iam/evaluator/index.js'), 'evaluate', 'evaluate');
wrap(load('server/iam/request-context.js'), 'requestContext', 'requestContext');
wrap(prototypeOf('store/tags.js', 'TagRepository'), 'asMap', 'tagRead');
wrap(prototypeOf('server/iam/decision-log.js', 'DecisionLog'), 'record', 'decisionLine');
wrap(prototypeOf('server/auth/sigv4-authenticator.js', 'SigV4Authenticator'), 'authenticate', 'sigv4');
wrap(prototypeOf('server/iam/authorizer.js', 'IamAuthorizer'), 'authorize', 'authorize');
// The answer, serialised and written to the socket (the app calls both through the module's exports).
const respond = load('server/protocol/respond.js');
wrap(respond, 'sendJson', 'answer');
wrap(respond, 'sendEmpty', 'answer');

// A request's transaction, whole (begin, the decision and the handler, commit) and without its begin and commit.
const store = prototypeOf('store/store.js', 'Store');
const transaction = store.transaction as AnyFunction;
store.transaction = timed('transaction', function (this: unknown, body: unknown) {
  return transaction.call(this, timed('transactionBody', body as AnyFunction));
});

// The operation handlers: each family's module is required on its first call, and the app reads each handler's
// `handle` at every call (operations/index), so the handlers are wrapped as their family loads them.
const families = prototypeOf('server/operations/index.js', 'HandlerFamily');
const loadHandlers = families.loadHandlers as AnyFunction;
families.loadHandlers = function (this: unknown) {
  const handlers = loadHandlers.call(this) as Map<string, { handle: AnyFunction }>;
  for (const handler of handlers.values()) {
    // A family may serve another's operations through stand-ins whose `handle` is a getter of the real one,
    // wrapped when its own family loads it.
    if (Object.getOwnPropertyDescriptor(handler, 'handle')?.writable !== true) continue;
    handler.handle = timed('handlers', handler.handle);
  }
  return handlers;
};

if (typeof process.send === 'function') {
  process.on('message', (message: unknown) => {
    if (message !== 'parts') return;
    const report: PartTimes = { parts: structuredClone(times) };
    process.send?.(report);
  });
}
