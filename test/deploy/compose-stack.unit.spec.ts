import { beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@medido/contracts';
import { TOPIC_PARTITIONS } from '@medido/event-bus';
import { ConfigSchema } from '@medido/platform';
import { isSensitive, type ObjectSchema } from '../../scripts/docs/config-reference.ts';
import { COMPOSE_REQUIRED_ENV, deployTools, run, TOOL_INSTALL_TIMEOUT_MS } from './deploy-tools.ts';

interface ComposeService {
  image?: string;
  build?: { target?: string };
  command?: string[] | null;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[]; disable?: boolean };
  profiles?: string[];
  ports?: { target: number; published: string; host_ip: string }[];
}

const declared = (ConfigSchema as unknown as ObjectSchema).properties;
const ROLES = ['api', 'ingestor', 'projector'] as const;
let services: Record<string, ComposeService>;

/** docker-compose.yml as Compose v2 resolves it (anchors merged, variables interpolated), simulator profile on. */
beforeAll(async () => {
  const tools = await deployTools();
  const result = await run(tools.composeLint, ['-json', '-profile', 'simulator', 'docker-compose.yml'], {
    env: COMPOSE_REQUIRED_ENV,
  });
  if (result.code !== 0) throw new Error(result.stderr);
  services = (JSON.parse(result.stdout) as { services: Record<string, ComposeService> }).services;
}, TOOL_INSTALL_TIMEOUT_MS);

describe('docker-compose.yml', () => {
  it('runs the three roles from their Dockerfile targets, the api twice behind the proxy', () => {
    for (const role of ROLES) expect(services[role]?.build?.target).toBe(role);
    expect(services.api?.deploy?.replicas).toBe(2);
    expect(services.proxy?.depends_on).toEqual({ api: expect.objectContaining({ condition: 'service_healthy' }) });
    expect(services.api?.ports ?? []).toEqual([]);
  });

  it('pins every image to a version', () => {
    const images = Object.fromEntries(
      Object.entries(services)
        .filter(([, s]) => !s.build)
        .map(([name, s]) => [name, s.image]),
    );
    expect(images).toEqual({
      kafka: 'apache/kafka:4.2.1',
      'kafka-topics': 'apache/kafka:4.2.1',
      mongo: 'mongo:8.0.20',
      clickhouse: 'clickhouse/clickhouse-server:26.8.2.7',
      proxy: 'nginx:1.30.4-alpine',
    });
  });

  it('creates every topic with the partition counts the event bus declares', () => {
    const script = services['kafka-topics']?.command?.join('\n') ?? '';
    const created = Object.fromEntries([...script.matchAll(/^topic (\S+) (\d+) /gm)].map((m) => [m[1], Number(m[2])]));
    expect(created).toEqual(TOPIC_PARTITIONS);
    expect(Object.keys(created).sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('starts each role only after the topics exist and the stores are healthy, and gates dependants on readiness', () => {
    const topics = { 'kafka-topics': expect.objectContaining({ condition: 'service_completed_successfully' }) };
    const stores = {
      mongo: expect.objectContaining({ condition: 'service_healthy' }),
      clickhouse: expect.objectContaining({ condition: 'service_healthy' }),
    };
    expect(services.api?.depends_on).toEqual({ ...topics, ...stores });
    expect(services.projector?.depends_on).toEqual({ ...topics, ...stores });
    expect(services.ingestor?.depends_on).toEqual(topics);
    for (const role of ROLES)
      expect(services[role]?.healthcheck?.test).toEqual(['CMD', 'node', 'healthcheck.mjs', '/health/ready']);
    for (const name of ['kafka', 'mongo', 'clickhouse', 'proxy'])
      expect(services[name]?.healthcheck?.test?.length).toBeGreaterThan(1);
  });

  it("sets only declared configuration variables, and secrets only from the operator's environment", () => {
    for (const name of [...ROLES, 'simulator']) {
      for (const key of Object.keys(services[name]?.environment ?? {}))
        expect(declared, `${name}: ${key}`).toHaveProperty(key);
    }
    const api = services.api?.environment ?? {};
    expect(api.MEDIDO_OIDC_ISSUER).toBe(COMPOSE_REQUIRED_ENV.MEDIDO_OIDC_ISSUER);
    expect(api.MEDIDO_JWT_KEYS).toBe(COMPOSE_REQUIRED_ENV.MEDIDO_JWT_KEYS);
    expect(api.MEDIDO_OIDC_CLIENT_SECRET).toBe(COMPOSE_REQUIRED_ENV.MEDIDO_OIDC_CLIENT_SECRET);
    expect(services.ingestor?.environment?.MEDIDO_INGEST_TOKENS).toBe(COMPOSE_REQUIRED_ENV.MEDIDO_INGEST_TOKENS);
    // Least privilege: a role receives only the secrets it uses.
    const sensitiveOf = (name: string) =>
      Object.keys(services[name]?.environment ?? {})
        .filter((k) => isSensitive(declared[k]!))
        .sort();
    expect(sensitiveOf('api')).toEqual([
      'MEDIDO_CLICKHOUSE_URL',
      'MEDIDO_JWT_KEYS',
      'MEDIDO_MONGO_URL',
      'MEDIDO_OIDC_CLIENT_SECRET',
    ]);
    expect(sensitiveOf('ingestor')).toEqual(['MEDIDO_ADMIN_TOKENS', 'MEDIDO_INGEST_TOKENS']);
    expect(sensitiveOf('projector')).toEqual(['MEDIDO_CLICKHOUSE_URL', 'MEDIDO_MONGO_URL']);
    expect(sensitiveOf('simulator')).toEqual(['MEDIDO_INGEST_TOKEN']);
  });

  it('runs the simulator only in its profile, against the ingestor', () => {
    expect(services.simulator?.profiles).toEqual(['simulator']);
    expect(services.simulator?.command).toEqual([
      'node',
      'apps/medido/src/main.ts',
      'simulate',
      '--url',
      'http://ingestor:3000',
    ]);
    expect(services.simulator?.depends_on).toEqual({
      ingestor: expect.objectContaining({ condition: 'service_healthy' }),
    });
  });

  it('publishes only the proxy and the ingestor, on loopback by default', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name} ${p.host_ip}:${p.published}->${p.target}`),
    );
    expect(published.sort()).toEqual(['ingestor 127.0.0.1:3001->3000', 'proxy 127.0.0.1:8080->8080']);
  });
});
