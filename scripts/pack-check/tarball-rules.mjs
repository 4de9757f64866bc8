// Checks of one packed tarball: publint, and the publishing rules publint does not know about.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** Peers a package may leave uninstalled: no published declaration may import them. */
const OPTIONAL_PEERS = ['@opentelemetry/api', 'prom-client'];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function unpacked(tarball, read) {
  const dir = mkdtempSync(join(tmpdir(), 'vppwatch-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    return read(join(dir, 'package'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every rule broken by the unpacked package at `dir`, as sentences. */
export function brokenRules(dir) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = filesUnder(dir).map((path) => relative(dir, path));
  for (const required of ['LICENSE', 'README.md', 'CHANGELOG.md']) {
    if (!files.includes(required)) problems.push(`${required} is not in the tarball`);
  }
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');
  for (const field of ['license', 'repository', 'homepage', 'bugs', 'description', 'engines']) {
    if (manifest[field] === undefined) problems.push(`package.json has no ${field}`);
  }
  if (JSON.stringify(manifest.exports).includes('"source"')) {
    problems.push('exports keep the "source" condition (./src is not published)');
  }
  if (JSON.stringify(manifest).includes('workspace:')) problems.push('a workspace: range was published');
  for (const file of files) {
    if (file.endsWith('.map')) problems.push(`${file}: a source map whose sources are not shipped`);
    const text = /\.(js|d\.ts)$/.test(file) ? readFileSync(join(dir, file), 'utf8') : '';
    if (text.includes('sourceMappingURL=')) problems.push(`${file}: points at a source map`);
    if (file.endsWith('.d.ts')) {
      for (const peer of OPTIONAL_PEERS) {
        if (text.includes(`'${peer}'`) || text.includes(`"${peer}"`)) {
          problems.push(`${file}: imports the optional peer ${peer}`);
        }
      }
    }
  }
  return problems;
}

export const checkTarball = {
  async publint(tarball) {
    const data = readFileSync(tarball);
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion', strict: true });
    return {
      ok: messages.length === 0,
      output: messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`).join('\n'),
    };
  },
  rules(tarball) {
    const problems = unpacked(tarball, brokenRules);
    return { ok: problems.length === 0, output: problems.join('\n') };
  },
};
