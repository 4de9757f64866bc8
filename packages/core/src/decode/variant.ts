import type { CatalogEntry, CatalogVariant } from '../catalog/types.js';
import type { AlreadyAssignedDetails } from './types.js';

/** What a variant can be told apart by. */
export interface VariantFacts {
  readonly alreadyAssigned?: AlreadyAssignedDetails | undefined;
}

/**
 * How each catalog variant id is recognized in a body. Apple's legacy page: a 9616 with `licenseAlreadyAssigned`
 * means this user holds the item; one with only `regUsersAlreadyAssigned` means other users of the same Apple
 * Account do and this user does not.
 */
const MATCHERS: Readonly<Record<string, (facts: VariantFacts) => boolean>> = {
  'other-users-hold-item': ({ alreadyAssigned }) =>
    alreadyAssigned?.regUsersAlreadyAssigned !== undefined &&
    alreadyAssigned.licenseAlreadyAssigned === undefined,
};

/** The variant of `entry` the body's shape selects, if any. */
export function selectVariant(
  entry: CatalogEntry | undefined,
  facts: VariantFacts,
): CatalogVariant | undefined {
  return entry?.variants?.find((variant) => MATCHERS[variant.id]?.(facts) === true);
}
