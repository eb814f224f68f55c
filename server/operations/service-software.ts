import { ValidationException } from '../../schemas/errors.generated';
import { isChangePending, saveDomain, startChange } from '../domains/record';
import { loadDomain } from '../lifecycle/load';
import { markChangeCancelled } from '../lifecycle/settle';
import { eligibleOptions, noUpdateDescription, pendingOptions } from '../lifecycle/service-software';
import { changeInProgressMessage } from './upgrades';
import type { AnyOperationHandler } from './types';
import { defineOperation } from './types';

/**
 * Requests the update the domain is ELIGIBLE for. It is PENDING_UPDATE (cancellable) for one processing
 * period, IN_PROGRESS for another, then COMPLETED on the new release (moves on read, with the clock).
 */
const startElasticsearchServiceSoftwareUpdate = defineOperation({
  operation: 'StartElasticsearchServiceSoftwareUpdate',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    const options = record.serviceSoftware;
    if (record.pendingSoftwareUpdate) {
      // Requesting the same update again changes nothing: the pending request stands.
      return { ServiceSoftwareOptions: { ...options } };
    }
    // AWS documents a domain "in processing" as ineligible for an update until the change completes.
    if (isChangePending(record, now)) throw new ValidationException(changeInProgressMessage);
    const newVersion = options.NewVersion ?? '';
    if (options.UpdateAvailable !== true || newVersion === '') {
      // No recorded error text: the domain's own Description (AWS's wording) says why.
      throw new ValidationException(noUpdateDescription);
    }
    const processingMs = context.config.domainProcessingMs;
    const change = startChange(context, record, {
      processingStatus: 'UpdatingServiceSoftware',
      sections: ['ServiceSoftwareOptions'],
    });
    change.completesAt = now + 2 * processingMs;
    // "Before the update starts, you can cancel it" (AWS's PENDING_UPDATE description): nothing of the blue/green
    // deployment runs while it is pending, so its stages wait for IN_PROGRESS.
    change.stagesStartAt = now + processingMs;
    record.pendingSoftwareUpdate = {
      changeId: change.ChangeId,
      newVersion,
      startsAt: now + processingMs,
      completesAt: change.completesAt,
    };
    record.serviceSoftware = pendingOptions(options.CurrentVersion ?? '', newVersion);
    saveDomain(context, record);
    // The answer to the request itself is PENDING_UPDATE, as AWS's documented example, even when the
    // emulator's processing time is 0 and the next read already shows the update completed.
    return { ServiceSoftwareOptions: { ...record.serviceSoftware } };
  },
});

const cancelElasticsearchServiceSoftwareUpdate = defineOperation({
  operation: 'CancelElasticsearchServiceSoftwareUpdate',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    // A domain being deleted is offered no release (settle): a cancel would make it ELIGIBLE, offering one. Its
    // deletion is the change in progress, as every other change request is told.
    if (record.deleting !== undefined) throw new ValidationException(changeInProgressMessage);
    const update = record.pendingSoftwareUpdate;
    if (!update || record.serviceSoftware.Cancellable !== true) {
      // AWS: "After you request an update, you have a narrow window of time in which you can cancel it"
      // (while PENDING_UPDATE). No recorded error text; this one says what the options show.
      throw new ValidationException(
        update
          ? `The service software update of domain ${record.DomainName} is already in progress and cannot be cancelled.`
          : `There is no pending service software update to cancel for domain ${record.DomainName}.`,
      );
    }
    const current = record.serviceSoftware.CurrentVersion ?? '';
    record.serviceSoftware = eligibleOptions(current, update.newVersion);
    delete record.pendingSoftwareUpdate;
    markChangeCancelled(record, update.changeId, now);
    saveDomain(context, record);
    return { ServiceSoftwareOptions: { ...record.serviceSoftware } };
  },
});

export const serviceSoftwareOperations: AnyOperationHandler[] = [
  startElasticsearchServiceSoftwareUpdate,
  cancelElasticsearchServiceSoftwareUpdate,
];
