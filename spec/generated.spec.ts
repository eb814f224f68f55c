import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../scripts/generate';
import { operations } from '../schemas/operations.generated';

describe('the generated layer (schemas/)', () => {
  it('is what `npm run generate` makes from ../shared/aws-model today', () => {
    const schemasDir = path.resolve(__dirname, '..', '..', 'schemas');
    const generated = [...generate()];
    // Every file of schemas/ is the generator's, and it writes each of them: none missing, none left over.
    assert.deepEqual(generated.map(([file]) => file).sort(), fs.readdirSync(schemasDir).sort());
    for (const [file, content] of generated) {
      const committed = fs.readFileSync(path.join(schemasDir, file), 'utf8');
      assert.ok(
        committed === content,
        `schemas/${file} is stale: run npm run generate and commit the result`,
      );
    }
  });

  it('routes all 51 operations of the model', () => {
    assert.equal(operations.length, 51);
    assert.equal(new Set(operations.map((o) => `${o.method} ${o.uri}`)).size, 51);
  });
});
