/** Date{Equals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals} and, derived, DateNotEquals. */
import type { OperatorFamily } from './operator';
import { orderedOperators } from './ordered';

/**
 * IAM's guide: dates in "one of the W3C implementations of the ISO 8601 date formats" or epoch seconds. The W3C
 * note's forms: a year and month, a date, a date with a time to the minute, second or fraction, and a zone. A bare
 * year is read as epoch seconds: IAM's guide does not say which reading wins.
 */
const EPOCH_SECONDS = /^-?\d+(\.\d+)?$/;
const ISO_8601 = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;
const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/;
/**
 * IAM refuses epoch seconds past a signed 64-bit integer ("The policy failed legacy parsing" for 9223372036854775808
 * in moto's AWS-checked invalid policies, getmoto/moto#2269).
 */
const LARGEST_EPOCH_SECONDS = 9223372036854775807n;

/** Milliseconds since the epoch, or NaN when the text is no date AWS reads. */
export function parseDate(text: string): number {
  // In upper case: the forms read `t` and `z` as `T` and `Z`, and so must the zone check below, or a time written
  // `2026-01-01t00:00:00` would be read in the host's time zone.
  const trimmed = text.trim().toUpperCase();
  if (EPOCH_SECONDS.test(trimmed)) {
    const whole = trimmed.split('.', 1)[0]!.replace('-', '');
    if (whole.length >= 19 && BigInt(whole) > LARGEST_EPOCH_SECONDS) return Number.NaN;
    return Number(trimmed) * 1000;
  }
  if (!ISO_8601.test(trimmed)) return Number.NaN;
  // A date and time without a zone is read as UTC, as AWS does.
  const hasZone = ZONE_SUFFIX.test(trimmed) && trimmed.includes('T');
  return Date.parse(hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`);
}

export const dateOperators: OperatorFamily = orderedOperators(
  'Date',
  parseDate,
  'a date in ISO 8601 form or epoch seconds',
);
