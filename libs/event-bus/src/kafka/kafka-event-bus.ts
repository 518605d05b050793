import { Kafka, logLevel, type Admin, type Message } from 'kafkajs';
import { pino, type Logger } from 'pino';
import {
  BusUnavailableError,
  type EventBus,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
} from '../event-bus.port.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../retry-backoff.ts';
import { UnknownTopicError } from './kafka-errors.ts';
import { kafkaLogCreator } from './kafka-log.ts';
import { KafkaPublisher } from './kafka-publisher.ts';
import { platformaticSender, type RecordSender } from './platformatic-producer.ts';
import { KafkaSubscription } from './kafka-subscription.ts';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId?: string;
  /** Prepended to every topic name and consumer group id (isolates tests or tenants on a shared cluster); production: none. */
  topicPrefix?: string;
  /** A publish not acknowledged by then rejects with BusUnavailableError (MEDIDO_KAFKA_ACK_TIMEOUT_MS). */
  ackTimeoutMs?: number;
  /** Upper bound of one produce request, under the broker's message.max.bytes (1 MiB by default). */
  maxRequestBytes?: number;
  /** Replication factor of topics created by ensureTopics; -1 takes the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Backoff between re-deliveries of a batch whose handler failed. */
  retryBackoff?: BackoffOptions;
  /** How long a fetch waits for new records (latency of an idle partition, and of a resumed one). */
  maxWaitTimeInMs?: number;
  /** A member silent for this long is evicted from its group (default 30 s); handlers heartbeat meanwhile. */
  sessionTimeoutMs?: number;
  logger?: Logger;
}

/** The production adapter: Apache Kafka; records are produced with @platformatic/kafka, consumed and administered with kafkajs. */
export class KafkaEventBus implements EventBus {
  readonly #kafka: Kafka;
  readonly #prefix: string;
  readonly #ackTimeoutMs: number;
  readonly #options: KafkaEventBusOptions;
  readonly #logger: Logger;
  readonly #producer: RecordSender & { close(): Promise<void> };
  readonly #publisher: KafkaPublisher;
  readonly #subscriptions = new Set<KafkaSubscription>();
  readonly #knownTopics = new Set<string>();
  #adminReady: Promise<Admin> | null = null;
  #admin: Admin | null = null;
  #closed = false;

