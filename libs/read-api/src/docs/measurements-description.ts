import type { ReadApiLimits } from '../limits.ts';

/** The measurements conventions, published as the endpoint's OpenAPI description (CommonMark). */
export function measurementsDescription(limits: ReadApiLimits): string {
  const w = limits.maxWindowDays;
  return `Readings of the meters of one installation or unit over the window \`[from, to)\`, grouped by meter (or combined per unit or installation).

**Window.** \`from\` inclusive, \`to\` exclusive, ISO 8601 with an offset (\`2026-04-04T00:00:00-03:00\` or \`…Z\`). The answer echoes them in UTC.

**Buckets.** \`15m\` and \`1h\` are fixed widths aligned to UTC (local quarter hours / hours wherever the offset is a whole number of them). \`1d\`, \`1w\` (ISO weeks, Monday first), \`1mo\` and \`1y\` are calendar buckets in \`timezone\`: a day starts at the first instant of its local date, so DST change days last 23 h or 25 h (in America/Santiago the September change skips 00:00–01:00, and that day starts at 01:00). Each point carries its bucket's \`start\` and \`end\` written in the zone's offset. A window that does not start or end on a boundary gets clipped first/last buckets whose \`start\`/\`end\` say exactly what they cover.

**Membership.** A reading at instant \`t\` belongs to the bucket \`[a, b)\` with \`a ≤ t < b\`, for every aggregation except \`delta\`.

**delta (consumption).** The increase between consecutive readings \`(t₁, v₁) → (t₂, v₂)\` of a register is \`v₂ − v₁\`, or \`v₂\` when \`v₂ < v₁\` (the register was reset to zero). It is attributed to the bucket containing \`t₂ − 1 ms\`: a reading closes the interval that ends at it, so the reading at exactly midnight closes the previous day. A bucket's consumption is the sum of the increases attributed to it, including the one from the last reading before the bucket. A late or out-of-order reading changes the increases around it as if it had arrived in order. A reading re-sent with the same (meter, variable, time) counts once.

**Other aggregations.** \`avg\` is the arithmetic mean of the bucket's readings; \`min\`, \`max\`, \`sum\`, \`count\`, \`first\`, \`last\` as named. Defaults: \`delta\` for cumulative registers, \`avg\` for instantaneous variables. \`delta\` on an instantaneous variable is refused.

**Several aggregations.** \`aggregation=min,max,avg,delta\` (each at most once) answers every one from the same buckets in one engine query: points carry \`values\` (\`{"min": …, "max": …}\`, in the order asked) instead of \`value\`, the series lists \`aggregations\`; \`count\` is then the number of readings (of increases only when delta is the only one). One aggregation answers \`value\` as always.

**Completeness and quality.** Every bucket says how many readings it holds per quality (\`measured\`, \`estimated\`, \`substituted\`, adding up to \`count\`; for delta, an increase has the quality of the reading that closes it) and, when the registers declare their \`readingIntervalSeconds\` in the catalog, how many were \`expected\` (instants of the interval in the bucket: 92 on a 23-hour day of a 15-minute register, 100 on a 25-hour day; a group adds its meters'), the \`coverage\` (count / expected, at most 1, truncated to 6 decimals) and whether it is \`complete\`; these three are null when an interval is unknown. \`minCoverage\` (0–1) treats buckets below it, or of unknown coverage, as empty (then \`fill\` applies).

**groupBy.** \`unit\` and \`installation\` combine, per variable, the meters of the group whose variable has the same name, unit and kind: delta, sum and count add up; min and max take the extreme; avg is the mean of all readings (meters weighted by their counts); first and last are the earliest and latest reading of any meter (computed from the readings, window ≤ ${limits.maxGroupedFirstLastWindowDays} days). Meters without a unit form the group \`unitId: null\`. Each combined series lists its \`deviceIds\`.

**fill.** \`none\` omits empty buckets; \`null\` answers them with \`value: null\`; \`previous\` repeats the latest earlier value of the window (null before the first). Filled points have \`count: 0\`.

**frequency=raw.** Points are the readings \`{ts, value, quality}\`; no aggregation, groupBy or fill.

**Freshness.** Each series states \`lastIngestedAt\`: when its newest reading was ingested.

**Pages.** At most \`limit\` points per page (default ${limits.measurementsPageDefault}, at most ${limits.measurementsPageMax}); the answer is walked series by series, points in time order, and \`nextCursor\` continues exactly where the page stopped (a series split across pages appears on both, each with its part of the points). Nothing is ever cut silently: \`nextCursor\` is null only on the last page. Cursors are bound to the query: reuse them with the same parameters.

**Limits per request.** Longest window by frequency: raw ${w.raw} days, 15m ${w['15m']} days, 1h ${w['1h']} days, 1d ${w['1d']} days, 1w/1mo/1y ${w['1mo']} days; at most ${limits.maxDeviceIds} deviceIds and ${limits.maxVariables} variables.

**Authorization.** The installation or unit, and every \`deviceIds\` entry, must belong to an organization the caller may read; anything else answers 404 exactly as if it did not exist. A meter the caller may read that is outside the installation or unit is 400 \`MEASUREMENTS_DEVICE_NOT_IN_SCOPE\`.

**CSV.** With \`Accept: text/csv\`: one row per point (\`installationId, unitId, deviceId, variable, unit, aggregation, start, end, value, count, expected, coverage, measured, estimated, substituted, complete\`, with several aggregations \`value_<aggregation>\` columns in place of \`value\`; raw: \`…, ts, value, quality\`), the same numbers as JSON; the next page is in the \`Link: <…>; rel="next"\` header.

**Arrow.** With \`Accept: application/vnd.apache.arrow.stream\`: the same page as an Arrow IPC stream in record batches, the CSV columns plus \`decimals\` (the variable's declared decimals). Ids, \`variable\`, \`unit\`, \`aggregation\` and \`quality\` are dictionary-encoded; \`start\`, \`end\` and \`ts\` are \`timestamp[ms, UTC]\` (the answer's zone is in the schema metadata \`medido:timezone\`); aggregated values are \`decimal128(38, s)\`, exactly the JSON numbers, \`s\` the most decimals any series of the query answers with; raw values are \`float64\`, the readings as stored. The next page is in \`Link\` (and in \`medido:nextCursor\`).

**Parquet.** With \`Accept: application/vnd.apache.parquet\`: the same page, columns, types and schema metadata as one Parquet file (zstd pages).`;
}
