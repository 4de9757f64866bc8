// The OTel SDK set-up a user writes, for each SDK generation the matrix installs: 1.x (the last to accept
// @opentelemetry/api 1.4) takes processors and readers through add…(), 2.x and 3.x through their options, and 3.x
// (for api 1.10) takes a processor's exporter as an option too.
const traceSdk = require('@opentelemetry/sdk-trace');
const metricsSdk = require('@opentelemetry/sdk-metrics');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Major version of an installed package, read from its package.json (not every package exports it). */
function majorOf(name) {
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(join('node_modules', name))) dir = dirname(dir);
  return Number(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version.split('.')[0]);
}

exports.tracerProvider = function tracerProvider(exporter) {
  const TracerProvider = traceSdk.TracerProvider ?? traceSdk.BasicTracerProvider;
  const processor = new traceSdk.SimpleSpanProcessor(
    majorOf('@opentelemetry/sdk-trace') >= 3 ? { exporter } : exporter,
  );
  if (typeof TracerProvider.prototype.addSpanProcessor === 'function') {
    const provider = new TracerProvider();
    provider.addSpanProcessor(processor);
    return provider;
  }
  return new TracerProvider({ spanProcessors: [processor] });
};

exports.meterProvider = function meterProvider(reader) {
  const { MeterProvider } = metricsSdk;
  if (typeof MeterProvider.prototype.addMetricReader === 'function') {
    const provider = new MeterProvider();
    provider.addMetricReader(reader);
    return provider;
  }
  return new MeterProvider({ readers: [reader] });
};
