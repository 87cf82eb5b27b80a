// Writes the fuzz targets' seed corpora into fuzz/corpus/<target>/ (one file per input, named by
// its SHA-1): `node fuzz/seed.mjs`. Run by scripts/fuzz before fuzzing.
//   profile:  every case's profile under rules/ and examples/profile.json, as JSON text;
//   evaluate: the same, after a first line `<asOf> <locale> <rule set>`;
//   fhir:     every bundle of tests/fhir/ (the FHIR import's test bundles);
//   ruleset:  one rule set per rule of rules/fr's newest version — its manifest with only that
//             [[rule]] (and the sources it and the versioned facts cite), the rule, and both
//             locales' messages with only that rule's words — as `--- <path>` sections;
//   fast_path: the same as ruleset.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fuzz = dirname(fileURLToPath(import.meta.url));
const rules = join(fuzz, '..', 'rules');
const counts = {};

function write(target, text) {
  const dir = join(fuzz, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  const name = createHash('sha1').update(text).digest('hex');
  writeFileSync(join(dir, name), text);
  (counts[target] ??= new Set()).add(name);
}

/** Rule-set folders under rules/ (with every version of a folder of versions), and their names. */
function ruleSets() {
  const found = [];
  for (const entry of readdirSync(rules, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(rules, entry.name);
    if (existsSync(join(dir, 'ruleset.toml'))) {
      found.push({ dir, name: entry.name });
      continue;
    }
    for (const v of readdirSync(dir, { withFileTypes: true })) {
      if (existsSync(join(dir, v.name, 'ruleset.toml'))) found.push({ dir: join(dir, v.name), name: entry.name });
    }
  }
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

for (const { dir, name } of ruleSets()) {
  const casesDir = join(dir, 'cases');
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(join(casesDir, file), 'utf8')).cases) {
      const profile = JSON.stringify(c.profile);
      write('profile', profile);
      write('evaluate', `${c.asOf} ${c.locale ?? 'fr'} ${name}\n${profile}`);
    }
  }
}
const bundles = join(fuzz, '..', 'tests', 'fhir');
for (const file of readdirSync(bundles).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort()) {
  write('fhir', readFileSync(join(bundles, file), 'utf8'));
}
const example = readFileSync(join(fuzz, '..', 'examples', 'profile.json'), 'utf8');
write('profile', example);
write('evaluate', `2026-01-15 en fr\n${example}`);

/** A TOML text cut before each table header line (`[x]`, `[[x]]`); comments stay with the table above. */
function tables(text) {
  const parts = [];
  let current = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('[') && current.length > 0) {
      parts.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  parts.push(current.join('\n'));
  return parts;
}

const quoted = (list) => [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);

const versions = readdirSync(join(rules, 'fr')).filter((v) => existsSync(join(rules, 'fr', v, 'ruleset.toml')));
versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const newest = join(rules, 'fr', versions[versions.length - 1]);
const manifest = tables(readFileSync(join(newest, 'ruleset.toml'), 'utf8'));
const ruleTables = manifest.filter((t) => t.startsWith('[[rule]]'));
// Sources cited by everything but the rules (versioned facts, directories …): kept in every seed.
const factSources = manifest
  .filter((t) => !t.startsWith('[[rule]]'))
  .flatMap((t) => [...t.matchAll(/^sources = \[(.*)\]$/gm)].flatMap((m) => quoted(m[1])));
const messages = ['fr', 'en'].map((locale) => ({
  locale,
  tables: tables(readFileSync(join(newest, 'messages', `${locale}.toml`), 'utf8')),
}));

for (const rule of ruleTables) {
  const id = rule.match(/^id = "(.*)"$/m)[1];
  const cited = new Set([...factSources, ...quoted(rule.match(/^sources = \[(.*)\]$/m)?.[1] ?? '')]);
  const kept = manifest.filter((t) => {
    if (t.startsWith('[[rule]]')) return t === rule;
    const source = t.match(/^\[sources\.([^\]]+)\]/);
    return !source || cited.has(source[1]);
  });
  let seed = `--- ruleset.toml\n${kept.join('\n')}\n--- rules/${id}.rhai\n${readFileSync(join(newest, 'rules', `${id}.rhai`), 'utf8')}`;
  for (const { locale, tables: words } of messages) {
    const own = words.filter((t) => !t.startsWith('[rules.') || t.startsWith(`[rules."${id}".`));
    seed += `\n--- messages/${locale}.toml\n${own.join('\n')}`;
  }
  write('ruleset', seed);
  write('fast_path', seed);
}
console.log(
  `[fuzz] seeds: ${Object.entries(counts)
    .map(([t, names]) => `${t} ${names.size}`)
    .join(', ')}`,
);
