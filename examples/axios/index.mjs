// One axios instance, one line of vppwatch, a simulated Apple that throttles at 15 requests/s per token.
// Run: pnpm build && node examples/axios/index.mjs
import {
  attachVppInterceptor,
  getDecodedOutcome,
  getRetryInfo,
  isVppError,
} from '@vppwatch/axios-interceptor';
import { makeSToken, startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import { Registry } from 'prom-client';

const sim = await startSimulator({ scenario: 'throttle', seed: 7 });
const registry = new Registry();
const sToken = makeSToken({ orgName: 'Example School' });

try {
  const apple = axios.create({ baseURL: `${sim.url}/mdm`, timeout: 10_000 });
  apple.interceptors.request.use((config) => {
    config.headers.set('Authorization', `Bearer ${sToken}`); // your auth interceptor: runs once per call
    return config;
  });
  attachVppInterceptor(apple, { metrics: { registry } });

  console.log('1. A burst of 25 GET /v2/assets on one token (the server allows 15 per second):');
  let started = Date.now();
  await Promise.all(Array.from({ length: 25 }, () => apple.get('/v2/assets')));
  const hash = sim.tokenHash(sToken);
  const throttledCount = () => sim.requests.forToken(hash).filter((r) => r.status === 429).length;
  console.log(
    `   all 25 succeeded in ${Date.now() - started} ms; the engine paced them, so the server throttled ${throttledCount()}`,
  );

  console.log('   Now 20 calls in a row from a client without the proactive limiter:');
  const eager = axios.create({ baseURL: `${sim.url}/mdm`, headers: { Authorization: `Bearer ${sToken}` } });
  attachVppInterceptor(eager, { metrics: { registry }, rateLimit: false });
  sim.requests.clear();
  started = Date.now();
  let retried;
  for (let i = 0; i < 20; i += 1) {
    const response = await eager.get('/v2/assets');
    if ((getRetryInfo(response)?.attempts ?? 1) > 1) retried = response;
  }
  console.log(
    `   all 20 succeeded in ${Date.now() - started} ms; throttled ${throttledCount()} times; ` +
      `requests inside an announced Retry-After window: ${sim.requests.violations(hash).length}`,
  );
  if (retried) console.log('   retry info of a retried call:', getRetryInfo(retried));

  console.log('2. A legacy call with an expired token (HTTP 200, status -1):');
  const expired = makeSToken({ expDate: '2020-01-01T00:00:00-0700' });
  const error = await apple.post('/getVPPAssetsSrv', { sToken: expired }).catch((e) => e);
  if (isVppError(error)) {
    console.log(`   VppError ${error.code}: errorNumber ${error.errorNumber}, class ${error.retryClass}`);
    console.log(`   message: ${error.message}`);
  }

  console.log('3. Reading the decoded outcome of a successful call:');
  const config = await apple.get('/v2/service/config');
  console.log(
    '   outcome:',
    getDecodedOutcome(config)?.outcome,
    '| attempts:',
    getRetryInfo(config)?.attempts,
  );

  console.log('4. Prometheus (attempts by status and retry class):');
  const attempts = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_attempts_total');
  for (const sample of attempts?.values ?? []) console.log('  ', JSON.stringify(sample.labels), sample.value);
} finally {
  await sim.close();
}
