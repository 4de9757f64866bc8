export * from './async/index.js';
export * from './catalog/index.js';
export type { RetryClass } from './catalog/retry-class.js';
export { isRetryClass, RETRY_CLASSES } from './catalog/retry-class.js';
export * from './decode/index.js';
export * from './drift/index.js';
export * from './engine/index.js';
export * from './errors/index.js';
export * from './telemetry/index.js';
