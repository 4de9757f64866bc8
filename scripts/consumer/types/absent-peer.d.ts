// Stands in for an optional peer (@opentelemetry/api, prom-client) that is not installed: tsconfig.esm-node16.json
// maps both here, so a published declaration that needs either fails to compile (skipLibCheck is off there).
export {};
