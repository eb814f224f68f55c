import type { AnyOperationHandler } from './types';

export const packagesOperations: AnyOperationHandler[] = [];
