import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );

describe('architecture rules', () => {
  it('shared/ imports nothing but zod and other shared files (the web and the API both use it)', () => {
    for (const file of filesUnder(path.join(root, 'shared'))) {
      for (const spec of importsOf(file)) {
        const ok =
          spec === 'zod' ||
          (spec.startsWith('.') &&
            path.resolve(path.dirname(file), spec).startsWith(path.join(root, 'shared')));
        expect(ok, `${path.relative(root, file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it('a module imports another module only through its index (manifest), never its internals', () => {
    const modulesDir = path.join(root, 'api/modules');
    for (const file of filesUnder(modulesDir)) {
      const own = path.relative(modulesDir, file).split(path.sep)[0];
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = path.relative(modulesDir, path.resolve(path.dirname(file), spec));
        if (target.startsWith('..')) continue; // core or shared
        const [other, ...rest] = target.split(path.sep);
        if (other === own) continue;
        expect(
          rest.join('/') === '' || rest.join('/') === 'index',
          `${path.relative(root, file)} reaches into ${target}`,
        ).toBe(true);
      }
    }
  });

  it('the core does not import modules (only api/modules.ts lists them)', () => {
    const modulesDir = path.join(root, 'api/modules') + path.sep;
    for (const file of filesUnder(path.join(root, 'api/core'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = path.resolve(path.dirname(file), spec);
        expect(target.startsWith(modulesDir), `${path.relative(root, file)} imports ${spec}`).toBe(false);
      }
    }
  });

  it('module-level caches hold region data only in a RegionMap (or say why they hold none)', () => {
    // A bare Map at module level outlives requests and is shared by every region: a lookup by an id
    // from another region would answer that region's data. Such a map is a RegionMap, or the line
    // above it says `// region-safe: <why>` (a key that starts with the region id, formatters per time zone).
    const bare = /^(?:export\s+)?(?:const|let)\s+\w+\s*=\s*new\s+(?:Map|WeakMap)\b/;
    for (const file of filesUnder(path.join(root, 'api')).filter((f) => !f.endsWith('.test.ts'))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!bare.test(line)) return;
        const justified = /\/\/ region-safe: \S/.test(lines[i - 1] ?? '');
        expect(justified, `${path.relative(root, file)}:${i + 1} ${line.trim()}`).toBe(true);
      });
    }
  });

  it('map labels reach Leaflet as text, never as an HTML string', () => {
    // Leaflet turns a string tooltip/popup or divIcon `html` into markup: a market named
    // `<img onerror=…>` would run in the LIVE Room. Labels go through textElement().
    for (const file of filesUnder(path.join(root, 'web/src'))) {
      const text = readFileSync(file, 'utf8');
      const lineOf = (at: number) => `${path.relative(root, file)}:${text.slice(0, at).split('\n').length}`;
      for (const m of text.matchAll(/\.bind(?:Tooltip|Popup)\((?!\s*textElement\()/g))
        expect.fail(`${lineOf(m.index)}: a tooltip/popup from a string; use textElement()`);
      for (const m of text.matchAll(/html:\s*`[^`]*\$\{/g))
        expect.fail(`${lineOf(m.index)}: divIcon html built from a template; use textElement()`);
    }
  });

  it('every CSV goes through the core writer (api/core/export/csv.ts), which neutralises formulas', () => {
    const writer = path.join(root, 'api/core/export/csv.ts');
    for (const file of [...filesUnder(path.join(root, 'api')), ...filesUnder(path.join(root, 'test'))]) {
      if (file === writer) continue;
      for (const spec of importsOf(file))
        expect(spec.startsWith('csv-stringify'), `${path.relative(root, file)} imports ${spec}`).toBe(false);
    }
  });
});
