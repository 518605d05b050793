import type { IngestReading } from '@medido/contracts';
import type { ingestor } from '@medido/client';
import { ingestClient } from './ingest-client.ts';
import type { SimulatorLogger, SimulatorProgress } from './simulator-options.ts';

/** Rejections logged one by one per request; the rest are counted and summarised. */
const REJECTIONS_LOGGED = 10;

export interface SenderOptions {
  url: string;
  token: string;
  retryBudgetMs: number;
  logger: SimulatorLogger;
  progress: SimulatorProgress;
  /** Aborts requests in flight. */
  hardStop: AbortSignal;
  /** Interrupts waits between retries. */
  softStop: AbortSignal;
  onSent: () => void;
}

/** Sends requests one at a time, keeps the counters of `progress` and reports what the ingestor refused. */
export class IngestSender {
  private readonly client: ReturnType<typeof ingestClient>;
  private readonly options: SenderOptions;

  constructor(options: SenderOptions) {
    this.options = options;
    this.client = ingestClient({
      url: options.url,
      token: options.token,
      retryBudgetMs: options.retryBudgetMs,
      signal: options.hardStop,
      waitSignal: options.softStop,
      onRetry: ({ path, attempt, waitMs, reason }) => {
        options.progress.retries++;
        options.logger.warn({ path, attempt, waitMs, reason }, 'ingestor unavailable; retrying the same request');
      },
    });
  }

  async readings(readings: IngestReading[]): Promise<void> {
    if (readings.length === 0) return;
    const answer = await this.client.postIngestMeasurements({ body: { readings } });
    const p = this.options.progress;
    p.requests++;
    p.readingsSent += readings.length;
    for (const r of readings) if (p.lastReadingAt === null || r.ts > p.lastReadingAt) p.lastReadingAt = r.ts;
    this.report(answer, (i) => readings[i]);
    this.options.onSent();
  }

  async events(events: ingestor.CatalogEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const answer = await this.client.postIngestCatalog({ body: { events } });
    this.options.progress.requests++;
    this.options.progress.catalogEvents += events.length;
    this.report(answer, (i) => events[i]);
    this.options.onSent();
  }

  /** The simulator sends only valid items, so every rejection is a fault (here or in the ingestor) worth an error line. */
  private report(answer: ingestor.IngestAnswer, item: (index: number) => unknown): void {
    if (answer.rejected.length === 0) return;
    this.options.progress.rejected += answer.rejected.length;
    for (const r of answer.rejected.slice(0, REJECTIONS_LOGGED)) {
      this.options.logger.error(
        { index: r.index, code: r.code, reason: r.message, item: item(r.index) },
        'ingestor rejected an item',
      );
    }
    if (answer.rejected.length > REJECTIONS_LOGGED) {
      this.options.logger.error(
        { rejected: answer.rejected.length },
        `ingestor rejected ${answer.rejected.length - REJECTIONS_LOGGED} more items in the same request`,
      );
    }
  }
}
