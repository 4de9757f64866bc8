export type BatchResult<T> =
  | { readonly ok: false; readonly code: number }
  | { readonly ok: true; readonly items: readonly T[]; readonly fields: Record<string, unknown> };

function encode(value: Record<string, number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

function decode(token: unknown, key: string): number | null {
  if (typeof token !== 'string') return null;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown>;
    const value = parsed[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}

/** The version a `sinceModifiedToken` points at: undefined when absent, null when unreadable. */
export function sinceVersion(token: unknown): number | null | undefined {
  if (token === undefined || token === '') return undefined;
  return decode(token, 'v');
}

/**
 * Legacy batching: `batchToken` for the next batch; only the last batch carries `sinceModifiedToken`;
 * the first call also carries `totalCount`/`totalBatchCount`; `overrideIndex` (1-based) fetches a batch directly.
 */
export function batch<T>(
  items: readonly T[],
  body: Record<string, unknown>,
  size: number,
  version: number,
): BatchResult<T> {
  const totalBatchCount = Math.max(1, Math.ceil(items.length / size));
  let offset = 0;
  if (body.batchToken !== undefined && body.batchToken !== '') {
    const decoded = decode(body.batchToken, 'o');
    if (decoded === null || decoded > items.length) return { ok: false, code: 9633 };
    offset = decoded;
  } else if (body.overrideIndex !== undefined) {
    const index = Number(body.overrideIndex);
    if (!Number.isInteger(index) || index < 1 || index > totalBatchCount) return { ok: false, code: 9602 };
    offset = (index - 1) * size;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  const first = offset === 0 && (body.batchToken === undefined || body.batchToken === '');
  return {
    ok: true,
    items: page,
    fields: {
      ...(first ? { totalCount: items.length, totalBatchCount } : {}),
      ...(next < items.length
        ? { batchToken: encode({ o: next }) }
        : { sinceModifiedToken: encode({ v: version }) }),
    },
  };
}
