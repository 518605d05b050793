import { beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@medido/contracts';
import { TOPIC_PARTITIONS } from '@medido/event-bus';
import { ConfigSchema } from '@medido/platform';
import { isSensitive, type ObjectSchema } from '../../scripts/docs/config-reference.ts';
import {
  CHART_DIR,
  deployTools,
  renderChart,
  TOOL_INSTALL_TIMEOUT_MS,
  type DeployTools,
  type K8sObject,
} from './deploy-tools.ts';

const declared = (ConfigSchema as unknown as ObjectSchema).properties;
const ROLES = ['api', 'ingestor', 'projector'] as const;
let tools: DeployTools;
let objects: K8sObject[];

const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

beforeAll(async () => {
  tools = await deployTools();
  const rendered = await renderChart(tools, ['-f', `${CHART_DIR}/ci/production-values.yaml`]);
  if (rendered.result.code !== 0) throw new Error(rendered.result.stderr);
  objects = rendered.objects;
}, TOOL_INSTALL_TIMEOUT_MS);

describe('Helm chart deploy/helm/medido (production values)', () => {
  it('renders a Deployment, Service and PodDisruptionBudget per role, and autoscalers for api and projector', () => {
    const names = (kind: string) =>
      objects
        .filter((o) => o.kind === kind)
        .map((o) => o.metadata.name)
        .sort();
    expect(names('Deployment')).toEqual(['medido-api', 'medido-ingestor', 'medido-projector']);
    expect(names('Service')).toEqual(['medido-api', 'medido-ingestor', 'medido-projector']);
    expect(names('PodDisruptionBudget')).toEqual(['medido-api', 'medido-ingestor', 'medido-projector']);
    expect(names('HorizontalPodAutoscaler')).toEqual(['medido-api', 'medido-projector']);
  });

  it('probes each role on its health routes, with resources and a locked-down security context', () => {
    for (const role of ROLES) {
      const pod = find('Deployment', `medido-${role}`)?.spec.template.spec;
      const container = pod.containers[0];
      expect(container.image).toBe(`registry.example.org/medido/medido-${role}:0.1.0`);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(Object.keys(container.resources).sort()).toEqual(['limits', 'requests']);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(pod.automountServiceAccountToken).toBe(false);
    }
  });

  it('puts only declared, non-sensitive variables in the ConfigMap and takes each secret from the Secret', () => {
    const config = find('ConfigMap', 'medido-config')?.data ?? {};
    for (const key of Object.keys(config)) {
      expect(declared, key).toHaveProperty(key);
      expect(isSensitive(declared[key]!), key).toBe(false);
    }
    for (const role of ROLES) {
      const env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] =
        find('Deployment', `medido-${role}`)?.spec.template.spec.containers[0].env ?? [];
      for (const entry of env) {
        expect(declared, entry.name).toHaveProperty(entry.name);
        expect(isSensitive(declared[entry.name]!), entry.name).toBe(true);
        expect(entry.valueFrom?.secretKeyRef).toEqual({ name: 'medido-credentials', key: entry.name });
      }
    }
    const secretsOf = (role: string) =>
      (find('Deployment', `medido-${role}`)?.spec.template.spec.containers[0].env as { name: string }[])
        .map((e) => e.name)
        .sort();
    expect(secretsOf('api')).toEqual([
      'MEDIDO_CLICKHOUSE_URL',
      'MEDIDO_JWT_KEYS',
      'MEDIDO_MONGO_URL',
      'MEDIDO_OIDC_CLIENT_SECRET',
    ]);
    expect(secretsOf('ingestor')).toEqual(['MEDIDO_ADMIN_TOKENS', 'MEDIDO_INGEST_TOKENS']);
    expect(secretsOf('projector')).toEqual(['MEDIDO_CLICKHOUSE_URL', 'MEDIDO_MONGO_URL']);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('caps the projector at one replica per measurements partition and scales it on consumer lag', () => {
    const hpa = find('HorizontalPodAutoscaler', 'medido-projector')?.spec;
    expect(hpa.maxReplicas).toBe(TOPIC_PARTITIONS[TOPICS.measurements]);
    expect(hpa.metrics).toEqual([
      {
        type: 'Pods',
        pods: {
          metric: { name: 'medido_consumer_lag_records' },
          target: { type: 'AverageValue', averageValue: '5000' },
        },
      },
    ]);
  });

  it('creates the topics with the partition counts the event bus declares', () => {
    const job = find('Job', 'medido-topics');
    expect(job?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const script: string = job?.spec.template.spec.containers[0].args[0];
    const created = Object.fromEntries(
      [...script.matchAll(/--topic "\$\{PREFIX\}(\S+)" --partitions (\d+)/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(created).toEqual(TOPIC_PARTITIONS);
  });

  it('exposes only the public paths through the ingress', () => {
    const rules = find('Ingress', 'medido')?.spec.rules.map(
      (r: { host: string; http: { paths: { path: string }[] } }) => [r.host, r.http.paths.map((p) => p.path)],
    );
    expect(rules).toEqual([
      ['api.medido.example.org', ['/v1', '/auth', '/.well-known', '/docs', '/openapi.json']],
      ['ingest.medido.example.org', ['/v1', '/ingestor']],
    ]);
  });
});

describe('Helm chart refuses a release that could not work', () => {
  it('requires the settings the roles cannot start without', async () => {
    const { result } = await renderChart(tools, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('config.MEDIDO_PUBLIC_URL is required');
  });

  it('refuses more projector replicas than measurements partitions', async () => {
    const { result } = await renderChart(tools, [
      '-f',
      `${CHART_DIR}/ci/production-values.yaml`,
      '--set',
      'projector.autoscaling.maxReplicas=9',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('projector.autoscaling.maxReplicas (9) exceeds topics.measurements.partitions (8)');
  });

  it('refuses a sensitive variable in the ConfigMap', async () => {
    const { result } = await renderChart(tools, [
      '-f',
      `${CHART_DIR}/ci/production-values.yaml`,
      '--set',
      'config.MEDIDO_JWT_KEYS=[]',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('config.MEDIDO_JWT_KEYS is sensitive');
  });
});
