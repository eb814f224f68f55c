import {
  DisabledOperationException,
  ResourceNotFoundException,
  ValidationException,
} from '../../schemas/errors.generated';
import type { AutoTune, CancelledChangeProperty, ModifyingProperties } from '../../schemas/types.generated';
import type { DomainRecord } from '../domains/record';
import { isChangePending, saveDomain } from '../domains/record';
import { changeProgressAt } from '../lifecycle/change-progress';
import { loadDomain } from '../lifecycle/load';
import { findChange, markChangeCancelled } from '../lifecycle/settle';
import { paginate } from './common';
import type { AnyOperationHandler } from './types';
import { defineOperation } from './types';

const describeDomainChangeProgress = defineOperation({
  operation: 'DescribeDomainChangeProgress',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    // Without a ChangeId: "the most recent configuration change" (API reference).
    const changeId = input.ChangeId ?? record.change.ChangeId;
    const change = findChange(record, changeId);
    if (!change) {
      // No recorded text; the error the operation declares for something that does not exist.
      throw new ResourceNotFoundException(`Change ID ${changeId} not found for domain ${record.DomainName}.`);
    }
    return { ChangeProgressStatus: changeProgressAt(change, context.clock.now()) };
  },
});

/**
 * Cancels the pending configuration change (UpdateElasticsearchDomainConfig) and puts back the values it
 * was applying. Engine upgrades "can't be paused nor canceled" (AWS upgrade documentation); service software
 * updates have their own cancel operation; creation and deletion are not configuration changes.
 */
const cancelDomainConfigChange = defineOperation({
  operation: 'CancelDomainConfigChange',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const now = context.clock.now();
    const change = record.change;
    const cancelledAlready = findChange(record, change.ChangeId)?.cancelled === true;
    if (!isChangePending(record, now) || cancelledAlready) {
      // No recorded text for this case.
      throw new ValidationException(
        `There is no pending configuration change to cancel for domain ${record.DomainName}.`,
      );
    }
    if (change.processingStatus !== 'Modifying') {
      throw new DisabledOperationException(notCancellableMessage(record));
    }
    const properties = change.modifyingProperties.map(cancelledProperty);
    const dryRun = input.DryRun ?? false;
    if (!dryRun) {
      for (const property of change.modifyingProperties) revertProperty(record, property);
      markChangeCancelled(record, change.ChangeId, now);
      saveDomain(context, record);
    }
    return { DryRun: dryRun, CancelledChangeIds: [change.ChangeId], CancelledChangeProperties: properties };
  },
});

function notCancellableMessage(record: DomainRecord): string {
  switch (record.change.processingStatus) {
    case 'UpgradingEngineVersion':
      return `The engine version upgrade of domain ${record.DomainName} cannot be cancelled.`;
    case 'UpdatingServiceSoftware':
      return `Use CancelElasticsearchServiceSoftwareUpdate to cancel the service software update of domain ${record.DomainName}.`;
    default:
      return `The ${record.change.processingStatus.toLowerCase()} of domain ${record.DomainName} cannot be cancelled.`;
  }
}

function cancelledProperty(property: ModifyingProperties): CancelledChangeProperty {
  return {
    PropertyName: property.Name ?? '',
    CancelledValue: property.PendingValue ?? '',
    ActiveValue: property.ActiveValue ?? '',
  };
}

/**
 * Puts a property's active value back into the record's options. Property names are paths into the
 * options (`ElasticsearchClusterConfig.InstanceCount`, `AccessPolicies`); values are strings, converted
 * back to the type the option holds (STRINGIFIED_JSON parsed). An empty active value means the option was
 * not set before. A name that is not a path into the options is left alone.
 */
function revertProperty(record: DomainRecord, property: ModifyingProperties): void {
  const path = (property.Name ?? '').split('.').filter((part) => part !== '');
  const last = path.pop();
  if (last === undefined) return;
  let holder: unknown = record.options;
  for (const part of path) {
    if (holder === null || typeof holder !== 'object') return;
    holder = (holder as Record<string, unknown>)[part];
  }
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return;
  const container = holder as Record<string, unknown>;
  if (path.length === 0 && !(last in container)) return;
  const active = property.ActiveValue ?? '';
  const present = container[last];
  // An empty active value is an option that was not set: a member of a section (a dedicated master type, a warm
  // type) is then left out again, as before the change, since an empty one is no type and refuses every later
  // update. Only a section that is a text itself, the access policy, holds an empty text as its value.
  if (active === '' && (typeof present !== 'string' || path.length > 0)) {
    delete container[last];
    return;
  }
  container[last] = typedValue(active, present, property.ValueType === 'STRINGIFIED_JSON');
}

function typedValue(text: string, present: unknown, json: boolean): unknown {
  if (typeof present === 'string') return text;
  if (typeof present === 'number') return Number(text);
  if (typeof present === 'boolean') return text === 'true';
  if (json || (present !== null && typeof present === 'object')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * Auto-Tune actions are scheduled by AWS from the cluster's load; the emulator runs no cluster, so a domain
 * has none. The list is still paged as AWS pages it (a forged token is refused).
 */
const describeDomainAutoTunes = defineOperation({
  operation: 'DescribeDomainAutoTunes',
  handle(input, context) {
    const record = loadDomain(context, input.DomainName);
    const autoTunes: AutoTune[] = [];
    const page = paginate(autoTunes, input, {
      listing: `DescribeDomainAutoTunes/${record.DomainName}`,
      scope: context.scope,
      // The emulator runs no Auto-Tune: the list is always empty, and no token is ever given.
      keyOf: (autoTune) => JSON.stringify(autoTune),
      defaultMaxResults: 100,
    });
    return page.nextToken === undefined
      ? { AutoTunes: page.items }
      : { AutoTunes: page.items, NextToken: page.nextToken };
  },
});

export const configChangesOperations: AnyOperationHandler[] = [
  describeDomainChangeProgress,
  cancelDomainConfigChange,
  describeDomainAutoTunes,
];
