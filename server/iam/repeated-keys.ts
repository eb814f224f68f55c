/**
 * The first key repeated within one JSON object of a text, which JSON.parse would silently resolve to its
 * last value. IAM refuses a policy that repeats a key ("Individual elements must not contain multiple
 * instances of the same key", its policy grammar notes): a seed that repeats a Condition or an Effect must not
 * load as a different policy from the one its reader sees.
 *
 * Run only on text JSON.parse has accepted, so it follows the structure without checking it; it walks with
 * a stack of its own, as deep as the text is nested.
 */

export interface RepeatedKey {
  /** The place of the object holding the key, as a JSON pointer (`/accounts/111122223333/users`). */
  place: string;
  key: string;
}

interface Container {
  place: string;
  /** The keys seen so far, for an object; undefined for an array. */
  keys: Set<string> | undefined;
  /** The key of the value being read (object) or its index (array). */
  member: string;
  expectingKey: boolean;
}

const pointerSegment = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

export function firstRepeatedKey(text: string): RepeatedKey | undefined {
  const stack: Container[] = [];
  const placeOfValue = () => {
    const top = stack[stack.length - 1];
    return top ? `${top.place}/${pointerSegment(top.member)}` : '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '{' || char === '[') {
      const object = char === '{';
      stack.push({
        place: placeOfValue(),
        keys: object ? new Set() : undefined,
        member: object ? '' : '0',
        expectingKey: object,
      });
      i++;
    } else if (char === '}' || char === ']') {
      stack.pop();
      i++;
    } else if (char === ',') {
      const top = stack[stack.length - 1]!;
      if (top.keys) top.expectingKey = true;
      else top.member = String(Number(top.member) + 1);
      i++;
    } else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { place: top.place === '' ? '/' : top.place, key };
        top.keys.add(key);
        top.member = key;
        top.expectingKey = false;
      }
      i = end + 1;
    } else {
      // White space, a colon, or a number, true, false or null: nothing to track.
      i++;
    }
  }
  return undefined;
}
