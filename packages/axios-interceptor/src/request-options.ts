/**
 * Per-request vppwatch options, read from `config.vpp` on any axios call of an attached instance.
 *
 * @example
 * ```ts
 * await client.post('/mdm/v2/assets/associate', body, { vpp: { idempotent: true, deadlineMs: 60_000 } });
 * await client.get('/mdm/v2/service/config', { vpp: { retry: false } });
 * ```
 */
export interface VppRequestOptions {
  /** Operation name for telemetry (e.g. `assets_associate`); derived from the URL when absent. */
  readonly operation?: string;
  /** You vouch that sending this request twice is safe: unlocks retries of ambiguous POST failures. */
  readonly idempotent?: boolean;
  /** `false` turns retries off for this request; decoding, typed errors and telemetry stay on. */
  readonly retry?: false;
  /** Overall budget for every attempt and wait of this request, in ms (axios `timeout` stays per attempt). */
  readonly deadlineMs?: number;
}

declare module 'axios' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must repeat axios's own declaration to merge.
  interface AxiosRequestConfig<D = any> {
    /** vppwatch options for this request (see `VppRequestOptions`). */
    vpp?: VppRequestOptions;
  }
}
