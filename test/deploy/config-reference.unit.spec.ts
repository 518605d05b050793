import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '@medido/platform';
import { isSensitive, renderConfigReference, type ObjectSchema } from '../../scripts/docs/config-reference.ts';
import { CONFIG_REFERENCE_PATH, generateConfigReference } from '../../scripts/docs/generate-config-reference.ts';

const properties = (ConfigSchema as unknown as ObjectSchema).properties;

function tableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split('\n')) {
    const match = /^\| `([A-Z0-9_]+)` \|(.*)\|$/.exec(line);
    if (match)
      rows.set(
        match[1]!,
        match[2]!.split(/(?<!\\)\|/).map((c) => c.trim()),
      );
  }
  return rows;
}

describe('configuration reference (docs/configuration.md)', () => {
  it('is exactly what the generator makes from the config schema (regenerate: node scripts/docs/generate-config-reference.ts)', () => {
    expect(readFileSync(CONFIG_REFERENCE_PATH, 'utf8')).toBe(generateConfigReference());
  });

  it('lists every variable of the schema once, with its default', () => {
    const rows = tableRows(readFileSync(CONFIG_REFERENCE_PATH, 'utf8'));
    expect([...rows.keys()].sort()).toEqual(Object.keys(properties).sort());
    expect(rows.get('PORT')?.slice(0, 3)).toEqual(['integer 0–65535', '`3000`', '']);
    expect(rows.get('MEDIDO_ACCESS_TOKEN_TTL_S')?.slice(0, 2)).toEqual(['integer 60–900', '`900`']);
    expect(rows.get('MEDIDO_KAFKA_BROKERS')?.[1]).toBe('*(empty)*');
  });

  it('marks the credentials and keys as sensitive, and nothing else', () => {
    const rows = tableRows(readFileSync(CONFIG_REFERENCE_PATH, 'utf8'));
    const marked = [...rows]
      .filter(([, cells]) => cells[2] === '🔒 yes')
      .map(([name]) => name)
      .sort();
    expect(marked).toEqual(
      expect.arrayContaining([
        'MEDIDO_ADMIN_TOKENS',
        'MEDIDO_CLICKHOUSE_URL',
        'MEDIDO_INGEST_TOKENS',
        'MEDIDO_JWT_KEYS',
        'MEDIDO_MONGO_URL',
        'MEDIDO_OIDC_CLIENT_SECRET',
      ]),
    );
    expect(marked).toEqual(
      Object.keys(properties)
        .filter((name) => isSensitive(properties[name]!))
        .sort(),
    );
    expect(marked).not.toContain('MEDIDO_OIDC_ISSUER');
  });
});

describe('renderConfigReference', () => {
  it('groups variables into sections and escapes table syntax', () => {
    const schema: ObjectSchema = {
      properties: {
        MEDIDO_KAFKA_BROKERS: { type: 'string', default: '', description: 'Brokers.' },
        NODE_ENV: { type: 'string', default: 'development', description: 'a | b' },
        MEDIDO_JWT_KEYS: { type: 'string', default: '', description: 'Keys (sensitive).' },
        MEDIDO_RATE_LIMIT_PER_MINUTE: { type: 'integer', default: 600, minimum: 1, description: 'Per\nminute.' },
      },
    };
    const markdown = renderConfigReference(schema, 'x.ts');
    const body = markdown.slice(markdown.indexOf('## '));
    expect(body).toBe(
      [
        '## Process',
        '',
        '| Variable | Type | Default | Sensitive | Description |',
        '|---|---|---|---|---|',
        '| `NODE_ENV` | string | `development` |  | a \\| b |',
        '',
        '## Kafka',
        '',
        '| Variable | Type | Default | Sensitive | Description |',
        '|---|---|---|---|---|',
        '| `MEDIDO_KAFKA_BROKERS` | string | *(empty)* |  | Brokers. |',
        '',
        '## Identity and tokens',
        '',
        '| Variable | Type | Default | Sensitive | Description |',
        '|---|---|---|---|---|',
        '| `MEDIDO_JWT_KEYS` | string | *(empty)* | 🔒 yes | Keys (sensitive). |',
        '',
        '## Ingest, admin and limits',
        '',
        '| Variable | Type | Default | Sensitive | Description |',
        '|---|---|---|---|---|',
        '| `MEDIDO_RATE_LIMIT_PER_MINUTE` | integer ≥ 1 | `600` |  | Per minute. |',
        '',
      ].join('\n'),
    );
  });
});
