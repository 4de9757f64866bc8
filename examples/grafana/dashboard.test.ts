import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const committed = JSON.parse(readFileSync(join(here, 'apple-vpp-dashboard.json'), 'utf8'));

test('the committed dashboard JSON is what build-dashboard.mjs generates', async () => {
  const { dashboard } = await import('./build-dashboard.mjs');
  expect(committed).toEqual(JSON.parse(JSON.stringify(dashboard)));
});

test('the dashboard is provisioning-safe: a datasource variable, no __inputs, every panel uses it', () => {
  expect(committed.__inputs).toBeUndefined();
  expect(committed.uid).toMatch(/^[a-z0-9-]{8,40}$/);
  const variable = committed.templating.list.find((v: { type: string }) => v.type === 'datasource');
  expect(variable).toMatchObject({ name: 'datasource', query: 'prometheus' });
  const queryPanels = committed.panels.filter((p: { type: string }) => p.type !== 'row');
  expect(queryPanels.length).toBeGreaterThanOrEqual(12);
  for (const panel of queryPanels) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable, not a JS template
    expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(panel.description, panel.title).toBeTruthy();
    for (const target of panel.targets) expect(target.expr, panel.title).toMatch(/apple_vpp_/);
  }
});

test('panels cover what SREs asked for', () => {
  const exprs = committed.panels.flatMap((p: { targets?: { expr: string }[] }) =>
    (p.targets ?? []).map((t) => t.expr),
  );
  const all = exprs.join('\n');
  for (const needle of [
    'by (error_number)',
    'by (retry_class)',
    'by (http_response_status_code)',
    'apple_vpp_retries_total',
    'apple_vpp_backoff_until_timestamp_seconds',
    'apple_vpp_requests_in_flight',
    'histogram_quantile(0.95',
    'apple_vpp_token_expiry_timestamp_seconds',
    'apple_vpp_rate_limit_requests_per_second{job=~"$job",limit="in_force"}',
  ]) {
    expect(all).toContain(needle);
  }
});

test('$operation applies to every panel, and units say what the numbers are', () => {
  for (const panel of committed.panels.filter((p: { type: string }) => p.type !== 'row')) {
    for (const target of panel.targets) expect(target.expr, panel.title).toContain('operation=~"$operation"');
  }
  const unit = (title: string) =>
    committed.panels.find((p: { title: string }) => p.title === title)?.fieldConfig.defaults.unit;
  // Seconds waited per second is a plain number, not a duration.
  expect(unit('Time spent waiting')).toBe('none');
  expect(unit('Backoff remaining')).toBe('s');
  expect(unit('Error ratio after retries')).toBe('percentunit');
});
