/**
 * The values each numeric kind of member can hold at all. The generated input schemas bound every integer, long
 * and timestamp member by them (scripts/generate.ts) where the model gives no narrower range, and the validation
 * message words a value past them as one not of the member's type: stored, such a number would be answered to
 * clients that cannot read it back (Go's SDK under Terraform reads an integer into an int32; botocore, and the
 * AWS CLI with it, fails on a timestamp in the year 10000).
 */
export const representableBounds = {
  integer: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  /** 2^63 - 1 is no double: a client's Long.MAX_VALUE, 9223372036854775807, is read as 2^63, and admitted. */
  long: { minimum: -(2 ** 63), maximum: 2 ** 63 },
  /**
   * Epoch seconds from 0001-01-02T00:00:00Z to 9999-12-30T23:59:59.999Z: botocore reads a timestamp in the
   * client's time zone, which fails on a year 0 or 10000 that a zone up to 14 hours from UTC would reach.
   */
  timestamp: { minimum: -62135596800 + 86_400, maximum: 253402300799.999 - 86_400 },
} as const;

/** Whether a `minimum` or `maximum` limit is one of the bounds above rather than one of the model's ranges. */
export function isRepresentableBound(limit: unknown): boolean {
  return Object.values(representableBounds).some(
    (bounds) => bounds.minimum === limit || bounds.maximum === limit,
  );
}
