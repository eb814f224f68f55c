import type { AnyOperationHandler } from './types';

export const domainsOperations: AnyOperationHandler[] = [];
