/**
 * Renders docs/configuration.md from the configuration schema, so the reference lists exactly the
 * variables Medido reads, with their real defaults. Pure: the generator script writes the result and a
 * unit test compares it with the committed file.
 */

/** The parts of a TypeBox/JSON Schema property the reference shows. */
export interface VariableSchema {
  type?: string;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  /** A choice of literals (TypeBox `Union` of `Literal`s). */
  anyOf?: { const?: unknown }[];
}

export interface ObjectSchema {
  properties: Record<string, VariableSchema>;
}

/** Sections in reading order; a variable goes to the first whose test matches, else to "Process". */
const SECTIONS: { title: string; test: (name: string) => boolean }[] = [
  { title: 'Kafka', test: (n) => n.startsWith('MEDIDO_KAFKA_') },
  { title: 'ClickHouse', test: (n) => n.startsWith('MEDIDO_CLICKHOUSE_') },
  { title: 'MongoDB', test: (n) => n.startsWith('MEDIDO_MONGO_') },
  { title: 'Identity and tokens', test: (n) => /^MEDIDO_(OIDC|JWT|ACCESS_TOKEN|REFRESH)_/.test(n) },
  { title: 'Ingest, admin and limits', test: (n) => /^MEDIDO_(INGEST|ADMIN|RATE_LIMIT)_/.test(n) },
];
const DEFAULT_SECTION = 'Process';

/** A variable is sensitive when its description says so: the schema is the one place that decides. */
export function isSensitive(variable: VariableSchema): boolean {
  return /\bsensitive\b/i.test(variable.description ?? '');
}

function typeText(variable: VariableSchema): string {
  if (variable.anyOf) return variable.anyOf.map((choice) => String(choice.const)).join(' | ');
  const type = variable.type ?? 'string';
  const { minimum: min, maximum: max } = variable;
  if (min !== undefined && max !== undefined) return `${type} ${min}–${max}`;
  if (min !== undefined) return `${type} ≥ ${min}`;
  if (max !== undefined) return `${type} ≤ ${max}`;
  return type;
}

function defaultText(value: unknown): string {
  if (value === undefined || value === '') return '*(empty)*';
  return `\`${String(value)}\``;
}

/** Markdown table cells: a `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function sectionOf(name: string): string {
  return SECTIONS.find((s) => s.test(name))?.title ?? DEFAULT_SECTION;
}

export function renderConfigReference(schema: ObjectSchema, source: string): string {
  const bySection = new Map<string, string[]>();
  for (const title of [DEFAULT_SECTION, ...SECTIONS.map((s) => s.title)]) bySection.set(title, []);
  for (const [name, variable] of Object.entries(schema.properties)) {
    const mark = isSensitive(variable) ? '🔒 yes' : '';
    const row = `| \`${name}\` | ${cell(typeText(variable))} | ${cell(defaultText(variable.default))} | ${mark} | ${cell(variable.description ?? '')} |`;
    bySection.get(sectionOf(name))?.push(row);
  }
  const lines = [
    '# Configuration reference',
    '',
    `<!-- Generated from ${source} by scripts/docs/generate-config-reference.ts. Do not edit by hand:`,
    '     change the schema, then run `node scripts/docs/generate-config-reference.ts`. A unit test fails when they differ. -->',
    '',
    'Medido reads its configuration only from these environment variables, once, at start. Values are',
    'checked against the schema (numbers, ranges) and a bad value stops the process with a message naming',
    'the variable. An empty value counts as unset and takes the default.',
    '',
    'Sensitive variables (🔒) hold credentials or keys: keep them in a secret store (a Kubernetes Secret,',
    "the Helm chart's `secret`), never in images, ConfigMaps, Compose files or logs.",
    '',
  ];
  for (const [title, rows] of bySection) {
    if (rows.length === 0) continue;
    lines.push(
      `## ${title}`,
      '',
      '| Variable | Type | Default | Sensitive | Description |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    );
  }
  return lines.join('\n');
}
