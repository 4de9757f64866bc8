import { loadOptional } from '../telemetry/optional-module.js';
import type { OtelApi, OtelSpanContext } from '../telemetry/otel-shapes.js';

/**
 * An OpenTelemetry SpanContext, structurally (so core's types never require `@opentelemetry/api`):
 * `trace.getSpanContext(context.active())` or `span.spanContext()` fits.
 */
export type SpanLinkTarget = OtelSpanContext;

/** The OTel API when installed, else null. */
export function otelApi(): OtelApi | null {
  return loadOptional<OtelApi>('@opentelemetry/api');
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
  return api.trace.isSpanContextValid(value as OtelSpanContext);
}
