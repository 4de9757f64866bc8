import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lowestOf } from './peer-ranges.mjs';
import { brokenRules } from './tarball-rules.mjs';

describe('lowestOf', () => {
  it('reads the lowest version of each range form the packages use', () => {
    expect(lowestOf('^1.6.0')).toBe('1.6.0');
    expect(lowestOf('>=14 <16')).toBe('14.0.0');
    expect(lowestOf('^14.5.0 || ^15.0.0 || ^16.0.0')).toBe('14.5.0');
    expect(lowestOf('~1.9')).toBe('1.9.0');
    expect(() => lowestOf('latest')).toThrow(/lowest version/);
  });
});

describe('publishing rules', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const unpacked = (manifest: object, files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'vppwatch-rules-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const good = {
    name: '@vppwatch/x',
    description: 'x',
    license: 'MIT',
    repository: { type: 'git', url: 'git+https://example.invalid/x.git' },
    homepage: 'https://example.invalid',
    bugs: { url: 'https://example.invalid/issues' },
    engines: { node: '>=20.19' },
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    publishConfig: { access: 'public' },
  };
  const goodFiles = {
    LICENSE: 'MIT',
    'README.md': '# x',
    'CHANGELOG.md': '# x',
    'dist/index.js': 'export {};\n',
    'dist/index.d.ts': 'export type X = string;\n',
  };

  it('a package that follows them passes', () => {
    expect(brokenRules(unpacked(good, goodFiles))).toEqual([]);
  });

  it('names every broken rule: licence, access, source condition, maps, optional peers in declarations', () => {
    const bad = {
      ...good,
      exports: { '.': { source: './src/index.ts', default: './dist/index.js' } },
      publishConfig: {},
      dependencies: { '@vppwatch/core': 'workspace:^' },
    };
    const problems = brokenRules(
      unpacked(bad, {
        'README.md': '# x',
        'dist/index.js': 'export {};\n//# sourceMappingURL=index.js.map\n',
        'dist/index.js.map': '{}',
        'dist/index.d.ts': "import type { Span } from '@opentelemetry/api';\nexport type X = Span;\n",
      }),
    );
    expect(problems).toEqual([
      'LICENSE is not in the tarball',
      'CHANGELOG.md is not in the tarball',
      'publishConfig.access is not "public"',
      'exports keep the "source" condition (./src is not published)',
      'a workspace: range was published',
      'dist/index.d.ts: imports the optional peer @opentelemetry/api',
      'dist/index.js: points at a source map',
      'dist/index.js.map: a source map whose sources are not shipped',
    ]);
  });
});
