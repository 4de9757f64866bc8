#!/usr/bin/env node
// Generates apple-vpp-dashboard.json. The dashboard is written as data here rather than edited by hand, so every
// panel follows the same conventions (datasource variable, $__rate_interval, job/operation filters), and a test can
// run each panel's query against a real Prometheus. Run `node examples/grafana/build-dashboard.mjs` after a change.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable, not a JS template
const ds = { type: 'prometheus', uid: '${datasource}' };
const sel = 'job=~"$job",operation=~"$operation"';
const jobOnly = 'job=~"$job"';
/**
 * The gauges describe a process, not an operation (a pause holds every call of a token; the earliest token expiry is
 * per process), so `$operation` applies to them through the instances that served the selected operations.
 */
const servingSelected = `on (job, instance) group by (job, instance) (apple_vpp_requests_total{${sel}})`;
const ofSelected = (gauge) => `(${gauge}{${jobOnly}} and ${servingSelected})`;

/** Panels in reading order: overview, rate and errors, Apple codes, retries and backoff, latency, tokens. */
export const panels = [
  row('Overview'),
  stat(
    'Logical requests per second',
    `sum(rate(apple_vpp_requests_total{${sel}}[$__rate_interval]))`,
    'reqps',
    'apple_vpp_requests_total: logical calls as the application sees them, after retries.',
  ),
  stat(
    'Error ratio after retries',
    `(sum(rate(apple_vpp_requests_total{${sel},outcome="error"}[$__rate_interval])) or vector(0)) / sum(rate(apple_vpp_requests_total{${sel}}[$__rate_interval]))`,
    'percentunit',
    'Share of logical calls that finally failed (retried-then-succeeded calls are not errors).',
  ),
  stat(
    'Backoff remaining',
    `clamp_min(max(${ofSelected('apple_vpp_backoff_until_timestamp_seconds')}) - time(), 0)`,
    's',
    'Seconds until the longest announced Retry-After / throttling pause ends (apple_vpp_backoff_until_timestamp_seconds), on the instances serving the selected operations.',
  ),
  stat(
    'In-flight requests',
    `sum(${ofSelected('apple_vpp_requests_in_flight')})`,
    'short',
    'Logical calls in progress, including those waiting out a backoff, on the instances serving the selected operations.',
  ),
  stat(
    'Earliest token expiry',
    `min(${ofSelected('apple_vpp_token_expiry_timestamp_seconds')} > 0) - time()`,
    's',
    'Time until the first content token expires, as Apple announced it (tokenExpirationDate / tokenExpDate / expirationMillis), on the instances serving the selected operations.',
  ),

  row('Rate and errors'),
  timeseries(
    'Requests by operation and outcome',
    `sum by (operation, outcome) (rate(apple_vpp_requests_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{operation}} {{outcome}}',
    'apple_vpp_requests_total by operation and final outcome.',
  ),
  timeseries(
    'Apple errors by errorNumber',
    `sum by (error_number) (rate(apple_vpp_api_errors_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{error_number}}',
    'Every decoded Apple failure, retried or not, from responses, batch items and async events.',
  ),
  timeseries(
    'Apple errors by retry class',
    `sum by (retry_class) (rate(apple_vpp_api_errors_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{retry_class}}',
    'What the failures mean: throttled, transient and retry_later are retried; the rest need a fix or a human.',
  ),
  timeseries(
    'Attempts by HTTP status',
    `sum by (http_response_status_code) (rate(apple_vpp_attempts_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{http_response_status_code}}',
    'Physical attempts. Legacy errors arrive as HTTP 200, so read this with the errorNumber panel.',
  ),
  table(
    'Top Apple codes in range',
    `topk(10, sum by (error_number, retry_class) (increase(apple_vpp_api_errors_total{${sel}}[$__range])))`,
    'The ten most frequent Apple error numbers over the dashboard range; `vppwatch explain <code>` says what to do.',
  ),

  row('Retries and backoff'),
  timeseries(
    'Retries by class',
    `sum by (retry_class) (rate(apple_vpp_retries_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{retry_class}}',
    'apple_vpp_retries_total: scheduled retries.',
  ),
  timeseries(
    'Retry amplification (attempts per logical request)',
    `sum(rate(apple_vpp_attempts_total{${sel}}[$__rate_interval])) / sum(rate(apple_vpp_requests_total{${sel}}[$__rate_interval]))`,
    'short',
    'attempts per request',
    '1.0 means no retries; the AppleVppRetryAmplificationHigh alert fires above 1.5.',
  ),
  timeseries(
    'Time spent waiting',
    `sum by (delay_source) (rate(apple_vpp_retry_delay_seconds_sum{${sel}}[$__rate_interval]))`,
    // Seconds of waiting per second of wall time: a plain number (about how many calls wait at any moment).
    'none',
    '{{delay_source}}',
    'Seconds of backoff chosen per second of wall time (about how many calls are waiting at any moment), split by Retry-After honoured versus computed backoff.',
  ),
  timeseries(
    'Rate in force (requests per second)',
    [
      {
        expr: `min(apple_vpp_rate_limit_requests_per_second{${jobOnly},limit="in_force"} and ${servingSelected})`,
        legend: 'in force (lowest tenant)',
      },
      {
        expr: `max(apple_vpp_rate_limit_requests_per_second{${jobOnly},limit="ceiling"} and ${servingSelected})`,
        legend: 'ceiling',
      },
    ],
    'reqps',
    null,
    'The rate the engine lets a tenant send at. Below the ceiling, the closed loop found that an organization admits less than its maxRequestPerSecond (another client on the token, or Apple granting less) after 9646/429 answers; it climbs back on its own. On the instances serving the selected operations.',
  ),
  timeseries(
    'Give-ups by reason',
    `sum by (reason) (rate(apple_vpp_retry_give_ups_total{${sel}}[$__rate_interval]))`,
    'reqps',
    '{{reason}}',
    'Why calls stopped retrying: not_retryable is a business outcome; attempts, budget and deadline mean Apple was degraded for longer than the settings cover.',
  ),

  row('Latency'),
  timeseries(
    'Logical duration quantiles (including backoff)',
    [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(apple_vpp_request_duration_seconds_bucket{${sel}}[$__rate_interval])))`,
      legend: `p${q * 100}`,
    })),
    's',
    null,
    'apple_vpp_request_duration_seconds: end-to-end time of a logical call, Retry-After waits included.',
  ),

  row('Replicas and the shared store'),
  stat(
    'Store errors, last 5 min',
    `sum(increase(apple_vpp_store_errors_total{${jobOnly}}[5m]) and ${servingSelected}) or vector(0)`,
    'short',
    'Operations of the shared tenant store (Redis) that failed. 0: replicas share one gate and one rate. Above 0: the replicas that report it keep to a local share of the rate until Redis answers; see "Running replicas" in the operations guide.',
  ),
  timeseries(
    'Store health: failed store operations',
    `sum by (job, operation) (rate(apple_vpp_store_errors_total{${jobOnly}}[$__rate_interval]) and ${servingSelected}) or vector(0)`,
    'ops',
    '{{job}} {{operation}}',
    'apple_vpp_store_errors_total by store operation (acquire, gate, throttle, budget, streak), for the instances that served the selected API operations: each one fell back to the local share of the rate instead of failing a call.',
  ),
];

