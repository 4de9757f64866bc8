/**
 * The part of an axios instance vppwatch uses, written structurally. axios ships one set of declarations for
 * `import` and another for `require`; a CommonJS TypeScript project's instance is typed by the second, which
 * axios's own `AxiosInstance` (as this ESM package sees it) rejects with TS2345. Both fit this shape.
 */
export interface AxiosInstanceLike {
  readonly defaults: { adapter?: unknown };
  get(url: string, config?: object): Promise<{ readonly data?: unknown }>;
}
