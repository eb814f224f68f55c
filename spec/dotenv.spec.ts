import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotEnv } from '../server/config';

/** `.env` as loadDotEnv reads it into process.env (the CLI's start reads it so; see spec/cli.spec.ts). */
describe('loadDotEnv', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-dotenv-'));
  const names = [
    'ES_LOCAL_SPEC_A',
    'ES_LOCAL_SPEC-B',
    'ES_LOCAL_SPEC_QUOTED',
    'ES_LOCAL_SPEC_SET',
    'ES_LOCAL_SPEC_EMPTY',
  ];
  const load = (text: string) => {
    const file = path.join(directory, '.env');
    fs.writeFileSync(file, text);
    loadDotEnv(file);
  };
  afterEach(() => {
    for (const name of names) delete process.env[name];
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('takes comments, blank lines, names with a dash and a quoted value over several lines', () => {
    load('# a comment\n\nES_LOCAL_SPEC_A=1\nES_LOCAL_SPEC-B=2\nES_LOCAL_SPEC_QUOTED="line one\nline two"\n');
    assert.equal(process.env.ES_LOCAL_SPEC_A, '1');
    assert.equal(process.env['ES_LOCAL_SPEC-B'], '2');
    assert.equal(process.env.ES_LOCAL_SPEC_QUOTED, 'line one\nline two');
    // Each file alone: the one setting it holds, as Node's parser reads it.
    for (const [text, name, expected] of [
      // An escaped newline within a quoted value, a comment after its closing quote, a last line inside it.
      [
        'ES_LOCAL_SPEC_QUOTED="first\\nsecond\nthird line" # the end\n',
        'ES_LOCAL_SPEC_QUOTED',
        'first\nsecond\nthird line',
      ],
      ['ES_LOCAL_SPEC_QUOTED="first\nlast"', 'ES_LOCAL_SPEC_QUOTED', 'first\nlast'],
      // The last line ends a quoted value: a comment after it may hold a quote; an escaped newline on it.
      [
        `ES_LOCAL_SPEC_QUOTED="welcome\nto the emulator" # it's ours\n`,
        'ES_LOCAL_SPEC_QUOTED',
        'welcome\nto the emulator',
      ],
      ['ES_LOCAL_SPEC_QUOTED="first\nsecond\\nthird"\n', 'ES_LOCAL_SPEC_QUOTED', 'first\nsecond\nthird'],
      ['ES_LOCAL_SPEC_QUOTED="first\n"\n', 'ES_LOCAL_SPEC_QUOTED', 'first\n'],
      // Text after the closing quote, which the parser leaves out; a setting given twice.
      ['ES_LOCAL_SPEC_QUOTED="x\nend" x', 'ES_LOCAL_SPEC_QUOTED', 'x\nend'],
      ['ES_LOCAL_SPEC_A=1\nES_LOCAL_SPEC_A=1', 'ES_LOCAL_SPEC_A', '1'],
      ['ES_LOCAL_SPEC_QUOTED="x\ny"\nES_LOCAL_SPEC_QUOTED="x\ny"', 'ES_LOCAL_SPEC_QUOTED', 'x\ny'],
    ] as const) {
      for (const each of names) delete process.env[each];
      load(text);
      assert.equal(process.env[name], expected, text);
    }
  });

  it('never overrides a variable that is set, and fills one that is set empty', () => {
    process.env.ES_LOCAL_SPEC_SET = 'from the environment';
    process.env.ES_LOCAL_SPEC_EMPTY = '';
    load('ES_LOCAL_SPEC_SET=from .env\nES_LOCAL_SPEC_EMPTY=from .env\n');
    assert.equal(process.env.ES_LOCAL_SPEC_SET, 'from the environment');
    assert.equal(process.env.ES_LOCAL_SPEC_EMPTY, 'from .env');
  });

  it('refuses a line that is not NAME=value, wherever it stands', () => {
    assert.throws(
      () => load('not a setting\nES_LOCAL_SPEC_A=1\n'),
      /'not a setting' is not a line of the form NAME=value/,
    );
    assert.throws(
      () => load('ES_LOCAL_SPEC_A=1\nES_LOCAL_SPEC_B'),
      /'ES_LOCAL_SPEC_B' is not a line of the form NAME=value/,
    );
    // What Node's parser drops at the very end of the file, and a line whose text a value above also holds.
    for (const [text, last] of [
      ['ES_LOCAL_SPEC_A=1\nES_LOCAL_SPEC_B="off', 'ES_LOCAL_SPEC_B="off'],
      ['ES_LOCAL_SPEC_A=1\n=x\n', '=x'],
      ['ES_LOCAL_SPEC_QUOTED="x\nES_LOCAL_SPEC_B offline"\nES_LOCAL_SPEC_B off\n', 'ES_LOCAL_SPEC_B off'],
      ['ES_LOCAL_SPEC_QUOTED="x\ny"\n" # z\n', '" # z'],
      // After a line whose quote never closes, which the parser reads as it stands.
      ['ES_LOCAL_SPEC_QUOTED="x\nES_LOCAL_SPEC_B off', 'ES_LOCAL_SPEC_B off'],
    ]) {
      assert.throws(
        () => load(text!),
        (error: Error) => error.message.endsWith(`'${last}' is not a line of the form NAME=value`),
        text,
      );
    }
    // Nor does the text of a value on a line of its own.
    assert.throws(
      () => load('ES_LOCAL_SPEC_A=hello world\nhello\n'),
      /'hello' is not a line of the form NAME=value/,
    );
    // A quote does not make a last line a setting: Node's parser drops these as it drops the one above.
    for (const last of [
      'ES_LOCAL_SPEC_B "off"',
      "ES_LOCAL_SPEC_B '5000'",
      'ES_LOCAL_SPEC_B: "warn"',
      '"ES_LOCAL_SPEC_B"',
      '"ES_LOCAL_SPEC_B off',
    ]) {
      assert.throws(
        () => load(`ES_LOCAL_SPEC_A=1\n${last}\n`),
        (error: Error) => error.message.endsWith(`'${last}' is not a line of the form NAME=value`),
        last,
      );
    }
  });
});
