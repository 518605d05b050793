import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHECK_SCRIPT = join(ROOT, 'scripts/check-deploy.sh');
/** The first run builds helm from the Go module proxy (4 to 10 minutes on 2 busy cores); later runs take seconds. */
export const TOOL_INSTALL_TIMEOUT_MS = 20 * 60_000;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killing it after timeoutMs), never throwing on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n[test] ${command} ${args.join(' ')} killed after ${options.timeoutMs} ms`;
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface DeployTools {
  dockerCompose: string;
  composeLint: string;
  helm: string;
  kubernetesValidate: string;
  python: string;
}

/** Installs (once, cached) and locates the tools scripts/check-deploy.sh uses; fails with the script's own words. */
export async function deployTools(): Promise<DeployTools> {
  const result = await run('bash', [CHECK_SCRIPT, 'tools'], { timeoutMs: TOOL_INSTALL_TIMEOUT_MS });
  if (result.code !== 0)
    throw new Error(`scripts/check-deploy.sh tools failed (exit ${result.code}):\n${result.stderr}`);
  const paths = Object.fromEntries(
    result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  const kubernetesValidate = paths['kubernetes-validate']!;
  return {
    dockerCompose: paths['docker-compose']!,
    composeLint: paths['compose-lint']!,
    helm: paths.helm!,
    kubernetesValidate,
    python: join(dirname(kubernetesValidate), 'python'),
  };
}

/** Placeholder values for the variables docker-compose.yml requires. */
export const COMPOSE_REQUIRED_ENV = {
  MEDIDO_OIDC_ISSUER: 'https://idp.example.org/realms/medido',
  MEDIDO_OIDC_CLIENT_SECRET: 'oidc-client-secret',
  MEDIDO_JWT_KEYS: '[]',
  MEDIDO_INGEST_TOKENS: 'ingest-1',
  MEDIDO_ADMIN_TOKENS: 'admin-1',
};

export const CHART_DIR = join(ROOT, 'deploy/helm/medido');

/** Renders the chart and returns its objects (YAML → JSON through the PyYAML that kubernetes-validate ships). */
export async function renderChart(
  tools: DeployTools,
  args: string[],
): Promise<{ objects: K8sObject[]; result: RunResult }> {
  const result = await run(tools.helm, ['template', 'medido', CHART_DIR, '--kube-version', '1.30.0', ...args]);
  if (result.code !== 0) return { objects: [], result };
  const json = await run(
    tools.python,
    ['-c', 'import sys, json, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)'],
    { input: result.stdout },
  );
  if (json.code !== 0) throw new Error(`YAML → JSON failed: ${json.stderr}`);
  return { objects: JSON.parse(json.stdout) as K8sObject[], result };
}

export type K8sObject = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests are checked field by field
  spec?: any;
  data?: Record<string, string>;
};
