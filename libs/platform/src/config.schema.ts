import Type from 'typebox';

/**
 * Every environment variable Medido reads, with its default and meaning. The configuration reference
 * in docs/ is generated from this schema, so a variable exists only if it is declared here.
 * Values arrive as strings; `loadConfig` converts numbers and booleans.
 */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.String({ default: 'development', description: 'production | development | test.' }),
  PORT: Type.Integer({
    default: 3000,
    minimum: 0,
    maximum: 65535,
    description: 'HTTP port of the process (embedded default: all roles on this port).',
  }),
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on; 0.0.0.0 in containers.' }),
  MEDIDO_HTTP_HEADERS_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 1000,
    description: 'How long a client may take to send the request line and headers; then 408 and the connection closes.',
  }),
  MEDIDO_HTTP_REQUEST_TIMEOUT_MS: Type.Integer({
    default: 60_000,
    minimum: 1000,
    description:
      'How long a client may take to send a whole request, body included (a 16 MiB ingest body at ≥ 2.2 Mbit/s); then 408 and the connection closes.',
  }),
  MEDIDO_METRICS_PORT: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 65535,
    description:
      'When set, /metrics is served only on this port of its own (on MEDIDO_METRICS_HOST, no credential: keep it off the public network) and not on PORT. 0: on PORT, behind MEDIDO_METRICS_TOKEN.',
  }),
  MEDIDO_METRICS_HOST: Type.String({
    default: '127.0.0.1',
    description: 'Interface of the MEDIDO_METRICS_PORT listener; 0.0.0.0 in containers scraped by Prometheus.',
  }),
  MEDIDO_METRICS_TOKEN: Type.String({
    default: '',
    description:
      'Credential (sensitive) for /metrics on PORT: `Authorization: Bearer <token>`. Empty and no MEDIDO_METRICS_PORT: /metrics is not served (embedded default: the admin credential).',
  }),
  LOG_LEVEL: Type.String({
    default: 'info',
    description: 'pino level: fatal, error, warn, info, debug, trace, silent.',
  }),
  LOG_FORMAT: Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('human')], {
    default: 'auto',
    description:
      'Log lines: json (one JSON object a line, for log shippers), human (concise lines for a terminal), auto (human when stdout is a terminal, else json).',
  }),
  MEDIDO_PUBLIC_URL: Type.String({
    default: '',
    description:
      'Public base URL of the api (issuer of access tokens, OAuth redirect base). Default http://localhost:PORT.',
  }),
  MEDIDO_DATA_DIR: Type.String({
    default: '.medido',
    description: 'Embedded default: the one directory holding chDB data, the catalog database, keys and credentials.',
  }),
  MEDIDO_DEMO: Type.Boolean({
    default: true,
    description: 'Embedded default: run the meter simulator (backfill + live readings) when the data directory is new.',
  }),

  MEDIDO_KAFKA_BROKERS: Type.String({
    default: '',
    description: 'Comma-separated Kafka bootstrap brokers. Empty: the embedded in-process bus.',
  }),
  MEDIDO_KAFKA_CLIENT_ID: Type.String({ default: 'medido', description: 'Kafka client id prefix.' }),
  MEDIDO_KAFKA_TOPIC_PREFIX: Type.String({
    default: '',
    description: 'Prefix for every topic name and consumer group id (isolates tests or tenants sharing a cluster).',
  }),
  MEDIDO_KAFKA_ACK_TIMEOUT_MS: Type.Integer({
    default: 10000,
    minimum: 100,
    description: 'How long the ingestor waits for the broker to acknowledge before answering 503.',
  }),
  MEDIDO_KAFKA_SESSION_TIMEOUT_MS: Type.Integer({
    default: 30000,
    minimum: 6000,
    maximum: 1_800_000,
    description:
      "How long a silent consumer-group member keeps its partitions: a crashed projector's partitions move to another member (or its restart) after this. Within the broker's group.min/max.session.timeout.ms.",
  }),
  MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS: Type.Integer({
    default: 5,
    minimum: 1,
    description:
      'Failed attempts of the same batch after which the projector reports its partition stuck: /health/ready answers 503 naming it, the medido_projector_stuck_partition_attempts metric and an error log line name topic, partition, offset and attempts (docs/operations.md).',
  }),

  MEDIDO_CLICKHOUSE_URL: Type.String({
    default: '',
    description:
      'ClickHouse server URL (http://user:pass@host:8123; sensitive: carries the password). Empty: embedded chDB under MEDIDO_DATA_DIR.',
  }),
  MEDIDO_CLICKHOUSE_DATABASE: Type.String({
    default: 'medido',
    description: 'ClickHouse database for measurements and rollups.',
  }),
  MEDIDO_CLICKHOUSE_CLUSTER: Type.String({
    default: '',
    description:
      'ClickHouse cluster name: when set, migrations emit Replicated tables plus Distributed tables ON CLUSTER.',
  }),
  MEDIDO_ROLLUP_TIMEZONE: Type.String({
    default: 'America/Santiago',
    description:
      'IANA zone of the daily measurements rollup (queries in other zones compose hours). Fixed once the database has data.',
  }),

  MEDIDO_MONGO_URL: Type.String({
    default: '',
    description:
      'MongoDB URL for the catalog, consumers and refresh tokens (sensitive: may carry a password). Empty: embedded node:sqlite under MEDIDO_DATA_DIR.',
  }),
  MEDIDO_MONGO_DATABASE: Type.String({ default: 'medido', description: 'MongoDB database name.' }),

  MEDIDO_OIDC_ISSUER: Type.String({
    default: '',
    description: 'OpenID Connect issuer URL of the identity provider. Empty: the embedded provider at /oidc.',
  }),
  MEDIDO_OIDC_CLIENT_ID: Type.String({
    default: 'medido',
    description: 'OAuth client id registered at the identity provider.',
  }),
  MEDIDO_OIDC_CLIENT_SECRET: Type.String({ default: '', description: 'OAuth client secret (sensitive).' }),
  MEDIDO_JWT_KEYS: Type.String({
    default: '',
    description:
      'Signing keys (sensitive): JSON array of private JWKs (newest first). Empty: generated and kept in MEDIDO_DATA_DIR.',
  }),
  MEDIDO_ACCESS_TOKEN_TTL_S: Type.Integer({
    default: 900,
    minimum: 60,
    maximum: 900,
    description: 'Access token lifetime in seconds (at most 15 minutes).',
  }),
  MEDIDO_REFRESH_IDLE_TTL_S: Type.Integer({
    default: 1_209_600,
    minimum: 60,
    description: 'Refresh token idle lifetime (default 14 days).',
  }),
  MEDIDO_REFRESH_ABSOLUTE_TTL_S: Type.Integer({
    default: 0,
    minimum: 0,
    description:
      "Absolute lifetime of a login's refresh tokens (seconds after the browser sign-in), whatever their use. 0: none, an integration used within the idle lifetime never has to sign in again; set it (e.g. 7776000, 90 days) to force a periodic new sign-in, at the price of sending every integration's person back to a browser (docs/api-tokens.md).",
  }),
  MEDIDO_TOKEN_RATE_LIMIT_PER_MINUTE: Type.Integer({
    default: 60,
    minimum: 1,
    description:
      'Requests per client address per minute to /auth/token and /auth/revoke together; then 429 `slow_down` with Retry-After. Behind a proxy, the address comes from X-Forwarded-For only when the server trusts the proxy.',
  }),
  MEDIDO_SIGNIN_FAILURES_PER_ADDRESS: Type.Integer({
    default: 20,
    minimum: 1,
    description:
      'Embedded provider: failed sign-ins per client address per MEDIDO_SIGNIN_FAILURE_WINDOW_S; then 429 with Retry-After.',
  }),
  MEDIDO_SIGNIN_FAILURES_PER_ACCOUNT: Type.Integer({
    default: 10,
    minimum: 1,
    description:
      'Embedded provider: failed sign-ins per account (e-mail) per MEDIDO_SIGNIN_FAILURE_WINDOW_S, from any address; then 429 with Retry-After.',
  }),
  MEDIDO_SIGNIN_FAILURE_WINDOW_S: Type.Integer({
    default: 900,
    minimum: 1,
    description: 'Embedded provider: the window in which failed sign-ins are counted (default 15 minutes).',
  }),

  MEDIDO_INGEST_TOKENS: Type.String({
    default: '',
    description: 'Comma-separated ingest credentials (sensitive) for meter pipelines. Embedded default: generated.',
  }),
  MEDIDO_INGEST_TOKEN: Type.String({
    default: '',
    description: 'The `simulate` command: the ingest credential it sends (sensitive); --token overrides it.',
  }),
  MEDIDO_ADMIN_TOKENS: Type.String({
    default: '',
    description: 'Comma-separated admin credentials (sensitive). Embedded default: generated.',
  }),
  MEDIDO_INGEST_MAX_BODY_BYTES: Type.Integer({
    default: 16 * 1024 * 1024,
    minimum: 1024,
    description: 'Largest ingest request body.',
  }),
  MEDIDO_WEBHOOK_SIGNING_KEY: Type.String({
    default: '',
    description:
      "Webhook signing key (sensitive, at least 32 characters): every subscription's secret is derived from it and the subscription id, so the api replicas and the notifier must share it, and changing it changes every secret. Empty: generated and kept in MEDIDO_DATA_DIR.",
  }),
  MEDIDO_WEBHOOK_ALLOW_LIST: Type.String({
    default: '',
    description:
      'Comma-separated host names, IP addresses and CIDR ranges webhooks may reach although they are not public (loopback, private, link-local, CGNAT), and over plain http. Empty: only public addresses, over https.',
  }),
  MEDIDO_WEBHOOK_MAX_ATTEMPTS: Type.Integer({
    default: 8,
    minimum: 1,
    maximum: 100,
    description:
      'Failed deliveries in a row (of the same event) after which a subscription is marked failing; nothing more is sent until the consumer resumes it.',
  }),
  MEDIDO_WEBHOOK_RETRY_BASE_MS: Type.Integer({
    default: 1000,
    minimum: 1,
    description:
      'First retry delay of a failed webhook; each further retry doubles it (with full jitter), up to MEDIDO_WEBHOOK_RETRY_MAX_MS.',
  }),
  MEDIDO_WEBHOOK_RETRY_MAX_MS: Type.Integer({
    default: 300_000,
    minimum: 1,
    description: 'Longest delay between two attempts of a webhook.',
  }),
  MEDIDO_WEBHOOK_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    maximum: 120_000,
    description: 'How long a receiver may take to answer a webhook (connection included); then the attempt has failed.',
  }),
  MEDIDO_RATE_LIMIT_PER_MINUTE: Type.Integer({
    default: 600,
    minimum: 1,
    description: 'Read API requests per consumer per minute.',
  }),
});
export type Config = Type.Static<typeof ConfigSchema>;
