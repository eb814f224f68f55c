import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateElasticsearchDomainCommand,
  DescribeElasticsearchDomainCommand,
  ElasticsearchServiceClient,
  ListDomainNamesCommand,
  ListTagsCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type { ESPartitionInstanceType } from '@aws-sdk/client-elasticsearch-service';
import { spawnEmulator } from './support/spawned-emulator';

/**
 * Terraform's AWS provider (aws_elasticsearch_domain, aws_elasticsearch_domain_policy and the
 * aws_elasticsearch_domain data source) against the compiled server, when the machine has Terraform and the
 * provider in a local mirror (TF_PROVIDER_MIRROR, default /opt/tf-plugins); skipped otherwise. Terraform
 * never leaves the machine: the provider is read from the mirror, the version check is disabled, and the
 * provider is told to skip the credential, account, region and instance-metadata calls it would make to AWS.
 */
const mirror = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const providerDir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');

function providerVersion(): string | undefined {
  if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0) return undefined;
  if (!fs.existsSync(providerDir)) return undefined;
  return fs
    .readdirSync(providerDir)
    .filter((name) => /^\d+\.\d+\.\d+$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .pop();
}

const version = providerVersion();

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A working directory with the configuration, to be initialised against the local mirror. */
class TerraformDirectory {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-terraform-'));
  private readonly env: NodeJS.ProcessEnv;

