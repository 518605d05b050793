import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './deploy-tools.ts';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const SERVER_ROLES = ['api', 'ingestor', 'projector'] as const;

/** The instructions of one build stage, from its FROM line to the next. */
function stage(name: string): string {
  const match = new RegExp(`^FROM \\S+ AS ${name}$([\\s\\S]*?)(?=^FROM |(?![\\s\\S]))`, 'm').exec(dockerfile);
  if (!match) throw new Error(`Dockerfile has no stage ${name}`);
  return match[1]!;
}

describe('Dockerfile', () => {
  it('builds from the Node release the repository pins, on a slim Debian image', () => {
    const nodeVersion = readFileSync(join(ROOT, '.node-version'), 'utf8').trim();
    expect(dockerfile).toMatch(
      new RegExp(`^ARG NODE_IMAGE=node:${nodeVersion.replace(/\./g, '\\.')}-[a-z]+-slim$`, 'm'),
    );
  });

  it('has one target per role, each starting an entry point that exists', () => {
    for (const role of SERVER_ROLES) {
      expect(stage(role)).toContain(`CMD ["node", "apps/${role}/src/main.ts"]`);
      expect(existsSync(join(ROOT, `apps/${role}/src/main.ts`)), `apps/${role}/src/main.ts`).toBe(true);
    }
    expect(stage('medido')).toContain('CMD ["node", "apps/medido/src/main.ts", "start"]');
  });

  it('runs as a numeric non-root user with a health check, and installs production dependencies only', () => {
    for (const name of ['server', 'medido']) {
      expect(stage(name)).toMatch(/^USER 1000:1000$/m);
      expect(stage(name)).toMatch(/^HEALTHCHECK .* CMD \["node", "healthcheck\.mjs"\]$/m);
    }
    expect(stage('base')).toContain('NODE_ENV=production');
    expect(stage('base')).toContain('HOST=0.0.0.0');
    expect(stage('deps-server')).toContain('npm ci --omit=dev --omit=optional');
    expect(stage('deps-embedded')).toContain('npm ci --omit=dev ');
  });
});

describe('container health check (deploy/docker/healthcheck.mjs)', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/health/live' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const healthcheck = (args: string[], env: Record<string, string>) =>
    run(process.execPath, [join(ROOT, 'deploy/docker/healthcheck.mjs'), ...args], { env, timeoutMs: 10_000 });

  it('exits 0 when /health/live answers 2xx on PORT', async () => {
    expect((await healthcheck([], { PORT: String(port) })).code).toBe(0);
  });

  it('exits 1 and says why when the path answers 503', async () => {
    const result = await healthcheck(['/health/ready'], { PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`health check http://127.0.0.1:${port}/health/ready: HTTP 503`);
  });

  it('exits 1 when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await healthcheck([], { PORT: String(free) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`health check http://127.0.0.1:${free}/health/live:`);
  });
});

/**
 * The server images omit chDB's native library (npm ci --omit=optional: over 500 MB only the embedded
 * default uses). Simulates that: resolving @chdb/lib-* fails, as in the image, and every workspace
 * library a server role depends on must still load — chDB may be loaded only when it is used.
 */
describe('server roles without the chDB native library', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medido-image-'));
  const hook = join(dir, 'no-chdb-native.mjs');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    hook,
    `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  if (specifier.startsWith('@chdb/lib-')) throw Object.assign(new Error("Cannot find module '" + specifier + "'"), { code: 'MODULE_NOT_FOUND' });
  return next(specifier, context);
} });
`,
  );
  const importEach = (specifiers: string[]) =>
    run(
      process.execPath,
      [
        '--import',
        pathToFileURL(hook).href,
        '--input-type=module',
        '-e',
        `
const failed = {};
for (const s of ${JSON.stringify(specifiers)}) { try { await import(s); } catch (e) { failed[s] = String(e.message).split('\\n')[0]; } }
console.log(JSON.stringify(failed));`,
      ],
      { timeoutMs: 60_000 },
    );

  it('the simulation does hide the native library', async () => {
    const result = await importEach(['chdb']);
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['chdb']);
  });

  it('every library the api, ingestor and projector depend on loads', async () => {
    const libs = new Set<string>();
    for (const role of SERVER_ROLES) {
      const manifest = JSON.parse(readFileSync(join(ROOT, `apps/${role}/package.json`), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const name of Object.keys(manifest.dependencies ?? {})) if (name.startsWith('@medido/')) libs.add(name);
    }
    const result = await importEach([...libs].sort());
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({});
  });
});
