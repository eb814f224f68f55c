import type { OperationName } from '../../schemas/operations.generated';
import type { OperationInputs, OperationOutputs } from '../../schemas/types.generated';
import type { Store } from '../../store/store';
import type { Scope } from '../../store/scope';
import type { Caller } from '../auth/types';
import type { Config } from '../config';
import type { Clock, IdGenerator } from '../runtime';
import { partitionOf } from '../partitions';

/** What a handler gets besides its input. */
export interface OperationContext {
  requestId: string;
  /** The caller's account and the request's region: where the state lives. */
  scope: Scope;
  caller: Caller;
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  /** The port the emulator listens on, for domain endpoints `search-<name>-<id>.<region>.es.localhost:<port>`. */
  listeningPort(): number;
  /** The unique id (aws:userid) of an IAM principal the emulator knows by its ARN (PrincipalDirectory.uniqueIdOf). */
  principalIdOf(arn: string): string | undefined;
  /**
   * Whether the IAM user or role of an ARN exists, for the accounts an IAM seed declares; undefined where the
   * emulator cannot tell (PrincipalDirectory.holdsIdentity).
   */
  principalExists(arn: string): boolean | undefined;
}

/**
 * One operation: its handler, and how its IAM request context is derived from its input.
 * Handlers are synchronous (better-sqlite3) and run inside one store transaction per request.
 */
export interface OperationHandler<K extends OperationName = OperationName> {
  operation: K;
  /**
   * The resource of the IAM request. Default: the domain ARN of `DomainName` for actions whose authorization
   * data lists the domain resource type, `*` otherwise. An operation that names several domains gives each of
   * them: IAM authorizes the call once per resource, and one denial denies it. Undefined: the call names none
   * (server/app.ts: resourceOf decides it on the account's `domain/*`).
   */
  resource?(input: OperationInputs[K], context: OperationContext): string | readonly string[] | undefined;
  /**
   * The tag list of aws:RequestTag/* and aws:TagKeys (CreateElasticsearchDomain, AddTags), as the request sent it:
   * read with presentString's rule (server/app.ts).
   */
  requestTags?(input: OperationInputs[K]): unknown;
  /** aws:TagKeys when it is not the keys of requestTags (RemoveTags), as the request sent them. */
  tagKeys?(input: OperationInputs[K]): unknown;
  handle(input: OperationInputs[K], context: OperationContext): OperationOutputs[K];
}

/** Erases the operation's type parameter so that handlers of every operation fit one list. */
export type AnyOperationHandler = {
  [K in OperationName]: OperationHandler<K>;
}[OperationName];

export function defineOperation<K extends OperationName>(handler: OperationHandler<K>): OperationHandler<K> {
  return handler;
}

export function domainArn(scope: Scope, domainName: string): string {
  return `arn:${partitionOf(scope.region)}:es:${scope.region}:${scope.account}:domain/${domainName}`;
}

/**
 * A member as IAM reads it, before the model's checks (server/app.ts): absent (missing or null, which the model
 * refuses after the decision) is undefined, so the call is still decided; a string is itself (an empty tag value
 * too); any other JSON type is not read at all (a TypeError), and the model's answer comes first.
 */
export function presentString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError('not a string');
  return value;
}

/**
 * A member that names a resource (an ARN, a domain name), read as presentString reads it; an empty name names none
 * either, or a denial would read `on resource:  because`.
 */
export function presentName(value: unknown): string | undefined {
  const name = presentString(value);
  return name === '' ? undefined : name;
}
