import { knownErrorNumber } from '../telemetry/labels.js';
import type { OtelApi, OtelAttributes, OtelTracerProvider } from '../telemetry/otel-shapes.js';
import { ProviderLookup } from '../telemetry/tracing.js';
import { isLinkTarget, otelApi, type SpanLinkTarget } from './span-link.js';

/** `false` turns spans off; `tracerProvider` defaults to the global one. */
export type EventTracingOption = { readonly tracerProvider?: unknown } | false | undefined;

export type SpanValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** A span for an asynchronous outcome (`apple_vpp event_wait`, `apple_vpp notification`). */
export interface EventSpan {
  end(attributes: SpanValues, failed: { readonly errorNumber: number | string | null } | null): void;
}

const NOOP: EventSpan = { end() {} };

let globalLookup: ProviderLookup | null = null;
const explicitLookups = new WeakMap<object, ProviderLookup>();

function lookupFor(api: OtelApi, explicit: OtelTracerProvider | undefined): ProviderLookup {
  if (explicit === undefined) {
    globalLookup ??= new ProviderLookup(api, null);
    return globalLookup;
  }
  let lookup = explicitLookups.get(explicit);
  if (lookup === undefined) {
    lookup = new ProviderLookup(api, explicit);
    explicitLookups.set(explicit, lookup);
  }
  return lookup;
}

/**
 * Starts an INTERNAL span linked to the span that produced the event, when one is known. Attributes are
 * closed-set values, counts and Apple's opaque eventId only: no token, email, clientUserId or serial number.
 */
export function startEventSpan(
  option: EventTracingOption,
  name: string,
  attributes: SpanValues,
  link: SpanLinkTarget | undefined,
): EventSpan {
  if (option === false) return NOOP;
  const api = otelApi();
  if (api === null) return NOOP;
  // The same lookup the logical spans use: the global provider is asked for at each span, and no span is made
  // while no SDK is registered.
  const tracer = lookupFor(api, option?.tracerProvider as OtelTracerProvider | undefined).tracer();
  if (tracer === null) return NOOP;
  const span = tracer.startSpan(name, {
    kind: api.SpanKind.INTERNAL,
    attributes: defined(attributes),
    links: isLinkTarget(link) ? [{ context: link }] : [],
  });
  return {
    end(more, failed) {
      span.setAttributes(defined(more));
      if (failed !== null) {
        const errorNumber = knownErrorNumber(failed.errorNumber);
        if (errorNumber !== undefined) span.setAttribute('apple_vpp.error.number', errorNumber);
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: 'Apple VPP event failed' });
      }
      span.end();
    },
  };
}

function defined(values: SpanValues): OtelAttributes {
  const out: OtelAttributes = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}
