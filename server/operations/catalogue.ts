import type { AnyOperationHandler } from './types';

export const catalogueOperations: AnyOperationHandler[] = [];
