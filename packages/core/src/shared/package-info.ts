import { createRequire } from 'node:module';

/**
 * Name and version as published, read from this package's own package.json (two levels above both `src/shared/` and
 * `dist/shared/`), so the tracer version and `vppwatch --version` follow every release with no edit.
 */
export const PACKAGE_INFO: { readonly name: string; readonly version: string } = (() => {
  const { name, version } = createRequire(import.meta.url)('../../package.json') as {
    name: string;
    version: string;
  };
  return { name, version };
})();
