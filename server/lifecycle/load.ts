import { requireDomain, saveDomain } from '../domains/record';
import type { OperationContext } from '../operations/types';
import type { LifecycleRecord } from './settle';
import { settleLifecycle } from './settle';

/** The stored domain brought up to the context's time (ResourceNotFoundException when it does not exist). */
export function loadDomain(context: OperationContext, domainName: string): LifecycleRecord {
  const record = requireDomain(context, domainName) as LifecycleRecord;
  if (settleLifecycle(record, context.clock.now())) saveDomain(context, record);
  return record;
}
