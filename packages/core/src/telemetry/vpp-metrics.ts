import type { RetryClass } from '../catalog/retry-class.js';
import type { DecodedResponse } from '../decode/types.js';
import type { DelaySource, GiveUpReason } from '../shared/call-outcome.js';
import type { EventLedger } from './event-ledger.js';
import { operationOfEvent } from './event-operation.js';
import { errorNumberLabel, statusLabel } from './labels.js';
import type {
  CounterPort,
  CounterSeries,
  GaugePort,
  GaugeReader,
  HistogramPort,
  HistogramSeries,
  MetricsBackend,
} from './metrics-port.js';
import { counterSeries, histogramSeries, SeriesTable } from './series-table.js';

const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const MAX_TRACKED_TOKENS = 1000;
const DELAY_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

export type CallOutcome = 'success' | 'error' | 'cancelled';

/** The `apple_vpp_*` metric set (observability.md §a). Every label value comes from a closed set. */
export class VppMetrics {
  readonly #requests: CounterPort;
  readonly #duration: HistogramPort;
  readonly #attempts: CounterPort;
  readonly #apiErrors: CounterPort;
  readonly #retries: CounterPort;
  readonly #retryDelay: HistogramPort;
  readonly #backoffUntil: GaugePort;
  readonly #inFlight: GaugePort;
  readonly #giveUps: CounterPort;
  readonly #tokenExpiry: GaugePort;
  readonly #storeErrors: CounterPort;
  readonly #backend: MetricsBackend;
  readonly #prefix: string;
  readonly #catalogDrift: CounterPort;
  /** Expiry per tenant (a token hash, never the token), so a renewed token replaces its old date. */
  readonly #expiries = new Map<string, number>();
  /** Series handles resolved once per label set: the request path only bumps them. */
  readonly #ended = new SeriesTable<{ requests: CounterSeries; duration: HistogramSeries }>();
  readonly #attemptSeries = new SeriesTable<CounterSeries>();
  readonly #countedEvents: EventLedger;
  #backoffUntilSeconds = 0;

