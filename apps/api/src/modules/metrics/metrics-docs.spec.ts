import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Metrics } from './metrics.service';

const ROOT = resolve(__dirname, '../../../../..');
const RULES = resolve(ROOT, 'deploy/prometheus/parley-alerts.yml');
const OPERATIONS = resolve(ROOT, 'docs/operations.md');
/** Labels Prometheus adds to every scraped series, and the bucket label of histograms. */
const ADDED = ['job', 'instance', 'le'];

/** The `expr` of every rule in the file (single-line or `|` blocks). */
function expressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    if (match[2] !== '|') return void found.push(match[2]);
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*$|^\s+/.test(lines[j]); j++) {
      if (lines[j].search(/\S/) <= match[1].length && lines[j].trim()) break;
      body.push(lines[j].trim());
    }
    found.push(body.join(' '));
  });
  return found;
}

describe('deploy/prometheus/parley-alerts.yml', () => {
  const metrics = new Metrics();
  const labelsOf = new Map(
    metrics.registry
      .getMetricsAsArray()
      .map((m) => [m.name, (m as unknown as { labelNames: string[] }).labelNames ?? []]),
  );
  const exprs = expressions(readFileSync(RULES, 'utf8'));

  it('has rules', () => expect(exprs.length).toBeGreaterThanOrEqual(10));

  it.each(exprs)('uses only metrics and labels Parley exposes: %s', (expr) => {
    const used = new Set<string>();
    for (const [, series, selector] of expr.matchAll(/\b(parley_[a-z_]+)(?:\{([^}]*)\})?/g)) {
      const name = labelsOf.has(series) ? series : series.replace(/_(bucket|count|sum)$/, '');
      expect({ series, defined: labelsOf.has(name) }).toEqual({ series, defined: true });
      const labels = [...labelsOf.get(name)!, ...ADDED];
      labels.forEach((l) => used.add(l));
      for (const [, label] of (selector ?? '').matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g)) {
        expect({ series, label, known: labels.includes(label) }).toEqual({ series, label, known: true });
      }
    }
    for (const [, list] of expr.matchAll(/\bby\s*\(([^)]*)\)/g)) {
      for (const label of list.split(',').map((l) => l.trim())) {
        expect({ by: label, known: used.has(label) }).toEqual({ by: label, known: true });
      }
    }
  });
});

describe('docs/operations.md', () => {
  it('describes every metric Parley defines', () => {
    const doc = readFileSync(OPERATIONS, 'utf8');
    const own = new Metrics().registry
      .getMetricsAsArray()
      .map((m) => m.name)
      .filter((name) => !/^parley_(process|nodejs)_/.test(name));
    expect(own.length).toBeGreaterThan(10);
    expect(own.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});
