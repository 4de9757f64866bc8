// One got instance, one `got.extend(vppHooks())`, a simulated Apple that throttles at 15 requests/s per token.
// Run: pnpm build && node examples/got/index.mjs
import { createVppEngine, getDecodedOutcome, getRetryInfo, isVppError } from '@vppwatch/core';
import { vppHooks, vppLegacyPagination, vppPagination } from '@vppwatch/got-hook';
import { makeSToken, startSimulator } from '@vppwatch/simulator';
import got from 'got';
import { Registry } from 'prom-client';

const sim = await startSimulator({ scenario: 'throttle', seed: 7, pageSize: 2 });
const registry = new Registry();
const sToken = makeSToken({ orgName: 'Example School' });

try {
  // One engine per process: every client built on it shares the tenant's backoff gate and retry budget.
  // The proactive limiter is off here so you can watch the server throttle and the engine honour Retry-After.
  const engine = createVppEngine({ metrics: { registry }, rateLimit: false });
  const apple = got.extend(
    {
      prefixUrl: `${sim.url}/mdm/v2/`,
      headers: { authorization: `Bearer ${sToken}` },
      timeout: { request: 10_000 },
    },
    vppHooks({ engine }),
  );
  const legacy = got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' }, vppHooks({ engine }));

  console.log('1. A burst of 25 GET assets on one token (the server allows 15 per second):');
  const started = Date.now();
  const responses = await Promise.all(Array.from({ length: 25 }, () => apple.get('assets')));
  const retried = responses.filter((r) => (getRetryInfo(r)?.attempts ?? 1) > 1);
  console.log(
    `   all ${responses.length} succeeded in ${Date.now() - started} ms; ${retried.length} needed a retry`,
  );
  if (retried[0]) console.log('   retry info of one of them:', getRetryInfo(retried[0]));
  const log = sim.requests.all();
  const throttled = log.filter((r) => r.status === 429);
  // Requests already on the wire when the first 429 came back cannot know about it; count the ones sent later.
  const early = log.filter((r) => throttled.some((t) => t.at + 50 < r.at && r.at < (t.windowEndsAt ?? 0)));
  console.log(
    `   server saw ${log.length} requests, ${throttled.length} throttled, ${early.length} retries inside a Retry-After window`,
  );

  console.log('2. A legacy call with an expired token (HTTP 200, status -1):');
  const expired = makeSToken({ expDate: '2020-01-01T00:00:00-0700' });
  const error = await legacy('getVPPAssetsSrv', { json: { sToken: expired } }).catch((e) => e);
  if (isVppError(error)) {
    console.log(`   VppError ${error.code}: errorNumber ${error.errorNumber}, class ${error.retryClass}`);
    console.log(`   message: ${error.message}`);
    console.log(
      `   cause: ${error.cause?.name}, HTTP ${error.cause?.httpStatus} (the response itself: error.unredacted().cause)`,
    );
  }

  console.log('3. Listing v2 assets page by page (2 per page), and legacy users batch by batch:');
  const assets = await apple.paginate.all('assets', { pagination: vppPagination('assets') });
  console.log(`   ${assets.length} assets:`, assets.map((a) => a.adamId).join(', '));
  await legacy('registerVPPUserSrv', { json: { sToken, clientUserIdStr: 'example-user' } });
  const users = await legacy.paginate.all('getVPPUsersSrv', {
    json: { sToken },
    pagination: vppLegacyPagination('users'),
  });
  console.log(`   ${users.length} legacy user(s)`);

  console.log('4. Reading the decoded outcome of a successful call:');
  const config = await apple.get('service/config');
  console.log(
    '   outcome:',
    getDecodedOutcome(config)?.outcome,
    '| attempts:',
    getRetryInfo(config)?.attempts,
  );

  console.log('5. Prometheus (attempts by status and retry class):');
  const attempts = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_attempts_total');
  for (const sample of attempts?.values ?? []) console.log('  ', JSON.stringify(sample.labels), sample.value);
} finally {
  await sim.close();
}
