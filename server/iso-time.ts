/**
 * ISO 8601 texts of instants in UTC, as `Date.prototype.toISOString` writes them, for the times every request
 * writes: its decision's time, the day of its SigV4 scope and IAM's `aws:CurrentTime`. V8's `toISOString` formats
 * the fields through the C library's printf, about 7,000 instructions a call (counted with callgrind in the
 * bench's workload, two calls a request); the text up to the second is made once a second and kept.
 */

/** The second (ms since the epoch / 1000, floored) whose text `secondText` holds; NaN before the first. */
let heldSecond = Number.NaN;
/** `yyyy-mm-ddThh:mm:ss` of `heldSecond`. */
let secondText = '';

/**
 * `new Date(ms).toISOString()`: `yyyy-mm-ddThh:mm:ss.sssZ`. A time that is not a valid date throws RangeError,
 * as toISOString does, and a year outside 0000–9999 (`±yyyyyy-`) is written by toISOString each time.
 */
export function isoTime(ms: number): string {
  // A Date keeps whole milliseconds, truncated toward zero (ECMAScript's TimeClip).
  const whole = Math.trunc(ms);
  const second = Math.floor(whole / 1000);
  if (second !== heldSecond) {
    const text = new Date(whole).toISOString();
    if (text.length !== 24) return text;
    heldSecond = second;
    secondText = text.slice(0, 19);
    return text;
  }
  const milliseconds = whole - second * 1000;
  const padding = milliseconds < 10 ? '00' : milliseconds < 100 ? '0' : '';
  return `${secondText}.${padding}${milliseconds}Z`;
}

/** IAM's form, to the second: `yyyy-mm-ddThh:mm:ssZ` (a year outside 0000–9999 keeps toISOString's form). */
export function isoSeconds(ms: number): string {
  const text = isoTime(ms);
  return text.length === 24 ? `${text.slice(0, 19)}Z` : text.replace(/\.\d{3}Z$/, 'Z');
}
