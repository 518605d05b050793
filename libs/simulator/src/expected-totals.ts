import { MedidoError } from '@medido/platform';

/** A reading as far as consumption is concerned; `ts` as ISO 8601 or epoch ms. */
export interface RegisterReading {
  deviceId: string;
  variable: string;
  ts: string | number;
  value: number;
}

export interface ConsumptionQuery {
  deviceId: string;
  variable: string;
  /** Window start (inclusive for the bucket rule: an increase counts when from ≤ t₂ − 1 ms < to). */
  from: string | number | Date;
  /** Window end (exclusive by the same rule). */
  to: string | number | Date;
}

const instant = (value: string | number | Date): number => {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new MedidoError('REQUEST_INVALID', `not an instant: ${String(value)}`);
  return ms;
};

/**
 * The register's readings as the read model holds them: one per timestamp (a re-sent reading is stored
 * once; the first copy wins, the simulator's copies are identical) and in time order, whatever order
 * they arrived in.
 */
export function registerSeries(
  readings: Iterable<RegisterReading>,
  deviceId: string,
  variable: string,
): { t: number; value: number }[] {
  const byInstant = new Map<number, number>();
  for (const r of readings) {
    if (r.deviceId !== deviceId || r.variable !== variable) continue;
    const t = instant(r.ts);
    if (!byInstant.has(t)) byInstant.set(t, r.value);
  }
  return [...byInstant].map(([t, value]) => ({ t, value })).sort((a, b) => a.t - b.t);
}

/**
 * Consumption of one register over [from, to) under the read API's `delta` convention (docs/architecture.md,
 * Measurements): each pair of consecutive readings (t₁, v₁) → (t₂, v₂) adds v₂ − v₁, or v₂ when v₂ < v₁ (the
 * register was reset to zero), to the bucket holding t₂ − 1 ms. A reading at exactly `from` thus closes
 * the previous window, and one at exactly `to` closes this one.
 */
export function expectedConsumption(readings: Iterable<RegisterReading>, query: ConsumptionQuery): number {
  return expectedConsumptionByBucket(readings, query, [query.from, query.to])[0] ?? 0;
}

/**
 * Consumption per bucket for consecutive bucket boundaries `[b₀, b₁, …, bₙ]` (n buckets), e.g. local
 * midnights from a calendar: what `frequency=1d` with `aggregation=delta` must answer.
 */
export function expectedConsumptionByBucket(
  readings: Iterable<RegisterReading>,
  query: Pick<ConsumptionQuery, 'deviceId' | 'variable'>,
  boundaries: (string | number | Date)[],
): number[] {
  const edges = boundaries.map(instant);
  for (let i = 1; i < edges.length; i++) {
    if ((edges[i] ?? 0) <= (edges[i - 1] ?? 0))
      throw new MedidoError('REQUEST_INVALID', 'bucket boundaries must increase');
  }
  const sums = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  const series = registerSeries(readings, query.deviceId, query.variable);
  let bucket = 0;
  for (let i = 1; i < series.length; i++) {
    const previous = series[i - 1]!;
    const current = series[i]!;
    const closes = current.t - 1;
    while (bucket < sums.length && closes >= (edges[bucket + 1] ?? Infinity)) bucket++;
    if (bucket >= sums.length) break;
    if (closes < (edges[bucket] ?? -Infinity)) continue;
    sums[bucket]! += current.value >= previous.value ? current.value - previous.value : current.value;
  }
  return sums;
}
