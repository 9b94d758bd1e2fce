import type { PaginationTraitSpec } from './types.js';

/**
 * How many pages a fetch-all call reads at most when the pagination trait does not say: enough for
 * any real listing (a thousand pages of 50 items), few enough that a service that keeps sending new
 * tokens ends with a clear error instead of running until memory is gone.
 */
export const DEFAULT_MAX_PAGES = 1000;

export function maxPagesOf(pagination: PaginationTraitSpec): number {
  return pagination.maxPages ?? DEFAULT_MAX_PAGES;
}
