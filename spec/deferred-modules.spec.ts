import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Modules required on first use rather than at start, for the cold start: each case runs a script in a
 * fresh Node process and reads which modules of dist/ it loaded.
 */

const dist = path.resolve(__dirname, '..');

/** Runs `script` (which may call `load(path)`, a path under dist/) and answers the modules it loaded. */
function modulesLoadedBy(script: string): string[] {
  const program = `
    const path = require('node:path');
    const load = (file) => require(path.join(${JSON.stringify(dist)}, file));
    ${script}
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(
    execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' }),
  ) as string[];
  return loaded.map((file) => path.relative(dist, file).split(path.sep).join('/'));
}

describe('modules required on first use', () => {
  it('ListDomainNames loads none of the modules of the domain record operations', () => {
    const listing = modulesLoadedBy(`
      const { domainsOperations } = load('server/operations/domains.js');
      const list = domainsOperations.find((handler) => handler.operation === 'ListDomainNames');
      list.handle; list.resource;`);
    assert.ok(listing.includes('server/operations/domains.js'));
    for (const module of [
      'server/operations/domain-records.js',
      'server/domains/options.js',
      'server/operations/cross-cluster.js',
      'server/operations/vpc-endpoints.js',
    ]) {
      assert.ok(!listing.includes(module), module);
    }

    const describing = modulesLoadedBy(`
      const { domainsOperations } = load('server/operations/domains.js');
      domainsOperations.find((handler) => handler.operation === 'DescribeElasticsearchDomain').handle;`);
    assert.ok(describing.includes('server/operations/domain-records.js'));
  });

  it('a start without a seed file loads no seed file module, no /_local/ route and, unless IAM is off, no IAM_MODE=off authenticator', () => {
    const starting = (mode: string) => `
      const { createSecurity } = load('server/auth/security.js');
      const config = { iamMode: '${mode}', accountId: '000000000000', defaultRegion: 'us-east-1' };
      // A logger that writes nothing: the decision log asks it for the child its lines go through.
      const logger = { child: () => logger };
      createSecurity(config, { now: () => Date.now() }, logger, { resourceTags: () => ({}), restoreServiceLinkedRole: () => false });`;
    const enforcing = modulesLoadedBy(starting('enforce'));
    assert.ok(enforcing.includes('server/auth/security.js'));
    assert.ok(!enforcing.includes('server/local-routes.js'));
    assert.ok(!enforcing.includes('server/auth/unchecked.js'));
    for (const module of [
      'server/iam/seed-file.js',
      'schemas/seed-validator.generated.js',
      'server/iam/policy-validation.js',
      'server/iam/managed-policies.js',
    ]) {
      assert.ok(!enforcing.includes(module), module);
    }
    assert.ok(modulesLoadedBy(starting('off')).includes('server/auth/unchecked.js'));
  });
});
