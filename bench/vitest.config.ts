import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The bench package's own tests, with workspace packages resolved to their TypeScript source (no build needed).
// Run from the repo root: npx vitest run --config bench/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
