import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_DIR, generateClients } from '../../scripts/openapi/generate-client.ts';

describe('the generated TypeScript client (libs/client/src/generated)', () => {
  it('is exactly what the generator makes from both OpenAPI documents (regenerate: node scripts/openapi/generate-client.ts)', async () => {
    const generated = await generateClients();
    expect(Object.keys(generated).sort()).toEqual(['api.ts', 'ingestor.ts']);
    for (const [file, source] of Object.entries(generated))
      expect(readFileSync(join(CLIENT_DIR, file), 'utf8'), file).toBe(source);
  });
});
