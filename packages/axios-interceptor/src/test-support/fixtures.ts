import { Registry } from 'prom-client';

/** A well-formed legacy/v2 sToken (base64 JSON, as Apple issues them) with a recognizable secret inside. */
export function fakeSToken(secret = 'SECRET-TOKEN-abc123', expDate = '2099-01-01T00:00:00-0700'): string {
  return Buffer.from(JSON.stringify({ token: secret, expDate, orgName: 'Example School' })).toString(
    'base64',
  );
}

/** Engine options for tests: fast backoff, no proactive limiter, metrics on a private registry. */
export function testEngineOptions(registry = new Registry()) {
  return {
    baseDelayMs: { transient: 5, throttled: 5, retry_later: 5 },
    rateLimit: false as const,
    metrics: { registry },
    tracing: false as const,
  };
}

export const v2Error = (errorNumber: number, errorMessage = 'error') => ({ errorNumber, errorMessage });
export const legacyError = (errorNumber: number, errorMessage = 'error') => ({
  status: -1,
  errorNumber,
  errorMessage,
});
