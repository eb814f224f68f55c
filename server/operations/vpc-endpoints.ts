import type { AnyOperationHandler } from './types';

export const vpcEndpointsOperations: AnyOperationHandler[] = [];
