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
   * them: IAM authorizes the call once per resource, and one denial denies it.
   */
  resource?(input: OperationInputs[K], context: OperationContext): string | readonly string[];
  /** aws:RequestTag/* and aws:TagKeys (CreateElasticsearchDomain, AddTags). */
  requestTags?(input: OperationInputs[K]): { Key: string; Value: string }[] | undefined;
  /** aws:TagKeys when it is not the keys of requestTags (RemoveTags). */
  tagKeys?(input: OperationInputs[K]): string[] | undefined;
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
