import type { AnyOperationHandler } from './types';

export const upgradesOperations: AnyOperationHandler[] = [];
