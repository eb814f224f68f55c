import assert from 'node:assert/strict';
import path from 'node:path';
import { ElasticsearchServiceClient, ListDomainNamesCommand } from '@aws-sdk/client-elasticsearch-service';
import type { TestEmulator } from './support/emulator';
import { errorOf, policyDocument, seedKey, startSeededEmulator, startTestEmulator } from './support/emulator';

/**
 * Issue 4 item 5: aws:SourceIp is the socket's peer, and X-Forwarded-For only when TRUST_PROXY is set.
 * Two seeded users may call es:ListDomainNames, one only from 127.0.0.0/8 (IpAddress), the other only from
 * outside it (NotIpAddress); the calls come from 127.0.0.1 through the JS v3 SDK.
 */

const seed = path.join(__dirname, '..', '..', 'spec', 'fixtures', 'source-ip-seed.json');
const ACCOUNT = '111122223333';

const users = {
  'from-loopback': { accessKeyId: 'AKIAIPLOOPBACK000001', secretAccessKey: 'loopback-secret' },
  'not-from-loopback': { accessKeyId: 'AKIAIPELSEWHERE00001', secretAccessKey: 'elsewhere-secret' },
} as const;
type UserName = keyof typeof users;

/** Adds X-Forwarded-For in the build step, which runs before the signer (so it is signed like any header). */
function forwardFor(client: ElasticsearchServiceClient, address: string): ElasticsearchServiceClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-forwarded-for'] = address;
      return next(args);
    },
    { step: 'build', name: 'addForwardedFor' },
  );
  return client;
}

async function expectAllowed(client: ElasticsearchServiceClient): Promise<void> {
  const { DomainNames } = await client.send(new ListDomainNamesCommand({}));
  assert.deepEqual(DomainNames, []);
}

async function expectDenied(client: ElasticsearchServiceClient, user: UserName): Promise<void> {
  const error = await errorOf(() => client.send(new ListDomainNamesCommand({})));
  assert.equal(error.name, 'AccessDeniedException');
  assert.equal((error.$metadata as { httpStatusCode?: number }).httpStatusCode, 403);
  assert.equal(
    error.message,
    `User: arn:aws:iam::${ACCOUNT}:user/${user} is not authorized to perform: es:ListDomainNames on resource: ` +
      // AWS names the account's domain/* in a ListDomainNames denial (server/iam/authorizer.ts).
      `arn:aws:es:us-east-1:${ACCOUNT}:domain/* ` +
      'because no identity-based policy allows the es:ListDomainNames action',
  );
}

interface Case {
  user: UserName;
  /** The X-Forwarded-For header the client adds, if any. */
  forwardedFor?: string;
  allowed: boolean;
}

function run(title: string, options: { trustProxy: boolean }, cases: Case[]): void {
  describe(title, () => {
    let emulator: TestEmulator;
    before(async () => {
      emulator = await startTestEmulator({ iamSeed: seed, iamMode: 'enforce', ...options });
    });
    after(() => emulator.stop());

    for (const { user, forwardedFor, allowed } of cases) {
      const from = forwardedFor === undefined ? 'from 127.0.0.1' : `with X-Forwarded-For: ${forwardedFor}`;
      it(`${user} ${from}: ${allowed ? 'allowed' : 'denied'}`, async () => {
        const client = emulator.client({ credentials: users[user] });
        if (forwardedFor !== undefined) forwardFor(client, forwardedFor);
        if (allowed) await expectAllowed(client);
        else await expectDenied(client, user);
      });
    }
  });
}

describe('aws:SourceIp through the JS v3 SDK', () => {
  run('without TRUST_PROXY: the peer address decides, X-Forwarded-For is ignored', { trustProxy: false }, [
    { user: 'from-loopback', allowed: true },
    { user: 'not-from-loopback', allowed: false },
    { user: 'from-loopback', forwardedFor: '203.0.113.9', allowed: true },
    { user: 'not-from-loopback', forwardedFor: '203.0.113.9', allowed: false },
  ]);

  run('with TRUST_PROXY: the first X-Forwarded-For address decides', { trustProxy: true }, [
    { user: 'from-loopback', forwardedFor: '203.0.113.9', allowed: false },
    { user: 'not-from-loopback', forwardedFor: '203.0.113.9', allowed: true },
    // The client's own address comes first; the proxies it passed through follow.
    { user: 'not-from-loopback', forwardedFor: '203.0.113.9, 127.0.0.1', allowed: true },
    { user: 'from-loopback', forwardedFor: '127.0.0.9', allowed: true },
    { user: 'not-from-loopback', forwardedFor: '127.0.0.9', allowed: false },
    // No header: the peer address, as without TRUST_PROXY.
    { user: 'from-loopback', allowed: true },
    { user: 'not-from-loopback', allowed: false },
  ]);
});

describe('aws:SourceIp on an IPv6 listener that takes IPv4 callers', () => {
  let emulator: TestEmulator | undefined;
  before(async function () {
    // On an IPv6 socket (`::` or `::ffff:127.0.0.1`), Node reports an IPv4 peer as `::ffff:127.0.0.1`; IAM sees the
    // IPv4 address.
    const exactAddress = policyDocument({
      Effect: 'Allow',
      Action: 'es:ListDomainNames',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceIp': '127.0.0.1' } },
    });
    const start = startSeededEmulator(
      {
        accounts: {
          [ACCOUNT]: {
            users: {
              'exact-address': {
                accessKeys: [seedKey('AKIAEXACTADDRESS0001')],
                inlinePolicies: { exact: exactAddress },
              },
            },
          },
        },
      },
      // An IPv6 socket bound to the IPv4-mapped loopback address takes IPv4 callers as a dual-stack `::` does,
      // and listens on loopback only.
      { host: '::ffff:127.0.0.1', iamMode: 'enforce' },
    );
    try {
      emulator = await start;
    } catch (error) {
      // A machine without IPv6 cannot listen on an IPv6 address: nothing to show there.
      const code = (error as { code?: string }).code;
      if (code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL') this.skip();
      throw error;
    }
  });
  after(() => emulator?.stop());

  it('an IPv4 caller is its IPv4 address, not the IPv4-mapped IPv6 form', async () => {
    const client = new ElasticsearchServiceClient({
      endpoint: `http://127.0.0.1:${emulator!.port}`,
      region: 'us-east-1',
      credentials: seedKey('AKIAEXACTADDRESS0001'),
      maxAttempts: 1,
    });
    try {
      await expectAllowed(client);
    } finally {
      client.destroy();
    }
  });
});
