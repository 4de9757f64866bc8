import type * as OtelApi from '@opentelemetry/api';
import { loadOptional } from '../telemetry/optional-module.js';

/**
 * An OpenTelemetry SpanContext, structurally (so core's types never require `@opentelemetry/api`):
 * `trace.getSpanContext(context.active())` or `span.spanContext()` fits.
 */
export interface SpanLinkTarget {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly isRemote?: boolean;
}

/** The OTel API when installed, else null. */
export function otelApi(): typeof OtelApi | null {
  return loadOptional<typeof OtelApi>('@opentelemetry/api');
}

/** The span context active right now, when OTel is installed and a valid span is active. */
export function activeSpanContext(): SpanLinkTarget | null {
  const api = otelApi();
  if (api === null) return null;
  const found = api.trace.getSpanContext(api.context.active());
  return found !== undefined && api.trace.isSpanContextValid(found) ? found : null;
}

/** True for something shaped like a valid span context (a caller may pass anything at runtime). */
export function isLinkTarget(value: unknown): value is SpanLinkTarget {
  const api = otelApi();
  if (api === null || typeof value !== 'object' || value === null) return false;
  return api.trace.isSpanContextValid(value as OtelApi.SpanContext);
}
