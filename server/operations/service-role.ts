import type { AnyOperationHandler } from './types';

export const serviceRoleOperations: AnyOperationHandler[] = [];
