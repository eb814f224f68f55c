import type { Logger } from 'pino';
import { DecisionLineWriter, decisionMessage } from './decision-line';
import type { DecidingStatement, DecisionReason, UnmetStatement } from './types';

/** One authorization decision, as logged and as `GET /_local/decisions` returns it. */
export interface DecisionRecord {
  /** ISO 8601 */
  time: string;
  requestId: string;
  principal: string;
  action: string;
  /**
   * The same operation's action under its other name, for an operation the 2021 OpenSearch API renamed: statements
   * naming either took part (iam/renamed-actions).
   */
  otherAction?: string;
  resource: string;
  decision: 'Allow' | 'Deny';
  /** `root` for the root of an account, which IAM allows everything. */
  reason: DecisionReason | 'root';
  statements: DecidingStatement[];
  /** How many more there are than `statements` names (Decision.statementsNotShown); absent when it names them all. */
  statementsNotShown?: number;
  /** Whether IAM_MODE enforces decisions: false in audit, for every decision (a Deny is logged and let through). */
  enforced: boolean;
  /** The AccessDeniedException message of a denial. */
  message?: string;
  /** An implicit denial's Allow statements that name the action but did not apply, and why (Decision.unmet). */
  unmet?: UnmetStatement[];
  /** How many more there are than `unmet` shows (Decision.unmetNotShown); absent when it shows them all. */
  unmetNotShown?: number;
}

/**
 * Every decision: one structured log line, and the most recent ones in a bounded ring for
 * `GET /_local/decisions`.
 */
export class DecisionLog {
  private readonly ring: (DecisionRecord | undefined)[];
  private next = 0;
  private count = 0;
  /**
   * The decision lines are written without the logger's redaction: it checked every line's members against
   * its wildcard paths, half the cost of a line and about 4% of a request's CPU (paired runs). A decision
   * holds ARNs, names, AWS's message, the deciding statements' ids and, for an implicit denial, the unmet
   * statements' conditions beside the request's values of their keys (context keys: addresses, times, tags, the
   * user agent), never a credential: the record is built by the authorizer alone, the request context holds no
   * secret, and a test holds a logged decision to exactly these members. Every other line keeps the redaction.
   */
  private readonly lines: Logger;
  /** Writes the lines as `lines` would, without pino's generic log call where it can (see DecisionLineWriter). */
  private readonly lineWriter: DecisionLineWriter;

  constructor(
    logger: Logger,
    readonly capacity = 1000,
  ) {
    this.ring = new Array<DecisionRecord | undefined>(capacity);
    this.lines = logger.child({}, { redact: [] });
    this.lineWriter = new DecisionLineWriter(this.lines);
  }

  record(whole: DecisionRecord): void {
    const decision = bounded(whole);
    this.ring[this.next] = decision;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    // Every decision, the root's too (reason `root`), is one line at info (issue 4: each decision logged).
    if (!this.lineWriter.write(decision)) this.lines.info({ decision }, decisionMessage);
  }

  /** The most recent decisions, newest first; only those `include` takes, when given. */
  recent(limit: number, include?: (decision: DecisionRecord) => boolean): DecisionRecord[] {
    const out: DecisionRecord[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const decision = this.ring[(this.next - i + this.capacity) % this.capacity]!;
      if (!include || include(decision)) out.push(decision);
    }
    return out;
  }
}

/**
 * The longest text a kept or logged decision holds in one member. A resource comes from the request before the
 * model checks it (AWS decides first), so a call could name a domain or an ARN of megabytes: kept whole, a thousand
 * such decisions filled the heap, and a line over pino's 16 MiB was dropped unlogged.
 */
export const longestDecisionText = 2048;

function shortened(text: string): string {
  return text.length <= longestDecisionText
    ? text
    : `${text.slice(0, longestDecisionText)}… (${text.length} characters in all)`;
}

/**
 * The decision with every text longer than longestDecisionText shortened and every list longer than
 * mostDecisionValues cut; itself when it has neither.
 */
function bounded(decision: DecisionRecord): DecisionRecord {
  const { resource, message, unmet } = decision;
  // An implicit denial's unmet conditions hold the request's values of their keys (a request tag, the user agent).
  if (!holdsLongText(resource) && !holdsLongText(message) && !holdsLongText(unmet)) return decision;
  return {
    ...decision,
    resource: shortened(resource),
    ...(message === undefined ? {} : { message: shortened(message) }),
    ...(unmet === undefined ? {} : { unmet: shortenedTexts(unmet) }),
  };
}

/**
 * The most values a kept or logged decision holds in one list. An implicit denial's unmet condition holds the
 * request's value of its key, and `aws:TagKeys` comes from a call's TagList before the model checks it: a thousand
 * denials of 450 tag keys each held 1.3 GB, and a few hundred more of 10 MiB each ended the process out of memory.
 * AWS takes at most 50 tags on a domain.
 */
export const mostDecisionValues = 64;

function holdsLongText(value: unknown): boolean {
  if (typeof value === 'string') return value.length > longestDecisionText;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value) && value.length > mostDecisionValues) return true;
  return Object.values(value).some(holdsLongText);
}

function shortenedTexts<T>(value: T): T {
  if (typeof value === 'string') return shortened(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, mostDecisionValues).map(shortenedTexts);
    if (value.length > mostDecisionValues) kept.push(`… (${value.length} values in all)`);
    return kept as T;
  }
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, shortenedTexts(member)])) as T;
}
