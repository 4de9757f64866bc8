export interface Page<T> {
  readonly items: readonly T[];
  readonly fields: {
    readonly currentPageIndex: number;
    readonly nextPageIndex?: number;
    readonly size: number;
    readonly totalPages: number;
    readonly versionId: string;
  };
}

/** Apple's page walk: 0-based `pageIndex`, `nextPageIndex` absent on the last page; null means 9650. */
export function paginate<T>(
  items: readonly T[],
  rawIndex: string | null,
  pageSize: number,
  versionId: string,
): Page<T> | null {
  const index = rawIndex === null ? 0 : Number(rawIndex);
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(index) || index < 0 || index >= totalPages) return null;
  const pageItems = items.slice(index * pageSize, (index + 1) * pageSize);
  return {
    items: pageItems,
    fields: {
      currentPageIndex: index,
      ...(index + 1 < totalPages ? { nextPageIndex: index + 1 } : {}),
      size: pageItems.length,
      totalPages,
      versionId,
    },
  };
}

/** `sinceVersionId`: absent → 0; anything not a known version → null (9721). */
export function parseSinceVersion(raw: string | null, current: number): number | null {
  if (raw === null) return 0;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= current ? value : null;
}
