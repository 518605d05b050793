import { readFileSync } from 'node:fs';

/** The repository's version (package.json at its root), as `medido --version` prints it. */
export function medidoVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}
