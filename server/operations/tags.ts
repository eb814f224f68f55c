import type { AnyOperationHandler } from './types';

export const tagsOperations: AnyOperationHandler[] = [];
