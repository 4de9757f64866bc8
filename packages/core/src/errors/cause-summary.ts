import { prop } from '../decode/fields.js';
import { errorTypeOf } from '../shared/error-type.js';

/**
 * What a {@link VppError}'s `cause` shows: the underlying error's class, its system or client code, and the HTTP
 * status it came with. Closed-set values only; the error itself (with the request, its `Authorization` header and
 * the body) stays behind `error.unredacted().cause`.
 */
export interface VppCauseSummary {
  /** The class name (`AxiosError`, `HTTPError`, `TimeoutError`…), `Object` for a response, or `_OTHER`. */
  readonly name: string;
  /** A code such as `ECONNRESET` or `ERR_BAD_RESPONSE`, when it has one. */
  readonly code: string | null;
  readonly httpStatus: number | null;
}

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

function asStatus(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : null;
}

function nameOf(cause: unknown): string {
  if (cause instanceof Error) return errorTypeOf(cause);
  const name = (prop(cause, 'constructor') as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : '_OTHER';
}

/** The summary of an underlying error or response; undefined when there is none. */
export function summarizeCause(cause: unknown): VppCauseSummary | undefined {
  if (cause === undefined || cause === null) return undefined;
  const code = prop(cause, 'code');
  const response = prop(cause, 'response');
  const httpStatus =
    asStatus(prop(response, 'status')) ??
    asStatus(prop(response, 'statusCode')) ??
    asStatus(prop(cause, 'status')) ??
    asStatus(prop(cause, 'statusCode'));
  return Object.freeze({
    name: nameOf(cause),
    code: typeof code === 'string' && CODE.test(code) ? code : null,
    httpStatus,
  });
}
