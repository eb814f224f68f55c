import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AcceptInboundCrossClusterSearchConnectionCommand,
  AssociatePackageCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  CreatePackageCommand,
  DeleteElasticsearchDomainCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  DescribePackagesCommand,
  DescribeReservedElasticsearchInstanceOfferingsCommand,
  DescribeReservedElasticsearchInstancesCommand,
  ListDomainNamesCommand,
  ListPackagesForDomainCommand,
  PurchaseReservedElasticsearchInstanceOfferingCommand,
  UpgradeElasticsearchDomainCommand,
} from '@aws-sdk/client-elasticsearch-service';
import Database from 'better-sqlite3';
import { ManualClock } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator } from './support/emulator';
import { createTestDomain, fineGrainedDomain } from './support/domains';
import { backToSchemaVersion6 } from './support/older-state';

/**
 * What the emulator finished before a restart stays finished after a restart with another DOMAIN_PROCESSING_MS,
 * and what was under way keeps its own schedule: each step keeps the processing time it began with.
 */
describe('a restart with another processing time', () => {
  const clock = new ManualClock();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'restart-'));
  const statePath = path.join(directory, 'state.sqlite');
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  /** The statuses of a package, its association, a connection and a reservation. */
  async function statuses(emulator: TestEmulator) {
    const client = emulator.client();
    const packages = await client.send(new DescribePackagesCommand({}));
    const associations = await client.send(new ListPackagesForDomainCommand({ DomainName: 'kept' }));
    const connections = await client.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
    const reservations = await client.send(new DescribeReservedElasticsearchInstancesCommand({}));
    return {
      package: packages.PackageDetailsList?.[0]?.PackageStatus,
      association: associations.DomainPackageDetailsList?.[0]?.DomainPackageStatus,
      connection: connections.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode,
      reservation: reservations.ReservedElasticsearchInstances?.[0]?.State,
    };
  }

  /**
   * A connection (accepted once validated, after `processingMs`), a package (associated when `associate`: only an
   * AVAILABLE one can be), a reservation.
   */
  async function populate(emulator: TestEmulator, associate: boolean, processingMs: number): Promise<void> {
    const client = emulator.client();
    await createTestDomain(client, 'kept', fineGrainedDomain);
    await createTestDomain(client, 'kept-peer', fineGrainedDomain);
    const { CrossClusterSearchConnectionId: id } = await client.send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: 'kept' },
        DestinationDomainInfo: { DomainName: 'kept-peer' },
        ConnectionAlias: 'peer',
      }),
    );
    clock.advance(processingMs);
    await client.send(
      new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }),
    );
    const { PackageDetails } = await client.send(
      new CreatePackageCommand({
        PackageName: 'synonyms',
        PackageType: 'TXT-DICTIONARY',
        PackageSource: { S3BucketName: 'bucket', S3Key: 'synonyms.txt' },
      }),
    );
    if (associate) {
      clock.advance(1);
      await client.send(
        new AssociatePackageCommand({ PackageID: PackageDetails!.PackageID!, DomainName: 'kept' }),
      );
    }
    const { ReservedElasticsearchInstanceOfferings: offerings } = await client.send(
      new DescribeReservedElasticsearchInstanceOfferingsCommand({}),
    );
    await client.send(
      new PurchaseReservedElasticsearchInstanceOfferingCommand({
        ReservedElasticsearchInstanceOfferingId: offerings![0]!.ReservedElasticsearchInstanceOfferingId,
        ReservationName: 'kept-reservation',
      }),
    );
  }

  it('finished work stays finished when the processing time grows', async () => {
    const first = await startClockedEmulator(clock, 0, { statePath });
    await populate(first, true, 0);
    clock.advance(1);
    const before = await statuses(first);
    assert.deepEqual(before, {
      package: 'AVAILABLE',
      association: 'ACTIVE',
      connection: 'ACTIVE',
      reservation: 'active',
    });
    await first.stop();

    const second = await startClockedEmulator(clock, 600_000, { statePath });
    try {
      assert.deepEqual(await statuses(second), before);
    } finally {
      await second.stop();
    }
  });

  it('finished work of a state file written before steps kept their time stays finished as well', async () => {
    const olderState = path.join(path.dirname(statePath), 'older.sqlite');
    const first = await startClockedEmulator(clock, 0, { statePath: olderState });
    await populate(first, true, 0);
    clock.advance(1);
    const before = await statuses(first);
    await first.stop();
    // The documents as the builds before 630557b wrote them: no step's processing time (stepMs, paymentMs).
    const db = new Database(olderState);
    const withoutStepTimes = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withoutStepTimes)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key]) => key !== 'stepMs' && key !== 'paymentMs')
                .map(([key, member]) => [key, withoutStepTimes(member)]),
            )
          : value;
    const rows = db.prepare('SELECT seq, doc FROM resources').all() as { seq: number; doc: string }[];
    const rewrite = db.prepare('UPDATE resources SET doc = ? WHERE seq = ?');
    let stripped = 0;
    for (const row of rows) {
      const doc = JSON.stringify(withoutStepTimes(JSON.parse(row.doc)));
      if (doc !== row.doc) stripped++;
      rewrite.run(doc, row.seq);
    }
    db.close();
    // The package (its version), the association, both copies of the connection and the reservation.
    assert.ok(stripped >= 5, `${stripped} documents held a step's time`);

    const second = await startClockedEmulator(clock, 600_000, { statePath: olderState });
    try {
      assert.deepEqual(await statuses(second), before);
    } finally {
      await second.stop();
    }
  });

  it('work under way keeps its own time when the processing time shrinks', async () => {
    const slowState = path.join(path.dirname(statePath), 'slow.sqlite');
    const first = await startClockedEmulator(clock, 600_000, { statePath: slowState });
    await populate(first, false, 600_000);
    await first.stop();

    const second = await startClockedEmulator(clock, 0, { statePath: slowState });
    try {
      assert.deepEqual(await statuses(second), {
        package: 'COPYING',
        association: undefined,
        connection: 'PROVISIONING',
        reservation: 'payment-pending',
      });
      clock.advance(600_000);
      assert.deepEqual(await statuses(second), {
        package: 'AVAILABLE',
        association: undefined,
        connection: 'ACTIVE',
        reservation: 'active',
      });
    } finally {
      await second.stop();
    }
  });

  it("a deletion that came due while the emulator was stopped ends its domain's connections on its own time", async () => {
    const file = path.join(path.dirname(statePath), 'deletion.sqlite');
    const first = await startClockedEmulator(clock, 8_000, { statePath: file });
    const client = first.client();
    await createTestDomain(client, 'source', fineGrainedDomain);
    await createTestDomain(client, 'leaving', fineGrainedDomain);
    clock.advance(8_000);
    await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'leaving' }));
    // A request made against the domain during its deletion goes with it when the deletion completes.
    await client.send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: { DomainName: 'source' },
        DestinationDomainInfo: { DomainName: 'leaving' },
        ConnectionAlias: 'to-leaving',
      }),
    );
    await first.stop();
    // The deletion completes 8 s after the delete, and the connection's deletion it starts takes 8 s more.
    clock.advance(16_000);

    const second = await startClockedEmulator(clock, 600_000, { statePath: file });
    try {
      const { CrossClusterSearchConnections } = await second
        .client()
        .send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
      assert.deepEqual(
        CrossClusterSearchConnections?.map((connection) => connection.ConnectionStatus?.StatusCode),
        ['DELETED'],
      );
    } finally {
      await second.stop();
    }
  });

  /** A state file in which an upgrade of `name` to OpenSearch is under way (1 s a step), its emulator stopped. */
  async function upgradeUnderWay(file: string, name: string): Promise<void> {
    const first = await startClockedEmulator(clock, 1_000, { statePath: file });
    await createTestDomain(first.client(), name, { ElasticsearchVersion: '7.10' });
    clock.advance(1_000);
    await first
      .client()
      .send(new UpgradeElasticsearchDomainCommand({ DomainName: name, TargetVersion: 'OpenSearch_1.3' }));
    await first.stop();
  }

  /** The domains listed with the EngineType filter, once the upgrade's three steps are over. */
  async function listedAfterUpgrade(file: string, EngineType?: 'OpenSearch') {
    clock.advance(3_000);
    const second = await startClockedEmulator(clock, 1_000, { statePath: file });
    try {
      return (await second.client().send(new ListDomainNamesCommand(EngineType ? { EngineType } : {})))
        .DomainNames;
    } finally {
      await second.stop();
    }
  }

  it('an upgrade to OpenSearch that completes while the emulator is stopped is listed with its new engine', async () => {
    const upgradeState = path.join(path.dirname(statePath), 'upgrade.sqlite');
    await upgradeUnderWay(upgradeState, 'crossing');
    assert.deepEqual(await listedAfterUpgrade(upgradeState), [
      { DomainName: 'crossing', EngineType: 'OpenSearch' },
    ]);
  });

  it('so is one under way in a state file written before such upgrades were kept for the list', async () => {
    const upgradeState = path.join(path.dirname(statePath), 'older-upgrade.sqlite');
    await upgradeUnderWay(upgradeState, 'older');
    // The file as the version before kept it: no row of the upgrade, schema version 5.
    const db = new Database(upgradeState);
    backToSchemaVersion6(db);
    db.prepare("DELETE FROM resources WHERE kind = 'engine-upgrade'").run();
    db.pragma('user_version = 5');
    db.close();
    assert.deepEqual(await listedAfterUpgrade(upgradeState, 'OpenSearch'), [
      { DomainName: 'older', EngineType: 'OpenSearch' },
    ]);
  });
});
