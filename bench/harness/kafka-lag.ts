import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Reads a consumer group's lag from outside the process that consumes (the bench server's projector). */
export class GroupLag {
  readonly #admin: Admin;
  readonly #connected: Promise<void>;

  constructor(brokers: string[]) {
    this.#admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    this.#connected = this.#admin.connect();
  }

  /** Records of `topic` not yet committed by `groupId`, summed over partitions. */
  async pending(groupId: string, topic: string): Promise<number> {
    await this.#connected;
    const [ends, [committed]] = await Promise.all([
      this.#admin.fetchTopicOffsets(topic),
      this.#admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(done.get(p.partition) ?? -1, Number(p.low)), 0);
  }

  async close(): Promise<void> {
    await this.#connected.catch(() => undefined);
    await this.#admin.disconnect();
  }
}