  constructor(configuration: string) {
    fs.writeFileSync(
      path.join(this.dir, 'terraform.rc'),
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    fs.writeFileSync(path.join(this.dir, 'main.tf'), configuration);
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(this.dir, 'terraform.rc'),
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  }

  init(): void {
    this.run(['init', '-no-color']);
  }

  /** Runs terraform; throws with its output unless it exits with one of `expected`. */
  run(args: string[], expected: number[] = [0]): { status: number; output: string } {
    const result = spawnSync('terraform', args, { cwd: this.dir, env: this.env, encoding: 'utf8' });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    const status = result.status ?? -1;
    if (!expected.includes(status)) {
      throw new Error(`terraform ${args.join(' ')} exited with ${status}:\n${output}`);
    }
    return { status, output };
  }

  apply(vars: Record<string, string | number>, expected: number[] = [0]) {
    return this.run(['apply', '-auto-approve', '-no-color', ...varFlags(vars)], expected);
  }

  /** `plan -detailed-exitcode`: 0 when the real state matches the configuration, 2 when it would change. */
  planStatus(vars: Record<string, string | number>): number {
    return this.run(['plan', '-detailed-exitcode', '-no-color', ...varFlags(vars)], [0, 2]).status;
  }

  destroy(vars: Record<string, string | number>, expected: number[] = [0]) {
    return this.run(['destroy', '-auto-approve', '-no-color', ...varFlags(vars)], expected);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function varFlags(vars: Record<string, string | number>): string[] {
  return Object.entries(vars).flatMap(([name, value]) => ['-var', `${name}=${value}`]);
}

/** The provider pointed at the emulator, with every call it would make to another AWS service skipped. */
function providerBlock(endpoint: string, credentials: Credentials): string {
  return `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${version}" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "${credentials.accessKeyId}"
  secret_key                  = "${credentials.secretAccessKey}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    es = "${endpoint}"
  }
}
`;
}

const rootCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

interface TerraformRun {
  terraform: TerraformDirectory;
  /** A JS v3 client of the emulator with the same credentials, to check what Terraform did. */
  client: ElasticsearchServiceClient;
}

/**
 * Starts the compiled server (with `serverArgs`), initialises `configuration` behind a provider block for it,
 * runs `body`, and then stops and removes everything, whatever happened.
 */
async function withTerraform(
  setup: { credentials: Credentials; configuration: string; serverArgs?: string[] },
  body: (run: TerraformRun) => Promise<void>,
): Promise<void> {
  const emulator = await spawnEmulator(setup.serverArgs);
  const client = new ElasticsearchServiceClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: setup.credentials,
  });
  const terraform = new TerraformDirectory(
    `${providerBlock(emulator.endpoint, setup.credentials)}${setup.configuration}`,
  );
  try {
    terraform.init();
    await body({ terraform, client });
  } finally {
    client.destroy();
    terraform.remove();
    await emulator.stop();
  }
}

describe('Terraform against the compiled server', function () {
  // Each terraform command takes a few seconds (the provider is a large binary).
  this.timeout(300_000);

  (version ? it : it.skip)(
    'aws_elasticsearch_domain: apply a t3.small domain with its policy, no drift, update and upgrade in place, destroy',
    async () => {
      await withTerraform(
        {
          credentials: rootCredentials,
          configuration: `variable "instance_count" { default = 2 }
variable "volume_size" { default = 10 }
variable "es_version" { default = "7.9" }
variable "volume_type" { default = "gp3" }
resource "aws_elasticsearch_domain" "search" {
  domain_name           = "tf-search"
  elasticsearch_version = var.es_version
  cluster_config {
    instance_type          = "t3.small.elasticsearch"
    instance_count         = var.instance_count
    zone_awareness_enabled = true
    zone_awareness_config { availability_zone_count = 2 }
  }
  ebs_options {
    ebs_enabled = true
    volume_size = var.volume_size
    volume_type = var.volume_type
  }
  encrypt_at_rest { enabled = true }
  node_to_node_encryption { enabled = true }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
  advanced_options = { "rest.action.multi.allow_explicit_index" = "true" }
  snapshot_options { automated_snapshot_start_hour = 23 }
  tags = { team = "search" }
}
resource "aws_elasticsearch_domain_policy" "search" {
  domain_name = aws_elasticsearch_domain.search.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "\${aws_elasticsearch_domain.search.arn}/*"
      Condition = { IpAddress = { "aws:SourceIp" = "127.0.0.1/32" } }
    }]
  })
}
data "aws_elasticsearch_domain" "search" {
  domain_name = aws_elasticsearch_domain.search.domain_name
  depends_on  = [aws_elasticsearch_domain_policy.search]
}
output "endpoint" { value = data.aws_elasticsearch_domain.search.endpoint }
`,
        },
        async ({ terraform, client }) => {
          const applied = terraform.apply({});
          assert.match(applied.output, /Apply complete! Resources: 2 added, 0 changed, 0 destroyed\./);
          const created = (
            await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'tf-search' }))
          ).DomainStatus!;
          assert.equal(created.ElasticsearchClusterConfig?.InstanceType, 't3.small.elasticsearch');
          assert.equal(created.ElasticsearchClusterConfig?.InstanceCount, 2);
          assert.deepEqual(created.ElasticsearchClusterConfig?.ZoneAwarenessConfig, {
            AvailabilityZoneCount: 2,
          });
          // gp3 without iops or throughput: AWS's baseline, which the provider writes to its state.
          assert.deepEqual(created.EBSOptions, {
            EBSEnabled: true,
            VolumeType: 'gp3',
            VolumeSize: 10,
            Iops: 3000,
            Throughput: 125,
          });
          assert.equal(created.EncryptionAtRestOptions?.Enabled, true);
          assert.equal(created.SnapshotOptions?.AutomatedSnapshotStartHour, 23);
          assert.match(created.AccessPolicies ?? '', /"aws:SourceIp":"127\.0\.0\.1\/32"/);
          assert.match(applied.output, new RegExp(`endpoint = "${created.Endpoint!.replace(/\./g, '\\.')}"`));
          const tags = await client.send(new ListTagsCommand({ ARN: created.ARN }));
          assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'search' }]);

          // What Terraform reads back matches what it wrote: nothing to change.
          assert.equal(terraform.planStatus({}), 0);

