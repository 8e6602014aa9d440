import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every string a screen asks for exists in Bahasa Indonesia AND English, and the two languages of
 * each bundle have the same keys. The bundles are found the way the app registers them
 * (`registerStrings('<key>', { id: () => import('<file>') … })`), and the keys the way screens ask
 * for them (`t('<literal>')`). Keys built at run time (`t(\`…${x}\`)`) are caught in the browser
 * journeys instead (window.__simpulMissingKeys, e2e/ux-seams.test.ts).
 */
const webSrc = path.resolve(import.meta.dirname, '../../web/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

type Tree = { [k: string]: string | Tree };
const sources = files(webSrc).map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

/** { id, en } string trees by language, merged the way registerStrings does. */
function bundles(): Record<'id' | 'en', Tree> {
  const trees: Record<'id' | 'en', Tree> = { id: {}, en: {} };
  const call =
    /registerStrings\(\s*'([^']*)',\s*\{\s*id: \(\) => import\('([^']+)'\),\s*en: \(\) => import\('([^']+)'\)/g;
  for (const { file, text } of sources)
    for (const m of text.matchAll(call)) {
      const [, key, idFile, enFile] = m as unknown as [string, string, string, string];
      for (const [lang, rel] of [
        ['id', idFile],
        ['en', enFile],
      ] as const) {
        const strings = JSON.parse(readFileSync(path.resolve(path.dirname(file), rel), 'utf8')) as Tree;
        Object.assign(trees[lang], key ? { [key]: strings } : strings);
      }
    }
  return trees;
}

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );
}

const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('web strings', () => {
  const trees = bundles();
  const keys = {
    id: new Set(leaves(trees.id).map(withoutPlural)),
    en: new Set(leaves(trees.en).map(withoutPlural)),
  };

  it('finds the core and every module bundle', () => {
    for (const bundle of [
      'common',
      'staff',
      'laksaCitizen',
      'laksaStaff',
      'darurat',
      'hargaPangan',
      'live-usage',
    ])
      expect(Object.keys(trees.id), bundle).toContain(bundle);
  });

  it('has the same keys in Bahasa Indonesia and English', () => {
    expect(
      [...keys.id].filter((k) => !keys.en.has(k)),
      'missing in English',
    ).toEqual([]);
    expect(
      [...keys.en].filter((k) => !keys.id.has(k)),
      'missing in Indonesian',
    ).toEqual([]);
  });

  it('has every literal key a screen asks for, in both languages', () => {
    const asked = new Map<string, string>();
    for (const { file, text } of sources)
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g))
        asked.set(m[1]!, path.relative(webSrc, file));
    expect(asked.size).toBeGreaterThan(300);
    const missing = [...asked]
      .filter(([k]) => !keys.id.has(k) || !keys.en.has(k))
      .map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });
});
