import type { AnyOperationHandler } from './types';

export const configChangesOperations: AnyOperationHandler[] = [];
