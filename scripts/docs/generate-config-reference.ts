// Writes docs/configuration.md from the configuration schema (libs/platform/src/config.schema.ts).
// Usage: node scripts/docs/generate-config-reference.ts [--check]
//   --check  write nothing; exit 1 when the committed file differs from a fresh generation (CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigSchema } from '@medido/platform';
import { renderConfigReference, type ObjectSchema } from './config-reference.ts';

export const CONFIG_REFERENCE_PATH = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url));
export const CONFIG_SCHEMA_SOURCE = 'libs/platform/src/config.schema.ts';

export function generateConfigReference(): string {
  return renderConfigReference(ConfigSchema as unknown as ObjectSchema, CONFIG_SCHEMA_SOURCE);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = generateConfigReference();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(CONFIG_REFERENCE_PATH, 'utf8');
    } catch {
      /* missing counts as different */
    }
    if (committed !== fresh) {
      console.error('docs/configuration.md is out of date: run `node scripts/docs/generate-config-reference.ts`');
      process.exit(1);
    }
  } else {
    writeFileSync(CONFIG_REFERENCE_PATH, fresh);
    console.log(`wrote ${CONFIG_REFERENCE_PATH}`);
  }
}