function row(title) {
  return { type: 'row', title, collapsed: false, panels: [] };
}

function targets(spec, legend) {
  const list = Array.isArray(spec) ? spec : [{ expr: spec, legend }];
  return list.map((t, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: ds,
    expr: t.expr,
    legendFormat: t.legend ?? '__auto',
    range: true,
  }));
}

function stat(title, expr, unit, description) {
  return {
    type: 'stat',
    title,
    description,
    datasource: ds,
    targets: targets(expr, title),
    fieldConfig: { defaults: { unit }, overrides: [] },
    options: { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'value' },
  };
}

function timeseries(title, spec, unit, legend, description) {
  return {
    type: 'timeseries',
    title,
    description,
    datasource: ds,
    targets: targets(spec, legend),
    fieldConfig: { defaults: { unit }, overrides: [] },
    options: { legend: { displayMode: 'table', placement: 'bottom' }, tooltip: { mode: 'multi' } },
  };
}

function table(title, expr, description) {
  return {
    type: 'table',
    title,
    description,
    datasource: ds,
    targets: targets(expr).map((t) => ({ ...t, format: 'table', instant: true, range: false })),
    fieldConfig: { defaults: {}, overrides: [] },
    options: { showHeader: true },
  };
}

/** Lays panels out on Grafana's 24-column grid: rows full width, stats 4 wide, the rest half width. */
function layout(list) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return list.map((panel, index) => {
    const w = panel.type === 'row' ? 24 : panel.type === 'stat' ? 4 : 12;
    const h = panel.type === 'row' ? 1 : panel.type === 'stat' ? 4 : 8;
    if (x + w > 24 || panel.type === 'row') {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...panel, id: index + 1, gridPos: { x, y, w, h } };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    if (panel.type === 'row') {
      y += h;
      x = 0;
      rowHeight = 0;
    }
    return placed;
  });
}

export const dashboard = {
  uid: 'apple-vpp-client',
  id: null,
  title: 'Apple VPP / Apps and Books (vppwatch)',
  description:
    'Apple volume purchase API calls made through vppwatch: errors by errorNumber and retry class, retries, backoff, latency and token expiry.',
  tags: ['apple-vpp', 'vppwatch'],
  editable: true,
  graphTooltip: 1,
  schemaVersion: 39,
  version: 1,
  time: { from: 'now-6h', to: 'now' },
  refresh: '1m',
  annotations: { list: [] },
  templating: {
    list: [
      {
        name: 'datasource',
        label: 'Data source',
        type: 'datasource',
        query: 'prometheus',
        current: {},
        hide: 0,
      },
      {
        name: 'job',
        label: 'Job',
        type: 'query',
        datasource: ds,
        query: { query: 'label_values(apple_vpp_requests_total, job)', refId: 'job' },
        definition: 'label_values(apple_vpp_requests_total, job)',
        refresh: 2,
        multi: true,
        includeAll: true,
        allValue: '.*',
        current: {},
      },
      {
        name: 'operation',
        label: 'Operation',
        type: 'query',
        datasource: ds,
        query: {
          query: 'label_values(apple_vpp_requests_total{job=~"$job"}, operation)',
          refId: 'operation',
        },
        definition: 'label_values(apple_vpp_requests_total{job=~"$job"}, operation)',
        refresh: 2,
        multi: true,
        includeAll: true,
        allValue: '.*',
        current: {},
      },
    ],
  },
  panels: layout(panels),
};

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'apple-vpp-dashboard.json');
  writeFileSync(out, `${JSON.stringify(dashboard, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
