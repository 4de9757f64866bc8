import { asArray, asRecord, asText, prop, textList } from './fields.js';
import type { FailureEntities } from './types.js';

type Asset = { readonly adamId: string; readonly pricingParam?: string };

/** v2 `errorInfo`: `{clientUserIds?, serialNumbers?, assets?: [{adamId, pricingParam}]}`. */
export function entitiesFromErrorInfo(info: unknown): FailureEntities | undefined {
  if (asRecord(info) === null) return undefined;
  const assets: Asset[] = [];
  for (const item of asArray(prop(info, 'assets'))) {
    const asset = readAsset(item);
    if (asset) assets.push(asset);
  }
  return {
    clientUserIds: textList(prop(info, 'clientUserIds')),
    serialNumbers: textList(prop(info, 'serialNumbers')),
    assets,
  };
}

/** A notification's `assignments`: each names an asset and either a serialNumber or a clientUserId. */
export function entitiesFromAssignments(list: unknown): FailureEntities {
  const clientUserIds: string[] = [];
  const serialNumbers: string[] = [];
  const assets: Asset[] = [];
  for (const item of asArray(list)) {
    pushText(clientUserIds, prop(item, 'clientUserId'));
    pushText(serialNumbers, prop(item, 'serialNumber'));
    const asset = readAsset(item);
    if (asset && !assets.some((a) => a.adamId === asset.adamId && a.pricingParam === asset.pricingParam)) {
      assets.push(asset);
    }
  }
  return { clientUserIds, serialNumbers, assets };
}

/** A legacy `associations[]` / `disassociations[]` item. */
export function entitiesFromLegacyItem(item: unknown): FailureEntities {
  const clientUserIds: string[] = [];
  const serialNumbers: string[] = [];
  const licenseIds: string[] = [];
  pushText(clientUserIds, prop(item, 'clientUserIdStr'));
  pushText(serialNumbers, prop(item, 'serialNumber'));
  pushText(licenseIds, prop(item, 'licenseIdStr'));
  return { clientUserIds, serialNumbers, licenseIds };
}

function readAsset(item: unknown): Asset | null {
  const adamId = asText(prop(item, 'adamId'));
  if (adamId === null) return null;
  const pricingParam = asText(prop(item, 'pricingParam'));
  return pricingParam === null ? { adamId } : { adamId, pricingParam };
}

function pushText(target: string[], value: unknown): void {
  const text = asText(value);
  if (text !== null) target.push(text);
}