          // A configuration change and an engine upgrade in one apply; the provider waits on GetUpgradeStatus
          // (its first poll comes after 30 s). gp3 to gp2 as well: the provider sends no IOPS or throughput
          // for gp2, and gp3's must not stay (terraform-provider-aws#32613).
          const changed = { instance_count: 4, volume_size: 20, es_version: '7.10', volume_type: 'gp2' };
          const updated = terraform.apply(changed);
          assert.match(updated.output, /Resources: 0 added, 1 changed, 0 destroyed\./);
          const after = (
            await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'tf-search' }))
          ).DomainStatus!;
          assert.equal(after.ElasticsearchClusterConfig?.InstanceCount, 4);
          assert.deepEqual(after.EBSOptions, { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 20 });
          assert.equal(after.ElasticsearchVersion, '7.10');
          assert.equal(terraform.planStatus(changed), 0);

          terraform.destroy(changed);
          assert.deepEqual((await client.send(new ListDomainNamesCommand({}))).DomainNames, []);
        },
      );
    },
  );

  (version ? it : it.skip)(
    'a VPC domain, a fine-grained access control domain with masters, UltraWarm, logs and SAML, and an import: no drift',
    async () => {
      await withTerraform(
        {
          credentials: rootCredentials,
          configuration: `resource "aws_elasticsearch_domain" "secure" {
  domain_name           = "tf-secure"
  elasticsearch_version = "7.10"
  cluster_config {
    instance_type            = "r6g.large.elasticsearch"
    instance_count           = 3
    dedicated_master_enabled = true
    dedicated_master_type    = "m6g.large.elasticsearch"
    dedicated_master_count   = 3
    zone_awareness_enabled   = true
    zone_awareness_config { availability_zone_count = 3 }
    warm_enabled = true
    warm_type    = "ultrawarm1.medium.elasticsearch"
    warm_count   = 2
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 100
    volume_type = "gp3"
    iops        = 3000
    throughput  = 250
  }
  encrypt_at_rest { enabled = true }
  node_to_node_encryption { enabled = true }
  domain_endpoint_options { enforce_https = true }
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
    master_user_options {
      master_user_name     = "admin"
      master_user_password = "Passw0rd!Passw0rd"
    }
  }
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:000000000000:log-group:es-slow"
    log_type                 = "INDEX_SLOW_LOGS"
  }
  auto_tune_options {
    desired_state       = "ENABLED"
    rollback_on_disable = "NO_ROLLBACK"
  }
}
resource "aws_elasticsearch_domain_saml_options" "secure" {
  domain_name = aws_elasticsearch_domain.secure.domain_name
  saml_options {
    enabled = true
    idp {
      entity_id        = "https://idp.example.com"
      metadata_content = "<EntityDescriptor xmlns=\\"urn:oasis:names:tc:SAML:2.0:metadata\\" entityID=\\"https://idp.example.com\\"></EntityDescriptor>"
    }
    master_user_name = "saml-admin"
  }
}
resource "aws_elasticsearch_domain" "vpc" {
  domain_name           = "tf-vpc"
  elasticsearch_version = "OpenSearch_1.3"
  cluster_config {
    instance_type          = "m5.large.elasticsearch"
    instance_count         = 2
    zone_awareness_enabled = true
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
resource "aws_elasticsearch_domain" "imported" {
  domain_name           = "tf-imported"
  elasticsearch_version = "7.10"
  cluster_config {
    instance_type  = "t3.small.elasticsearch"
    instance_count = 1
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
}
`,
        },
        async ({ terraform, client }) => {
          await client.send(
            new CreateElasticsearchDomainCommand({
              DomainName: 'tf-imported',
              ElasticsearchVersion: '7.10',
              ElasticsearchClusterConfig: {
                InstanceType: 't3.small.elasticsearch' as ESPartitionInstanceType,
              },
              EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
            }),
          );
          terraform.run(['import', '-no-color', 'aws_elasticsearch_domain.imported', 'tf-imported']);
          const applied = terraform.apply({});
          assert.match(applied.output, /Resources: 3 added, 0 changed, 0 destroyed\./);

          const secure = (
            await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'tf-secure' }))
          ).DomainStatus!;
          assert.equal(secure.AdvancedSecurityOptions?.Enabled, true);
          assert.equal(secure.AdvancedSecurityOptions?.SAMLOptions?.Enabled, true);
          assert.equal(secure.ElasticsearchClusterConfig?.WarmCount, 2);
          assert.equal(secure.LogPublishingOptions?.INDEX_SLOW_LOGS?.Enabled, true);
          const vpc = (await client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'tf-vpc' })))
            .DomainStatus!;
          // The provider refuses a VPC domain that answers an Endpoint, or a public one that answers Endpoints.
          assert.equal(vpc.Endpoint, undefined);
          assert.match(vpc.Endpoints?.vpc ?? '', /^vpc-tf-vpc-/);

          assert.equal(terraform.planStatus({}), 0);
          terraform.destroy({});
          assert.deepEqual((await client.send(new ListDomainNamesCommand({}))).DomainNames, []);
        },
      );
    },
  );

  (version ? it : it.skip)(
    "under IAM: a user's Deny on protected domains stops terraform destroy with AWS's AccessDeniedException",
    async () => {
      const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-terraform-seed-'));
      const seedFile = path.join(seedDir, 'seed.json');
      fs.writeFileSync(seedFile, JSON.stringify(deployerSeed()));
      try {
        await withTerraform(
          {
            credentials: deployerCredentials,
            serverArgs: ['--iam-seed', seedFile],
            configuration: `variable "protected" { default = "true" }
resource "aws_elasticsearch_domain" "logs" {
  domain_name           = "tf-logs"
  elasticsearch_version = "7.10"
  cluster_config { instance_type = "t3.small.elasticsearch" }
  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
  tags = { team = "logs", protected = var.protected }
}
`,
          },
          async ({ terraform, client }) => {
            terraform.apply({});
            const refused = terraform.destroy({}, [1]);
            assert.match(
              refused.output,
              /AccessDeniedException: User: arn:aws:iam::111122223333:user\/deployer is not authorized to perform: es:DeleteElasticsearchDomain on resource: arn:aws:es:us-east-1:111122223333:domain\/tf-logs with an explicit deny in an identity-based policy/,
            );
            // Untagging the domain (RemoveTags/AddTags in place) lifts the Deny: aws:ResourceTag is read per call.
            terraform.apply({ protected: 'false' });
            terraform.destroy({ protected: 'false' });
            await assert.rejects(
              client.send(new DescribeElasticsearchDomainCommand({ DomainName: 'tf-logs' })),
              (error: Error) => error.name === 'ResourceNotFoundException',
            );
          },
        );
      } finally {
        fs.rmSync(seedDir, { recursive: true, force: true });
      }
    },
  );
});

const deployerCredentials = {
  accessKeyId: 'AKIATFDEPLOYER000001',
  secretAccessKey: 'tf-deployer-secret-Jr58',
};

/** One IAM user allowed everything on its tf-* domains, except deleting a domain tagged protected=true. */
function deployerSeed(): unknown {
  return {
    accounts: {
      '111122223333': {
        users: {
          deployer: {
            accessKeys: [deployerCredentials],
            inlinePolicies: {
              'manage-tf-domains': {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'ManageTfDomains',
                    Effect: 'Allow',
                    Action: 'es:*',
                    Resource: 'arn:aws:es:*:111122223333:domain/tf-*',
                  },
                  {
                    Sid: 'KeepProtectedDomains',
                    Effect: 'Deny',
                    Action: 'es:DeleteElasticsearchDomain',
                    Resource: '*',
                    Condition: { StringEquals: { 'aws:ResourceTag/protected': 'true' } },
                  },
                ],
              },
            },
          },
        },
      },
    },
  };
}