  constructor(backend: MetricsBackend, prefix: string, countedEvents: EventLedger) {
    this.#countedEvents = countedEvents;
    this.#backend = backend;
    this.#prefix = prefix;
    const n = (name: string): string => this.#name(name);
    this.#requests = backend.counter({
      name: n('requests_total'),
      help: 'Logical Apple VPP calls, counted once at completion after retries.',
      labelNames: ['operation', 'outcome', 'retry_class'],
    });
    this.#duration = backend.histogram({
      name: n('request_duration_seconds'),
      help: 'Duration of logical Apple VPP calls, backoff waits included.',
      labelNames: ['operation', 'outcome'],
      buckets: DURATION_BUCKETS,
    });
    this.#attempts = backend.counter({
      name: n('attempts_total'),
      help: 'Physical attempts sent to Apple.',
      labelNames: ['operation', 'http_response_status_code', 'retry_class'],
    });
    this.#apiErrors = backend.counter({
      name: n('api_errors_total'),
      help: 'Decoded Apple errors, one per failure (response, batch item or async event).',
      labelNames: ['operation', 'error_number', 'source', 'http_response_status_code', 'retry_class'],
    });
    this.#retries = backend.counter({
      name: n('retries_total'),
      help: 'Retries scheduled.',
      labelNames: ['operation', 'retry_class'],
    });
    this.#retryDelay = backend.histogram({
      name: n('retry_delay_seconds'),
      help: 'Wait chosen before a retry.',
      labelNames: ['operation', 'retry_class', 'delay_source'],
      buckets: DELAY_BUCKETS,
    });
    this.#backoffUntil = backend.gauge({
      name: n('backoff_until_timestamp_seconds'),
      help: 'Unix time at which the latest announced Retry-After or throttling pause ends.',
      labelNames: [],
      aggregator: 'max',
    });
    this.#inFlight = backend.gauge({
      name: n('requests_in_flight'),
      help: 'Logical Apple VPP calls in progress, waits included.',
      labelNames: [],
      aggregator: 'sum',
    });
    this.#giveUps = backend.counter({
      name: n('retry_give_ups_total'),
      help: 'Logical calls that stopped retrying, by reason.',
      labelNames: ['operation', 'reason'],
    });
    this.#tokenExpiry = backend.gauge({
      name: n('token_expiry_timestamp_seconds'),
      help: 'Unix time at which the earliest content token seen by this process expires, as Apple announced it.',
      labelNames: [],
      aggregator: 'min',
    });
    this.#catalogDrift = backend.counter({
      name: n('catalog_drift_total'),
      help: "Codes Apple's service config lists that the catalog lacks (kind missing) or words differently (kind wording), each counted once per engine.",
      labelNames: ['api', 'kind', 'error_number'],
    });
    this.#storeErrors = backend.counter({
      name: n('store_errors_total'),
      help: 'Failures of the tenant store backend (e.g. Redis), by store operation; the engine went on with its local fallback.',
      labelNames: ['operation'],
    });
  }

  /**
   * `rate_limit_requests_per_second{limit="in_force"|"ceiling"}`, read at each scrape: the lowest rate in force
   * among the tenants the closed loop slowed down (the ceiling when none), and the ceiling.
   */
  rateReader(read: GaugeReader): void {
    this.#backend.sampledGauge?.(
      {
        name: this.#name('rate_limit_requests_per_second'),
        help: 'Requests per second the engine lets a tenant send: limit="in_force" is the lowest rate in force (the closed loop lowers it on throttles), limit="ceiling" the configured or announced maxRequestPerSecond.',
        labelNames: ['limit'],
      },
      read,
    );
  }

  #name(name: string): string {
    return `${this.#prefix}${name}`;
  }

  storeError(operation: string): void {
    this.#storeErrors.inc({ operation });
  }

  callStarted(): void {
    this.#inFlight.inc();
  }

  /** `retry_class` is set on `error` outcomes only: the class of the failure that ended the call. */
  callEnded(operation: string, outcome: CallOutcome, failureClass: RetryClass | null, seconds: number): void {
    this.#inFlight.dec();
    const retry_class = outcome === 'error' ? (failureClass ?? 'unknown') : undefined;
    const ended =
      this.#ended.get(operation, outcome, retry_class) ??
      this.#ended.set(operation, outcome, retry_class, {
        requests: counterSeries(this.#requests, { operation, outcome, retry_class }),
        duration: histogramSeries(this.#duration, { operation, outcome }),
      });
    ended.requests.inc();
    ended.duration.observe(seconds);
  }

  attempt(operation: string, httpStatus: number | null, retryClass: RetryClass | 'none'): void {
    const series =
      this.#attemptSeries.get(operation, httpStatus, retryClass) ??
      this.#attemptSeries.set(
        operation,
        httpStatus,
        retryClass,
        counterSeries(this.#attempts, {
          operation,
          http_response_status_code: statusLabel(httpStatus),
          retry_class: retryClass,
        }),
      );
    series.inc();
  }

  /**
   * Counts every failure of a decoded answer; also used for failures from other sources (notifications,
   * status polls). An event's failures (source `event`) are counted under the operation that started the event,
   * and, when its `eventId` is known, each error number of an event only the first time any engine on this
   * registry sees it: the status poll, the waiter and every notification delivery report the same failure.
   * `eventId` comes checked (at most 128 characters, see `usableEventId`), so the ledger stays small.
   */
  failures(operation: string, decoded: DecodedResponse, eventId: string | null = null): void {
    let eventOperation = operation;
    if (decoded.eventType !== undefined) {
      const ofEvent = operationOfEvent(decoded.eventType);
      if (ofEvent !== 'other') eventOperation = ofEvent;
    }
    for (const failure of decoded.failures) {
      const fromEvent = failure.source === 'event';
      if (fromEvent && eventId !== null) {
        const key = `${eventId}\n${String(failure.code)}`;
        if (this.#countedEvents.has(key)) continue;
        this.#countedEvents.set(key, true);
      }
      this.#apiErrors.inc({
        operation: fromEvent ? eventOperation : operation,
        error_number: errorNumberLabel(failure.code),
        source: failure.source,
        http_response_status_code: statusLabel(failure.httpStatus),
        retry_class: failure.retryClass,
      });
    }
  }

  retry(operation: string, retryClass: RetryClass, delaySource: DelaySource, delayMs: number): void {
    this.#retries.inc({ operation, retry_class: retryClass });
    this.#retryDelay.observe(
      { operation, retry_class: retryClass, delay_source: delaySource },
      delayMs / 1000,
    );
  }

  giveUp(operation: string, reason: GiveUpReason): void {
    this.#giveUps.inc({ operation, reason });
  }

  tokenExpiry(tenant: string, epochMs: number): void {
    if (!Number.isFinite(epochMs)) return;
    if (this.#expiries.get(tenant) === epochMs) return;
    this.#expiries.delete(tenant);
    this.#expiries.set(tenant, epochMs);
    // Bounded: the oldest-reported tenants are forgotten first.
    if (this.#expiries.size > MAX_TRACKED_TOKENS) this.#expiries.delete(this.#expiries.keys().next().value!);
    this.#tokenExpiry.set(Math.min(...this.#expiries.values()) / 1000);
  }

  /** One difference between Apple's live error list and the catalog; an uncatalogued number is labelled `other`. */
  catalogDrift(api: 'v2' | 'legacy' | 'unknown', kind: 'missing' | 'wording', errorNumber: number): void {
    this.#catalogDrift.inc({ api, kind, error_number: errorNumberLabel(errorNumber) });
  }

  backoffUntil(epochMs: number): void {
    if (!Number.isFinite(epochMs)) return;
    const seconds = epochMs / 1000;
    if (seconds <= this.#backoffUntilSeconds) return;
    this.#backoffUntilSeconds = seconds;
    this.#backoffUntil.set(seconds);
  }
}
