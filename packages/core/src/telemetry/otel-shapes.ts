/**
 * The parts of `@opentelemetry/api` core calls, written structurally: published declarations then never import
 * the optional peer (a project without it compiles with `skipLibCheck: false`), and any 1.x build of the API fits,
 * the CommonJS one and the ESM one alike.
 */
export type OtelAttributes = Record<string, string | number | boolean | undefined>;

export interface OtelSpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly isRemote?: boolean;
}

export interface OtelSpan {
  spanContext(): OtelSpanContext;
  setAttribute(key: string, value: string | number | boolean): unknown;
  setAttributes(attributes: OtelAttributes): unknown;
  addEvent(name: string, attributes?: OtelAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  isRecording(): boolean;
  end(): void;
}

export interface OtelSpanOptions {
  kind?: number;
  attributes?: OtelAttributes;
  links?: { context: OtelSpanContext }[];
}

export interface OtelTracer {
  startSpan(name: string, options?: OtelSpanOptions): OtelSpan;
}

export interface OtelTracerProvider {
  getTracer(name: string, version?: string): OtelTracer;
}

/** An opaque context object of the API. */
export type OtelContext = object;

export interface OtelApi {
  readonly trace: {
    getTracerProvider(): OtelTracerProvider;
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
    getSpanContext(context: OtelContext): OtelSpanContext | undefined;
    isSpanContextValid(spanContext: OtelSpanContext): boolean;
  };
  readonly context: {
    active(): OtelContext;
    with<T>(context: OtelContext, fn: () => T): T;
  };
  /** A fresh proxy delegates to the API's no-op provider: how core tells that no SDK is registered. */
  readonly ProxyTracerProvider: new () => { getDelegate(): OtelTracerProvider };
  readonly SpanKind: { readonly INTERNAL: number };
  readonly SpanStatusCode: { readonly ERROR: number };
}
