import type { RecordBatch, TakenBatch } from '../event-bus.port.ts';

export interface TakenBatchHooks {
  /** Commits the partition up to `next` (the offset after the batch); logs its own failures. */
  commit(next: string): Promise<void>;
  /** The batch's `settled` rejected: rewind the partition to it and deliver it again after a backoff. */
  rewind(batch: RecordBatch, error: unknown): void;
}

/**
 * One partition's taken batches that have not settled yet, in the order they were delivered. Each is
 * committed once it and every earlier one settled; the first rejection rewinds the partition to that
 * batch and ends the generation, so what was taken after it (and will be delivered again) is neither
 * committed nor rewound a second time.
 */
export class TakenBatches {
  #generation = 0;
  #tail: Promise<void> = Promise.resolve();
  readonly #open: Promise<void>[] = [];

  /** Changes whenever what was delivered so far stops counting (a rewind, a replaced consumer). */
  get generation(): number {
    return this.#generation;
  }

  get idle(): boolean {
    return this.#open.length === 0;
  }

  /** Queues a taken batch; resolves once fewer than `limit` batches are open (the bus's backpressure). */
  async add(batch: RecordBatch, taken: TakenBatch, hooks: TakenBatchHooks, limit: number): Promise<void> {
    // Handled below in order, or never (a later generation): either way not an unhandled rejection.
    taken.settled.catch(() => undefined);
    const generation = this.#generation;
    const next = (BigInt(batch.lastOffset) + 1n).toString();
    const done = this.#tail.then(async () => {
      if (generation !== this.#generation) return;
      try {
        await taken.settled;
      } catch (error) {
        if (generation !== this.#generation) return;
        this.#generation++;
        hooks.rewind(batch, error);
        return;
      }
      if (generation === this.#generation) await hooks.commit(next).catch(() => undefined);
    });
    this.#tail = done;
    this.#open.push(done);
    // They finish in the order they were queued (each waits for the one before), so the oldest leaves first.
    void done.then(() => this.#open.shift());
    while (this.#open.length >= limit) await this.#open[0];
  }

  /** Ends the generation: batches not settled yet are left to a new delivery from the committed offset. */
  abandon(): void {
    this.#generation++;
  }

  /** Resolves when every batch queued so far settled and was committed (or rewound, or abandoned). */
  drain(): Promise<void> {
    return this.#tail;
  }
}
