import { requireDomain } from '../domains/record';
import type { OperationContext } from '../operations/types';
import type { LifecycleRecord } from './settle';

/**
 * The stored domain with the lifecycle fields, brought up to the context's time (requireDomain settles it),
 * or ResourceNotFoundException when it does not exist.
 */
export function loadDomain(context: OperationContext, domainName: string): LifecycleRecord {
  return requireDomain(context, domainName) as LifecycleRecord;
}
