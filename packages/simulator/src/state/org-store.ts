import type { Notifier } from '../events/notifier.js';
import { decodeSToken } from '../token/s-token.js';
import { tokenHash } from '../token/token-hash.js';
import type { Random } from '../util/prng.js';
import { type AssignOutcome, assignLicense, type Holder } from './assign.js';
import { addUser, assetKey, changeLicenseCount, createOrg, putAsset } from './org.js';
import { type OrgSnapshot, snapshotOf } from './snapshot.js';
import type { AssetSeed, OrgState, PricingParam, UserSeed } from './types.js';

/**
 * Inspect and seed organizations (one per sToken). Methods that create an org need the sToken itself.
 *
 * @example
 * sim.state.addUser(sToken, { clientUserId: 'u1', email: 'u1@example.com' });
 * sim.state.setAsset(sToken, { adamId: '42', totalCount: 10 });
 * sim.state.org(sToken)?.assets.find((a) => a.adamId === '42')?.availableCount; // 10
 */
export interface StateController {
  /** A copy of an organization's state, or undefined if the token was never seen. */
  org(sTokenOrHash: string): OrgSnapshot | undefined;
  /** Create or replace an asset with `totalCount` licences (assigned licences are kept). */
  setAsset(sTokenOrHash: string, asset: AssetSeed): void;
  /** Buy (+) or refund (−) licences; sends an ASSET_COUNT notification like Apple does. */
  addLicenses(sTokenOrHash: string, adamId: string, delta: number, pricingParam?: PricingParam): void;
  /** Register a user directly, bypassing the API. */
  addUser(sTokenOrHash: string, user: UserSeed): void;
  /** Assign a licence directly, bypassing the API. */
  assign(sTokenOrHash: string, adamId: string, holder: Holder, pricingParam?: PricingParam): AssignOutcome;
}

/** Every organization the simulator knows, keyed by token hash. Created on first use from the default assets. */
export class OrgStore implements StateController {
  readonly #orgs = new Map<string, OrgState>();

  constructor(
    private readonly random: Random,
    private readonly defaultAssets: readonly AssetSeed[],
    private readonly notifier: Notifier,
  ) {}

  /** The org for a token that already passed validation. */
  forToken(hash: string, orgName: string, expiresAt: number): OrgState {
    const existing = this.#orgs.get(hash);
    if (existing) return existing;
    const org = createOrg(hash, orgName, expiresAt, this.random);
    for (const asset of this.defaultAssets) putAsset(org, asset);
    this.#orgs.set(hash, org);
    return org;
  }

  org(sTokenOrHash: string): OrgSnapshot | undefined {
    const org = this.#orgs.get(sTokenOrHash) ?? this.#orgs.get(tokenHash(sTokenOrHash));
    return org ? snapshotOf(org) : undefined;
  }

  setAsset(sTokenOrHash: string, asset: AssetSeed): void {
    putAsset(this.#resolve(sTokenOrHash), asset);
  }

  addLicenses(
    sTokenOrHash: string,
    adamId: string,
    delta: number,
    pricingParam: PricingParam = 'STDQ',
  ): void {
    const org = this.#resolve(sTokenOrHash);
    const asset = org.assets.get(assetKey(adamId, pricingParam));
    if (!asset) throw new RangeError(`Unknown asset ${adamId}/${pricingParam}`);
    const countDelta = changeLicenseCount(org, asset, delta);
    if (countDelta !== 0) this.notifier.publish(org, 'ASSET_COUNT', { adamId, countDelta, pricingParam });
  }

  addUser(sTokenOrHash: string, user: UserSeed): void {
    addUser(this.#resolve(sTokenOrHash), user, this.random);
  }

  assign(
    sTokenOrHash: string,
    adamId: string,
    holder: Holder,
    pricingParam: PricingParam = 'STDQ',
  ): AssignOutcome {
    const org = this.#resolve(sTokenOrHash);
    const asset = org.assets.get(assetKey(adamId, pricingParam));
    if (!asset) throw new RangeError(`Unknown asset ${adamId}/${pricingParam}`);
    return assignLicense(org, asset, holder);
  }

  #resolve(sTokenOrHash: string): OrgState {
    const known = this.#orgs.get(sTokenOrHash);
    if (known) return known;
    const decoded = decodeSToken(sTokenOrHash);
    if (!decoded.ok) throw new TypeError('Expected an sToken or the hash of a token the simulator has seen');
    return this.forToken(tokenHash(sTokenOrHash), decoded.fields.orgName, decoded.expiresAt);
  }
}
