import { KNOWN_ERROR_NUMBERS } from '../catalog/index.js';

/** The `error_number` label: a catalog code, `none` when the answer carried no code, else `other`. */
export function errorNumberLabel(code: number | string | null): string {
  if (code === null) return 'none';
  const n =
    typeof code === 'number' ? code : /^\d{1,9}$/.test(code.trim()) ? Number(code.trim()) : Number.NaN;
  return KNOWN_ERROR_NUMBERS.has(n) ? String(n) : 'other';
}

/** The `http_response_status_code` label: a valid status as a string, else absent. */
export function statusLabel(status: number | null): string | undefined {
  return status !== null && Number.isInteger(status) && status >= 100 && status <= 599
    ? String(status)
    : undefined;
}

/** Numeric Apple code for span attributes, when it is a known one. */
export function knownErrorNumber(code: number | string | null): number | undefined {
  const label = errorNumberLabel(code);
  return label === 'none' || label === 'other' ? undefined : Number(label);
}
