import assert from 'node:assert/strict';
import { firstRepeatedKey } from '../server/iam/repeated-keys';

describe('firstRepeatedKey: a key repeated within one JSON object', () => {
  const rows: [string, string, { place: string; key: string } | undefined][] = [
    ['no object', '[1, "a", true, null]', undefined],
    ['distinct keys', '{"a": 1, "b": {"a": 2}}', undefined],
    ['the same key in sibling objects', '[{"a": 1}, {"a": 2}]', undefined],
    ['at the top', '{"a": 1, "a": 2}', { place: '/', key: 'a' }],
    ['nested, with its place', '{"x": {"y": [0, {"k": 1, "k": 2}]}}', { place: '/x/y/1', key: 'k' }],
    ['spelled with an escape, as JSON reads it', '{"al": 1, "a\\u006c": 2}', { place: '/', key: 'al' }],
    ['a string value holding braces, quotes and commas', '{"a": "{\\"a\\": 1, }", "b": "]["}', undefined],
    // Read as ending at its first escaped quote, this value would leave `,\"a"` behind: a second key "a".
    ['a string value whose escaped quotes enclose a key', '{"a": 1, "b": "\\",\\"a"}', undefined],
    [
      'a key holding escaped quotes',
      '{"say \\"hi\\"": 1, "say \\"hi\\"": 2}',
      { place: '/', key: 'say "hi"' },
    ],
    [
      'a key holding / and ~, as a JSON pointer escapes them',
      '{"a/b~": {"c": 1, "c": 1}}',
      { place: '/a~1b~0', key: 'c' },
    ],
    [
      'after an array of objects, in the enclosing object',
      '{"l": [{"a": 1}], "m": 1, "l": 2}',
      { place: '/', key: 'l' },
    ],
    ['white space everywhere', ' { "a" : [ 1 , 2 ] ,\n "a" : 3 } ', { place: '/', key: 'a' }],
  ];
  for (const [name, text, expected] of rows) {
    it(name, () => {
      JSON.parse(text);
      assert.deepEqual(firstRepeatedKey(text), expected);
    });
  }

  it('follows nesting deeper than a recursive reader could', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '{"a": 1, "a": 2}' + ']'.repeat(depth);
    assert.equal(firstRepeatedKey(text)?.key, 'a');
  });
});
