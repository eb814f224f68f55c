import type { AnyOperationHandler } from './types';

export const serviceSoftwareOperations: AnyOperationHandler[] = [];
