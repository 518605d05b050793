/**
 * Unix seconds with three decimals ("1735689600.123"), read exactly by DateTime64(3): a fifth of the cost
 * of an ISO 8601 string, which was the largest part of building an insert. `ms` is a non-negative integer
 * below 10^13 (before 2286-11-20; the storable range ends in 2106).
 * Always ten integer digits ("0000086400.000"): the client's date_time_input_format=best_effort reads
 * only 9- or 10-digit numbers as unix time, and a shorter one as a date ("86400.000" failed with Code 41,
 * "0.000" too; issue 12), so every instant before 1973-03-03T09:46:40Z was refused for ever.
 */
export const unixSeconds = (ms: number) =>
  `${String(Math.floor(ms / 1000)).padStart(10, '0')}.${String(ms % 1000).padStart(3, '0')}`;
/** TabSeparated string escaping (https://clickhouse.com/docs/interfaces/formats/TabSeparated). */
export const tsv = (s: string) => s.replace(/[\\\t\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\n'));
