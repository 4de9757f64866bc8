import { spawnSync } from 'node:child_process';

/** Debian's promtool (package `prometheus`), which `pnpm test` installs when it can. Null when absent. */
export function findPromtool(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** In CI the tool must be there: a missing promtool fails the run instead of silently skipping. */
export function requirePromtoolInCi(): string | null {
  const path = findPromtool();
  if (!path && process.env.CI) throw new Error('promtool is not installed (Debian package "prometheus")');
  return path;
}