  constructor(options: KafkaEventBusOptions) {
    this.#options = options;
    this.#prefix = options.topicPrefix ?? '';
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.#logger = options.logger ?? pino({ level: 'silent' });
    this.#kafka = new Kafka({
      clientId: options.clientId ?? 'medido',
      brokers: options.brokers,
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator(this.#logger),
      connectionTimeout: Math.min(3_000, this.#ackTimeoutMs),
      requestTimeout: Math.max(this.#ackTimeoutMs + 5_000, 30_000),
      retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 8 },
    });
    // Idempotent (acks=all, sequence numbers) and retried without limit: platformatic-producer.ts.
    this.#producer = platformaticSender({
      brokers: options.brokers,
      clientId: options.clientId ?? 'medido',
      requestTimeoutMs: this.#ackTimeoutMs,
      connectTimeoutMs: Math.min(3_000, this.#ackTimeoutMs),
    });
    this.#publisher = new KafkaPublisher({
      // The producer connects on first use and reconnects by itself.
      producer: async () => this.#producer,
      verifyTopic: (topic) => this.#verifyTopic(topic),
      ackTimeoutMs: this.#ackTimeoutMs,
      maxRequestBytes: options.maxRequestBytes ?? 900_000,
    });
  }

  publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const messages: Message[] = records.map((r) => ({ key: r.key, value: r.value, headers: r.headers ?? {} }));
    return this.#publisher.enqueue(this.#prefix + topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.#closed) throw new BusUnavailableError('the event bus is closed');
    const sessionTimeout = this.#options.sessionTimeoutMs ?? 30_000;
    const heartbeatMs = Math.min(3_000, Math.floor(sessionTimeout / 3));
    // Groups get the topic prefix too: kafkajs' group leader assigns only the topics IT subscribed to,
    // across every member, so two deployments sharing a group id but not topics would starve each other.
    const groupId = this.#prefix + options.groupId;
    const createConsumer = () =>
      this.#kafka.consumer({
        groupId,
        sessionTimeout,
        heartbeatInterval: heartbeatMs,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: this.#options.maxWaitTimeInMs ?? 500,
        // A crashed consumer restarts itself (kafkajs' own backoff) instead of taking the process down.
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000, restartOnFailure: async () => !this.#closed },
      });
    const subscription = new KafkaSubscription(
      {
        createConsumer,
        admin: () => this.#connectedAdmin(),
        topicPrefix: this.#prefix,
        backoff: this.#options.retryBackoff ?? DEFAULT_BACKOFF,
        heartbeatMs,
        logger: this.#logger,
      },
      { ...options, groupId },
    );
    try {
      await subscription.start(30_000);
    } catch (error) {
      await subscription.stop().catch(() => undefined);
      throw new BusUnavailableError(`could not join consumer group ${groupId}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.#subscriptions.add(subscription);
    const stop = subscription.stop.bind(subscription);
    return {
      lag: () => subscription.lag(),
      stop: async () => {
        this.#subscriptions.delete(subscription);
        await stop();
      },
    };
  }

  async ensureTopics(topics: { topic: string; partitions: number }[]): Promise<void> {
    const admin = await this.#connectedAdmin();
    const wanted = topics.map((t) => ({
      topic: this.#prefix + t.topic,
      numPartitions: t.partitions,
      replicationFactor: this.#options.replicationFactor ?? -1,
    }));
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // kafkajs' own waitForLeaders retries only LEADER_NOT_AVAILABLE, but a KRaft broker answers
      // UNKNOWN_TOPIC_OR_PARTITION until a new topic reaches its metadata cache, which is common when
      // several clients create topics at once (replicas starting together): that failed their start.
      await admin.createTopics({ topics: missing, waitForLeaders: false });
      await this.#waitForLeaders(
        admin,
        missing.map((t) => t.topic),
      );
    }
    // An existing topic keeps its partition count: growing it would move keys to other partitions.
    for (const t of wanted) this.#knownTopics.add(t.topic);
  }

  async ping(): Promise<void> {
    const stalled = this.#publisher.stalledMs();
    if (stalled > this.#ackTimeoutMs)
      throw new BusUnavailableError(`a produce request has waited ${stalled} ms for Kafka`);
    await this.#withTimeout(
      this.#connectedAdmin().then((admin) => admin.describeCluster()),
      'Kafka did not answer',
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#publisher.close();
    await Promise.allSettled([...this.#subscriptions].map((s) => s.stop()));
    await Promise.allSettled([this.#producer.close(), this.#admin?.disconnect()]);
  }

  #connectedAdmin(): Promise<Admin> {
    this.#adminReady ??= (async () => {
      const admin = this.#kafka.admin();
      this.#admin = admin;
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.#adminReady = null;
      throw new BusUnavailableError(`could not reach Kafka: ${(error as Error).message}`, { cause: error });
    });
    return this.#adminReady;
  }

  async #waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
    const deadline = Date.now() + Math.max(30_000, this.#ackTimeoutMs);
    for (;;) {
      const ready = await admin.fetchTopicMetadata({ topics }).then(
        ({ topics: found }) =>
          found.length === topics.length &&
          found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new BusUnavailableError(`topics ${topics.join(', ')} have no leader yet`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A topic a producer does not know is retried forever by kafkajs, stalling every publish behind it. */
  async #verifyTopic(topic: string): Promise<void> {
    if (this.#knownTopics.has(topic)) return;
    const admin = await this.#connectedAdmin();
    const topics = await admin.listTopics();
    if (!topics.includes(topic))
      throw new UnknownTopicError(`topic ${topic} does not exist; create it with ensureTopics`);
    this.#knownTopics.add(topic);
  }

  async #withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new BusUnavailableError(`${what} within ${this.#ackTimeoutMs} ms`)),
        this.#ackTimeoutMs,
      );
    });
    try {
      return await Promise.race([promise, timeout]);
    } catch (error) {
      throw error instanceof BusUnavailableError
        ? error
        : new BusUnavailableError(`${what}: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
