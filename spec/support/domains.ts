import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateElasticsearchDomainCommand } from '@aws-sdk/client-elasticsearch-service';
import { startTestEmulator } from './emulator';
import type {
  CreateElasticsearchDomainCommandInput,
  CreateElasticsearchDomainCommandOutput,
  ElasticsearchServiceClient,
} from '@aws-sdk/client-elasticsearch-service';

/**
 * A small valid domain: 7.10 on one m5.large (cross-cluster search excludes M3 and T2 instances), EBS gp2
 * of 10 GiB. `overrides` replace whole top-level fields.
 */
export function testDomainInput(
  name: string,
  overrides: Partial<CreateElasticsearchDomainCommandInput> = {},
): CreateElasticsearchDomainCommandInput {
  return {
    DomainName: name,
    ElasticsearchVersion: '7.10',
    ElasticsearchClusterConfig: { InstanceType: 'm5.large.elasticsearch', InstanceCount: 1 },
    EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 10 },
    ...overrides,
  };
}

/**
 * Fine-grained access control with what it requires beside it (HTTPS enforced, node-to-node encryption,
 * encryption at rest) and an internal master user: what cross-cluster search requires of both domains.
 */
export const fineGrainedDomain: Partial<CreateElasticsearchDomainCommandInput> = {
  DomainEndpointOptions: { EnforceHTTPS: true },
  NodeToNodeEncryptionOptions: { Enabled: true },
  EncryptionAtRestOptions: { Enabled: true },
  AdvancedSecurityOptions: {
    Enabled: true,
    InternalUserDatabaseEnabled: true,
    MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Str0ng-Passw0rd!' },
  },
};

/** Creates the testDomainInput domain through the SDK and answers the create's output. */
export function createTestDomain(
  client: ElasticsearchServiceClient,
  name: string,
  overrides: Partial<CreateElasticsearchDomainCommandInput> = {},
): Promise<CreateElasticsearchDomainCommandOutput> {
  return client.send(new CreateElasticsearchDomainCommand(testDomainInput(name, overrides)));
}

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

export const OWNER_ACCOUNT = '111111111111';
export const PARTNER_ACCOUNT = '222222222222';

export interface TwoAccounts {
  /** A client signed by the root of OWNER_ACCOUNT. */
  owner: ElasticsearchServiceClient;
  /** A client signed by the root of PARTNER_ACCOUNT. */
  partner: ElasticsearchServiceClient;
  /** Stops the emulator and removes its seed file. */
  stop(): Promise<void>;
}

/**
 * An emulator whose IAM seed holds the roots of two accounts (OWNER_ACCOUNT, PARTNER_ACCOUNT), with a
 * client for each, for calls from both sides of a cross-account feature.
 */
export async function startTwoAccountEmulator(): Promise<TwoAccounts> {
  const owner = { accessKeyId: 'AKIAOWNER00000000001', secretAccessKey: 'owner-secret' };
  const partner = { accessKeyId: 'AKIAPARTNER000000001', secretAccessKey: 'partner-secret' };
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-ccs-vpce-seed-'));
  const file = path.join(directory, 'iam-seed.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      accounts: {
        [OWNER_ACCOUNT]: { root: { accessKeys: [owner] } },
        [PARTNER_ACCOUNT]: { root: { accessKeys: [partner] } },
      },
    }),
  );
  const emulator = await startTestEmulator({ iamSeed: file });
  return {
    owner: emulator.client({ credentials: owner }),
    partner: emulator.client({ credentials: partner }),
    async stop() {
      await emulator.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
