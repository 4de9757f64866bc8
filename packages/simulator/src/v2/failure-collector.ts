import { type ErrorBody, errorBody } from '../http/reply.js';

interface Group {
  readonly clientUserIds: Set<string>;
  readonly serialNumbers: Set<string>;
  readonly assets: Map<string, { adamId: string; pricingParam: string }>;
}

/** Groups background failures by error number into Apple's ErrorResponse-with-errorInfo shape. */
export class FailureCollector {
  readonly #groups = new Map<number, Group>();

  add(
    code: number,
    entity: {
      clientUserId?: string;
      serialNumber?: string;
      asset?: { adamId: string; pricingParam: string };
    },
  ): void {
    let group = this.#groups.get(code);
    if (!group) {
      group = { clientUserIds: new Set(), serialNumbers: new Set(), assets: new Map() };
      this.#groups.set(code, group);
    }
    if (entity.clientUserId !== undefined) group.clientUserIds.add(entity.clientUserId);
    if (entity.serialNumber !== undefined) group.serialNumbers.add(entity.serialNumber);
    if (entity.asset) group.assets.set(`${entity.asset.adamId}:${entity.asset.pricingParam}`, entity.asset);
  }

  get codes(): number[] {
    return [...this.#groups.keys()];
  }

  failures(): ErrorBody[] {
    return [...this.#groups.entries()].map(([code, g]) => ({
      ...errorBody(code),
      errorInfo: {
        ...(g.assets.size > 0 ? { assets: [...g.assets.values()] } : {}),
        ...(g.clientUserIds.size > 0 ? { clientUserIds: [...g.clientUserIds] } : {}),
        ...(g.serialNumbers.size > 0 ? { serialNumbers: [...g.serialNumbers] } : {}),
      },
    }));
  }
}
