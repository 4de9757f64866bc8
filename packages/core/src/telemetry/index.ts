export { errorNumberLabel } from './labels.js';
export type {
  CounterPort,
  GaugePort,
  HistogramPort,
  Labels,
  MetricSpec,
  MetricsBackend,
} from './metrics-port.js';
export { OPERATIONS, operationOf } from './operation.js';
export type { OtelMeterLike } from './otel-meter-backend.js';
