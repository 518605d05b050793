import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '@medido/platform';
import { ROOT } from './deploy-tools.ts';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
  gridPos: { x: number; y: number; w: number; h: number };
}
const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/medido-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string }[] };
};
const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');
const exprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** Series names a PromQL expression selects (metric names, not functions, labels or keywords). */
function seriesIn(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]');
  return [...withoutStrings.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)]
    .map((m) => m[1]!)
    .filter((name) => /^(medido|process|nodejs)_/.test(name));
}

/** Every series name the roles export: the registry's metrics, with the histogram suffixes. */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = await createMetrics('test').registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap((m) =>
      (m.type as unknown as string) === 'histogram'
        ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`]
        : [m.name],
    ),
  );
}

describe('Grafana dashboard (deploy/grafana/medido-dashboard.json)', () => {
  it('queries only series the roles export (libs/platform/src/metrics.ts and the default process metrics)', async () => {
    const exported = await exportedSeries();
    const used = new Set(exprs.flatMap(seriesIn));
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(12);
  });

  it('shows HTTP latency by route, ingest rate, consumer lag, projection latency, dead letters, token refresh failures and memory', () => {
    const used = new Set(exprs.flatMap(seriesIn));
    for (const name of [
      'medido_http_request_duration_seconds_bucket',
      'medido_ingest_readings_total',
      'medido_consumer_lag_records',
      'medido_projection_latency_seconds_bucket',
      'medido_dead_letters_total',
      'medido_token_refresh_failures_total',
      'process_resident_memory_bytes',
    ])
      expect(used, name).toContain(name);
    const latency = exprs.filter(
      (e) => e.includes('medido_http_request_duration_seconds_bucket') && e.includes('route'),
    );
    expect(latency.map((e) => /histogram_quantile\((0\.\d+)/.exec(e)?.[1]).sort()).toEqual(['0.5', '0.99']);
  });

  // Issue 17 §9: `medido_projector_batch_size` said nothing of its unit (Prometheus naming: a unit suffix, plural).
  it('plots the projected batch size in records, the renamed histogram', () => {
    const used = new Set(exprs.flatMap(seriesIn));
    expect(used).toContain('medido_projector_batch_records_sum');
    expect(used).toContain('medido_projector_batch_records_count');
    expect([...used].filter((name) => name.startsWith('medido_projector_batch_size'))).toEqual([]);
  });

  it('is importable as is: a data source variable, unique panel ids, panels inside the 24-column grid', () => {
    expect(dashboard.uid).toBe('medido-overview');
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'role']);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels)
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    for (const panel of queryPanels) expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
  });
});
