import type { AnyOperationHandler } from './types';

export const crossClusterOperations: AnyOperationHandler[] = [];
