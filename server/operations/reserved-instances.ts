import { ResourceAlreadyExistsException, ResourceNotFoundException } from '../../schemas/errors.generated';
import type {
  ReservedElasticsearchInstance,
  ReservedElasticsearchInstanceOffering,
} from '../../schemas/types.generated';
import offeringsData from '../data/reserved-offerings.json';
import { epochSeconds } from '../domains/record';
import { paginate, STEP_MS_NOT_STORED } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { defineOperation } from './types';

const reservationKind = 'reservation';
const defaultMaxResults = 100;

/** The catalogue of offerings (server/data/reserved-offerings.json says where its facts come from). */
const offerings = offeringsData.offerings as ReservedElasticsearchInstanceOffering[];

interface StoredReservation {
  ReservationName: string;
  ReservedElasticsearchInstanceId: string;
  ElasticsearchInstanceCount: number;
  offering: ReservedElasticsearchInstanceOffering;
  startMs: number;
  /** DOMAIN_PROCESSING_MS at the purchase (absent from reservations stored before it was kept). */
  paymentMs?: number;
}

/**
 * The reservation's state: `payment-pending` right after the purchase (the developer guide's example), `active`
 * once the payment went through (the emulator's processing delay), `retired` when the term has ended.
 */
function reservationState(reservation: StoredReservation, context: OperationContext): string {
  const now = context.clock.now();
  const durationMs = (reservation.offering.Duration ?? 0) * 1000;
  if (now >= reservation.startMs + durationMs) return 'retired';
  if (now < reservation.startMs + (reservation.paymentMs ?? STEP_MS_NOT_STORED)) {
    return 'payment-pending';
  }
  return 'active';
}

function reservedInstance(
  reservation: StoredReservation,
  context: OperationContext,
): ReservedElasticsearchInstance {
  const { offering } = reservation;
  return {
    ReservationName: reservation.ReservationName,
    ReservedElasticsearchInstanceId: reservation.ReservedElasticsearchInstanceId,
    ReservedElasticsearchInstanceOfferingId: offering.ReservedElasticsearchInstanceOfferingId,
    ElasticsearchInstanceType: offering.ElasticsearchInstanceType,
    StartTime: epochSeconds(reservation.startMs),
    Duration: offering.Duration,
    FixedPrice: offering.FixedPrice,
    UsagePrice: offering.UsagePrice,
    CurrencyCode: offering.CurrencyCode,
    ElasticsearchInstanceCount: reservation.ElasticsearchInstanceCount,
    State: reservationState(reservation, context),
    PaymentOption: offering.PaymentOption,
    RecurringCharges: offering.RecurringCharges,
  };
}

// The API follows RDS's reserved instances (the same shapes, the legacy UsagePrice): as RDS does, an unknown id
// given as a filter is an error (the model declares ResourceNotFoundException), not an empty list.
// AWS's wording was not found; it follows the recorded `Domain not found: <name>`.
function offeringNotFound(offeringId: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Reserved Elasticsearch instance offering not found: ${offeringId}`);
}

function findOffering(offeringId: string): ReservedElasticsearchInstanceOffering | undefined {
  // The model's GUID pattern (\p{XDigit}) admits either case, and RFC 4122 (section 3) has a UUID's hex digits
  // "case insensitive on input": the catalogue's lower-case ids match whatever case they are given in.
  const wanted = offeringId.toLowerCase();
  return offerings.find((offering) => offering.ReservedElasticsearchInstanceOfferingId === wanted);
}

const describeOfferings = defineOperation({
  operation: 'DescribeReservedElasticsearchInstanceOfferings',
  handle(input, context) {
    let matching = offerings;
    const offeringId = input.ReservedElasticsearchInstanceOfferingId;
    if (offeringId !== undefined) {
      const offering = findOffering(offeringId);
      if (!offering) throw offeringNotFound(offeringId);
      matching = [offering];
    }
    const page = paginate(matching, input, {
      listing: `DescribeReservedElasticsearchInstanceOfferings ${offeringId ?? ''}`,
      scope: context.scope,
      keyOf: (offering) => offering.ReservedElasticsearchInstanceOfferingId ?? '',
      defaultMaxResults,
    });
    return {
      ReservedElasticsearchInstanceOfferings: page.items,
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

const purchaseOffering = defineOperation({
  operation: 'PurchaseReservedElasticsearchInstanceOffering',
  handle(input, context) {
    const offering = findOffering(input.ReservedElasticsearchInstanceOfferingId);
    if (!offering) throw offeringNotFound(input.ReservedElasticsearchInstanceOfferingId);
    // A reservation's name is its row's parent: found through the index of parents, not by reading them all.
    const taken = context.store.resources.holdsUnderParent(
      context.scope,
      reservationKind,
      input.ReservationName,
    );
    if (taken) {
      // The developer guide asks for "a unique, descriptive name"; AWS's text for a repeated one was not found.
      throw new ResourceAlreadyExistsException(
        `A reservation named ${input.ReservationName} already exists in this account and region`,
      );
    }
    const reservation: StoredReservation = {
      ReservationName: input.ReservationName,
      ReservedElasticsearchInstanceId: context.ids.uuid(),
      ElasticsearchInstanceCount: input.InstanceCount ?? 1,
      offering,
      startMs: context.clock.now(),
      paymentMs: context.config.domainProcessingMs,
    };
    context.store.resources.insert(
      context.scope,
      reservationKind,
      reservation.ReservedElasticsearchInstanceId,
      reservation.ReservationName,
      reservation,
    );
    return {
      ReservedElasticsearchInstanceId: reservation.ReservedElasticsearchInstanceId,
      ReservationName: reservation.ReservationName,
    };
  },
});

const describeReservedInstances = defineOperation({
  operation: 'DescribeReservedElasticsearchInstances',
  handle(input, context) {
    const reservationId = input.ReservedElasticsearchInstanceId;
    let reservations: StoredReservation[];
    if (reservationId === undefined) {
      reservations = context.store.resources
        .list<StoredReservation>(context.scope, reservationKind)
        .map((row) => row.doc);
    } else {
      // The id is the row's key (ids are issued in lower case).
      const found = context.store.resources.get<StoredReservation>(
        context.scope,
        reservationKind,
        reservationId.toLowerCase(),
      );
      if (!found) {
        throw new ResourceNotFoundException(`Reserved Elasticsearch instance not found: ${reservationId}`);
      }
      reservations = [found.doc];
    }
    const page = paginate(
      reservations.map((reservation) => reservedInstance(reservation, context)),
      input,
      {
        listing: `DescribeReservedElasticsearchInstances ${reservationId ?? ''}`,
        scope: context.scope,
        keyOf: (reservation) => reservation.ReservedElasticsearchInstanceId ?? '',
        defaultMaxResults,
      },
    );
    return {
      ReservedElasticsearchInstances: page.items,
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const reservedInstancesOperations: AnyOperationHandler[] = [
  describeOfferings,
  purchaseOffering,
  describeReservedInstances,
];
