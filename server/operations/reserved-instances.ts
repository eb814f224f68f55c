import type { AnyOperationHandler } from './types';

export const reservedInstancesOperations: AnyOperationHandler[] = [];
