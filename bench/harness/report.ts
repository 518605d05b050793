/**
 * One row of the bench table. `baseline` is measured in the same run (the machine is noisy, so
 * targets on ratios compare like with like); `targets` are the issue's goals for the row, if any.
 */
export interface BenchRow {
  /** Stable identifier (the smoke test checks every expected id is present). */
  id: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: { value: number; label: string };
  /** value ÷ baseline (for latencies: how many times slower than the baseline). */
  ratio?: number;
  /** The issue's goals for the row; all must hold for `pass`. */
  targets?: Target[];
  /** Context printed under the table (what limited the row, sizes). */
  note?: string;
}

/** A goal on the value or on the ratio. */
export interface Target {
  on: 'value' | 'ratio';
  op: '>=' | '<=' | '<';
  limit: number;
  unit?: string;
}

export function rowWithBaseline(row: Omit<BenchRow, 'ratio'>): BenchRow {
  return row.baseline ? { ...row, ratio: row.value / row.baseline.value } : row;
}

export function passes(row: BenchRow): boolean | null {
  if (!row.targets?.length) return null;
  return row.targets.every((t) => {
    const actual = t.on === 'value' ? row.value : row.ratio;
    if (actual === undefined || !Number.isFinite(actual)) return false;
    return t.op === '>=' ? actual >= t.limit : t.op === '<=' ? actual <= t.limit : actual < t.limit;
  });
}

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function targetText(targets: Target[] | undefined): string {
  if (!targets?.length) return '—';
  return targets
    .map((t) => {
      const op = { '>=': '≥', '<=': '≤', '<': '<' }[t.op];
      return t.on === 'ratio' ? `ratio ${op} ${t.limit}` : `${op} ${number(t.limit)}${t.unit ? ` ${t.unit}` : ''}`;
    })
    .join(', ');
}

/** The table as GitHub-flavoured Markdown (readable in a terminal, pasteable into docs/benchmarks.md). */
export function renderTable(rows: BenchRow[]): string {
  const header = ['metric', 'value', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => {
    const pass = passes(r);
    return [
      r.metric,
      `${number(r.value)} ${r.unit}`,
      r.baseline ? `${number(r.baseline.value)} ${r.unit} (${r.baseline.label})` : '—',
      r.ratio === undefined ? '—' : number(r.ratio),
      targetText(r.targets),
      !Number.isFinite(r.value) ? 'ERROR' : pass === null ? '—' : pass ? 'pass' : 'MISS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function renderNotes(rows: BenchRow[]): string {
  return rows
    .filter((r) => r.note)
    .map((r) => `- ${r.metric}: ${r.note}`)
    .join('\n');
}
