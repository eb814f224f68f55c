/**
 * What the part timer (scripts/bench/part-timer, preloaded into a server) reports. Kept apart from it: the
 * timer wraps the emulator's functions as soon as it is loaded, and the bench only reads its replies.
 */
export type TimedPart =
  | 'evaluate'
  | 'requestContext'
  | 'tagRead'
  | 'decisionLine'
  | 'sigv4'
  | 'authorize'
  | 'handlers'
  | 'transaction'
  | 'transactionBody'
  | 'answer';

export interface PartTimes {
  parts: Record<TimedPart, { micros: number; calls: number }>;
}

/** The reply to a `parts` message. */
export function isPartTimes(reply: unknown): reply is PartTimes {
  return typeof reply === 'object' && reply !== null && 'parts' in reply;
}
