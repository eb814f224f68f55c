import assert from 'node:assert/strict';
import {
  DescribeReservedElasticsearchInstanceOfferingsCommand,
  DescribeReservedElasticsearchInstancesCommand,
  PurchaseReservedElasticsearchInstanceOfferingCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  ElasticsearchServiceClient,
  ReservedElasticsearchInstanceOffering,
} from '@aws-sdk/client-elasticsearch-service';
import { ManualClock, sequentialIds } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator } from './support/emulator';
import { expectServiceError, serviceErrorOf } from './support/errors';

const processingMs = 60_000;
const unknownId = '00000000-1111-4222-8333-444444444444';

describe('reserved instances', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  let catalogue: ReservedElasticsearchInstanceOffering[];
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  before(async () => {
    // Reservation ids with hex letters, which a test gives in upper case.
    emulator = await startClockedEmulator(clock, processingMs, { ids: sequentialIds('abcdef00') });
    client = emulator.client();
    catalogue = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({ NextToken }),
      );
      catalogue.push(...page.ReservedElasticsearchInstanceOfferings!);
      NextToken = page.NextToken;
    } while (NextToken);
  });
  after(() => emulator.stop());

  function offering(type: string, duration: number, option: string): ReservedElasticsearchInstanceOffering {
    const found = catalogue.find(
      (entry) =>
        entry.ElasticsearchInstanceType === type &&
        entry.Duration === duration &&
        entry.PaymentOption === option,
    );
    assert.ok(found, `no ${option} ${duration} offering of ${type}`);
    return found;
  }

  describe('DescribeReservedElasticsearchInstanceOfferings', () => {
    it('offers 1- and 3-year terms with the three payment options, priced in USD and cheaper the more is paid upfront', () => {
      assert.ok(catalogue.length > 100);
      assert.deepEqual(new Set(catalogue.map((entry) => entry.Duration)), new Set([31536000, 94608000]));
      assert.deepEqual(
        new Set(catalogue.map((entry) => entry.PaymentOption)),
        new Set(['ALL_UPFRONT', 'PARTIAL_UPFRONT', 'NO_UPFRONT']),
      );
      assert.equal(
        new Set(catalogue.map((entry) => entry.ReservedElasticsearchInstanceOfferingId)).size,
        catalogue.length,
      );
      for (const entry of catalogue) {
        assert.match(
          entry.ReservedElasticsearchInstanceOfferingId!,
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        assert.match(entry.ElasticsearchInstanceType!, /\.elasticsearch$/);
        assert.equal(entry.CurrencyCode, 'USD');
        // The developer guide: UsagePrice is a legacy field, always 0; the hourly rate is a recurring charge.
        assert.equal(entry.UsagePrice, 0);
        assert.equal(entry.RecurringCharges![0]!.RecurringChargeFrequency, 'Hourly');
      }
      const allUpfront = offering('m5.large.elasticsearch', 31536000, 'ALL_UPFRONT');
      const noUpfront = offering('m5.large.elasticsearch', 31536000, 'NO_UPFRONT');
      const partial = offering('m5.large.elasticsearch', 31536000, 'PARTIAL_UPFRONT');
      assert.equal(allUpfront.RecurringCharges![0]!.RecurringChargeAmount, 0);
      assert.equal(noUpfront.FixedPrice, 0);
      assert.ok(partial.FixedPrice! > 0 && partial.RecurringCharges![0]!.RecurringChargeAmount! > 0);
      // A larger upfront payment means a larger discount.
      const termCost = (entry: ReservedElasticsearchInstanceOffering) =>
        entry.FixedPrice! + entry.RecurringCharges![0]!.RecurringChargeAmount! * (entry.Duration! / 3600);
      assert.ok(termCost(allUpfront) < termCost(partial) && termCost(partial) < termCost(noUpfront));
    });

    it('pages: 100 by default, then the rest; MaxResults pages smaller', async () => {
      const first = await client.send(new DescribeReservedElasticsearchInstanceOfferingsCommand({}));
      assert.equal(first.ReservedElasticsearchInstanceOfferings!.length, 100);
      assert.ok(first.NextToken);
      const small = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({ MaxResults: 5 }),
      );
      const next = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({
          MaxResults: 5,
          NextToken: small.NextToken,
        }),
      );
      assert.deepEqual(
        [...small.ReservedElasticsearchInstanceOfferings!, ...next.ReservedElasticsearchInstanceOfferings!],
        catalogue.slice(0, 10),
      );
    });

    it('reads MaxResults 0, which the model allows, as no limit given', async () => {
      const page = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({ MaxResults: 0 }),
      );
      assert.equal(page.ReservedElasticsearchInstanceOfferings!.length, 100);
      assert.ok(page.NextToken);
    });

    it('filters by offering id, and answers ResourceNotFoundException for an unknown one', async () => {
      const wanted = catalogue[7]!;
      const { ReservedElasticsearchInstanceOfferings } = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({
          ReservedElasticsearchInstanceOfferingId: wanted.ReservedElasticsearchInstanceOfferingId,
        }),
      );
      assert.deepEqual(ReservedElasticsearchInstanceOfferings, [wanted]);
      await expectServiceError(
        () =>
          client.send(
            new DescribeReservedElasticsearchInstanceOfferingsCommand({
              ReservedElasticsearchInstanceOfferingId: unknownId,
            }),
          ),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message: `Reserved Elasticsearch instance offering not found: ${unknownId}`,
        },
      );
    });

    it('finds an offering id given in upper case, answering it in its lower-case form', async () => {
      const wanted = catalogue[7]!;
      const { ReservedElasticsearchInstanceOfferings } = await client.send(
        new DescribeReservedElasticsearchInstanceOfferingsCommand({
          ReservedElasticsearchInstanceOfferingId:
            wanted.ReservedElasticsearchInstanceOfferingId!.toUpperCase(),
        }),
      );
      assert.deepEqual(ReservedElasticsearchInstanceOfferings, [wanted]);
    });

    it('refuses an offering id that is not a GUID, and a forged NextToken, with ValidationException', async () => {
      const notGuid = await serviceErrorOf(() =>
        client.send(
          new DescribeReservedElasticsearchInstanceOfferingsCommand({
            ReservedElasticsearchInstanceOfferingId: 'nope',
          }),
        ),
      );
      assert.equal(notGuid.name, 'ValidationException');
      assert.equal(notGuid.status, 400);
      await expectServiceError(
        () => client.send(new DescribeReservedElasticsearchInstanceOfferingsCommand({ NextToken: 'forged' })),
        { name: 'ValidationException', status: 400, message: 'The pagination token is invalid.' },
      );
    });
  });

  describe('PurchaseReservedElasticsearchInstanceOffering and DescribeReservedElasticsearchInstances', () => {
    it('purchases: a uuid reservation, payment-pending then active, retired after the term', async () => {
      const bought = offering('r5.large.elasticsearch', 31536000, 'PARTIAL_UPFRONT');
      const startedAt = clock.now();
      const purchase = await client.send(
        new PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: bought.ReservedElasticsearchInstanceOfferingId,
          ReservationName: 'my-reservation',
          InstanceCount: 3,
        }),
      );
      assert.equal(purchase.ReservationName, 'my-reservation');
      assert.match(
        purchase.ReservedElasticsearchInstanceId!,
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );

      const describe = () =>
        client.send(
          new DescribeReservedElasticsearchInstancesCommand({
            ReservedElasticsearchInstanceId: purchase.ReservedElasticsearchInstanceId,
          }),
        );
      const pending = await describe();
      assert.deepEqual(pending.ReservedElasticsearchInstances, [
        {
          ReservationName: 'my-reservation',
          ReservedElasticsearchInstanceId: purchase.ReservedElasticsearchInstanceId,
          ReservedElasticsearchInstanceOfferingId: bought.ReservedElasticsearchInstanceOfferingId,
          ElasticsearchInstanceType: 'r5.large.elasticsearch',
          StartTime: new Date(startedAt),
          Duration: 31536000,
          FixedPrice: bought.FixedPrice,
          UsagePrice: 0,
          CurrencyCode: 'USD',
          ElasticsearchInstanceCount: 3,
          State: 'payment-pending',
          PaymentOption: 'PARTIAL_UPFRONT',
          RecurringCharges: bought.RecurringCharges,
        },
      ]);
      clock.advance(processingMs);
      assert.equal((await describe()).ReservedElasticsearchInstances![0]!.State, 'active');
      clock.advance(31536000 * 1000);
      assert.equal((await describe()).ReservedElasticsearchInstances![0]!.State, 'retired');
    });

    it('reserves one instance when InstanceCount is not given', async () => {
      const purchase = await client.send(
        new PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: catalogue[0]!.ReservedElasticsearchInstanceOfferingId,
          ReservationName: 'single-instance',
        }),
      );
      const { ReservedElasticsearchInstances } = await client.send(
        new DescribeReservedElasticsearchInstancesCommand({
          ReservedElasticsearchInstanceId: purchase.ReservedElasticsearchInstanceId,
        }),
      );
      assert.equal(ReservedElasticsearchInstances![0]!.ElasticsearchInstanceCount, 1);
    });

    it('refuses a reservation name already used, and an unknown offering', async () => {
      await expectServiceError(
        () =>
          client.send(
            new PurchaseReservedElasticsearchInstanceOfferingCommand({
              ReservedElasticsearchInstanceOfferingId: catalogue[1]!.ReservedElasticsearchInstanceOfferingId,
              ReservationName: 'my-reservation',
            }),
          ),
        {
          name: 'ResourceAlreadyExistsException',
          status: 409,
          message: 'A reservation named my-reservation already exists in this account and region',
        },
      );
      await expectServiceError(
        () =>
          client.send(
            new PurchaseReservedElasticsearchInstanceOfferingCommand({
              ReservedElasticsearchInstanceOfferingId: unknownId,
              ReservationName: 'never-bought',
            }),
          ),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message: `Reserved Elasticsearch instance offering not found: ${unknownId}`,
        },
      );
    });

    it('refuses a reservation name shorter than the model allows', async () => {
      const error = await serviceErrorOf(() =>
        client.send(
          new PurchaseReservedElasticsearchInstanceOfferingCommand({
            ReservedElasticsearchInstanceOfferingId: catalogue[0]!.ReservedElasticsearchInstanceOfferingId,
            ReservationName: 'abc',
          }),
        ),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.status, 400);
    });

    it('keeps reservations per region', async () => {
      const elsewhere = emulator.client({ region: 'eu-west-1' });
      const { ReservedElasticsearchInstances } = await elsewhere.send(
        new DescribeReservedElasticsearchInstancesCommand({}),
      );
      assert.deepEqual(ReservedElasticsearchInstances, []);
    });

    it('lists reservations across pages, and answers ResourceNotFoundException for an unknown id', async () => {
      for (const name of ['paged-one', 'paged-two', 'paged-three']) {
        await client.send(
          new PurchaseReservedElasticsearchInstanceOfferingCommand({
            ReservedElasticsearchInstanceOfferingId: catalogue[2]!.ReservedElasticsearchInstanceOfferingId,
            ReservationName: name,
          }),
        );
      }
      const names: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(
          new DescribeReservedElasticsearchInstancesCommand({ MaxResults: 2, NextToken }),
        );
        names.push(
          ...page.ReservedElasticsearchInstances!.map((reservation) => reservation.ReservationName!),
        );
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      assert.equal(pages, 3);
      assert.deepEqual(names, ['my-reservation', 'single-instance', 'paged-one', 'paged-two', 'paged-three']);

      await expectServiceError(
        () =>
          client.send(
            new DescribeReservedElasticsearchInstancesCommand({ ReservedElasticsearchInstanceId: unknownId }),
          ),
        {
          name: 'ResourceNotFoundException',
          status: 409,
          message: `Reserved Elasticsearch instance not found: ${unknownId}`,
        },
      );
      await expectServiceError(
        () => client.send(new DescribeReservedElasticsearchInstancesCommand({ NextToken: 'forged' })),
        {
          name: 'ValidationException',
          status: 400,
          message: 'The pagination token is invalid.',
        },
      );
    });

    it('purchases an offering and describes a reservation by ids given in upper case', async () => {
      const bought = catalogue[3]!;
      const purchase = await client.send(
        new PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId:
            bought.ReservedElasticsearchInstanceOfferingId!.toUpperCase(),
          ReservationName: 'upper-case-ids',
        }),
      );
      const { ReservedElasticsearchInstances } = await client.send(
        new DescribeReservedElasticsearchInstancesCommand({
          ReservedElasticsearchInstanceId: purchase.ReservedElasticsearchInstanceId!.toUpperCase(),
        }),
      );
      assert.deepEqual(
        ReservedElasticsearchInstances!.map((reservation) => [
          reservation.ReservedElasticsearchInstanceId,
          reservation.ReservedElasticsearchInstanceOfferingId,
        ]),
        [[purchase.ReservedElasticsearchInstanceId, bought.ReservedElasticsearchInstanceOfferingId]],
      );
    });

    it('counts as paid a reservation stored before the purchase kept its processing time', async () => {
      // A reservation document as stored before paymentMs was kept, written as the reservations family stores it.
      const bought = catalogue[4]!;
      const id = '5701ed00-0000-4000-8000-000000000001';
      emulator.store.resources.insert(
        { account: emulator.config.accountId, region: emulator.region },
        'reservation',
        id,
        null,
        {
          ReservationName: 'stored-before-payment-time',
          ReservedElasticsearchInstanceId: id,
          ElasticsearchInstanceCount: 1,
          offering: bought,
          startMs: clock.now(),
        },
      );
      const state = async () =>
        (
          await client.send(
            new DescribeReservedElasticsearchInstancesCommand({ ReservedElasticsearchInstanceId: id }),
          )
        ).ReservedElasticsearchInstances![0]!.State;
      // Its payment took what the build that sold it took, unknown: it never goes back to payment-pending.
      assert.equal(await state(), 'active');
    });

    it('retires a reservation at the very instant its term ends', async () => {
      const bought = offering('m5.large.elasticsearch', 94608000, 'NO_UPFRONT');
      const purchase = await client.send(
        new PurchaseReservedElasticsearchInstanceOfferingCommand({
          ReservedElasticsearchInstanceOfferingId: bought.ReservedElasticsearchInstanceOfferingId,
          ReservationName: 'ends-on-time',
        }),
      );
      const state = async () =>
        (
          await client.send(
            new DescribeReservedElasticsearchInstancesCommand({
              ReservedElasticsearchInstanceId: purchase.ReservedElasticsearchInstanceId,
            }),
          )
        ).ReservedElasticsearchInstances![0]!.State;
      clock.advance(94608000 * 1000 - 1);
      assert.equal(await state(), 'active');
      // The term is its Duration from StartTime: at StartTime + Duration it has ended.
      clock.advance(1);
      assert.equal(await state(), 'retired');
    });
  });
});
