import type { RawPoint } from '@medido/measurements';
import { pointRenderer, type Answer } from './answer.ts';
import type { EmittedBucket } from './fill.ts';

/**
 * The answer as CSV (RFC 4180, header row): one row per point, written from the same page as the JSON
 * answer, so both carry the same numbers. Grouped answers leave the columns they do not group by empty
 * (deviceId for groupBy=unit; unitId and deviceId for groupBy=installation). The next page is announced
 * in the Link header (RFC 8288), since a CSV body has nowhere to say it.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */
export const BUCKET_COLUMNS = ['installationId', 'unitId', 'deviceId', 'variable', 'unit', 'aggregation', 'start', 'end', 'value', 'count'];
export const RAW_COLUMNS = ['installationId', 'unitId', 'deviceId', 'variable', 'unit', 'ts', 'value', 'quality'];

const ROWS_PER_CHUNK = 2_000;

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Yields the CSV text in chunks, so a large page streams instead of being built as one string. */
export function* answerCsv(answer: Answer): Generator<string> {
  const raw = answer.grid === null;
  const render = pointRenderer(answer);
  const installationId = answer.scope.installation.installationId;
  let chunk = `${(raw ? RAW_COLUMNS : BUCKET_COLUMNS).join(',')}\r\n`;
  let rows = 0;
  for (const segment of answer.page.segments) {
    const s = answer.plan[segment.series]!;
    const unitId = 'unitId' in s.group ? s.group.unitId : null;
    const deviceId = 'deviceId' in s.group ? s.group.deviceId : null;
    const head = `${field(installationId)},${field(unitId)},${field(deviceId)},${field(s.name)},${field(s.unit)},`;
    for (const p of segment.data.points as (EmittedBucket | RawPoint)[]) {
      const r = render(p);
      chunk += raw
        ? `${head}${field(r.ts)},${field(r.value)},${field(r.quality)}\r\n`
        : `${head}${field(s.aggregation)},${field(r.start)},${field(r.end)},${field(r.value)},${field(r.count)}\r\n`;
      if (++rows % ROWS_PER_CHUNK === 0) { yield chunk; chunk = ''; }
    }
  }
  if (chunk) yield chunk;
}
