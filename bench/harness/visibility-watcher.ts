import { sleep } from './stats.ts';

const DAY = 86_400_000;

/** A point of a one-meter answer: raw (`ts`) or a bucket (`start`, `end`, `count`) of the readings in (start, end]. */
export interface AnsweredPoint {
  ts?: string;
  start?: string;
  end?: string;
  count?: number;
}

/** When a reading became visible, in ms after its 202, at every frequency and raw alone (null: not in time). */
export interface Visible {
  all: number | null;
  raw: number | null;
}

/** One read of the meter at `frequency` over [from, to). */
type Answer = (frequency: string, from: number, to: number) => Promise<AnsweredPoint[]>;

interface WatchOptions {
  pollEveryMs: number;
  timeoutMs: number;
  /** A read that failed: every reading still waiting is settled as it stands. */
  onError: (error: unknown) => void;
}

interface Waiting {
  ts: number;
  ackedAt: number;
  seenAt: Map<string, number>;
  resolve: (visible: Visible) => void;
}

/**
 * Watches readings of ONE meter until every frequency's answer counts each of them, with one poller per
 * frequency for all of them: each reads, `pollEveryMs` after its last answer, the span of the readings
 * it has not shown yet (one read per 30 days of it), however many are. (A poller per reading multiplied
 * the reads by the readings in flight: the slower the answers, the more probes waited and polled, which
 * slowed the answers further.) The readings must be whole days apart at noon UTC: each is then alone in
 * its bucket at every frequency, and the window (the UTC day before the first to the day after the
 * last) holds its local day whole in any zone.
 */
export class VisibilityWatcher {
  private readonly waiting: Waiting[] = [];
  /** The frequencies whose poller runs (one each, so a slow answer at one does not delay the others). */
  private readonly polling = new Set<string>();
  /** Each frequency's answer times (ms), for the note: what a reader waits under the load. */
  readonly answerMs = new Map<string, number[]>();
  private readonly answer: Answer;
  private readonly frequencies: readonly string[];
  private readonly options: WatchOptions;

  constructor(answer: Answer, frequencies: readonly string[], options: WatchOptions) {
    this.answer = answer;
    this.frequencies = frequencies;
    this.options = options;
  }

  /** Resolves once every frequency counts the reading at `ts` (acknowledged at `ackedAt`), or at the timeout. */
  watch(ts: number, ackedAt: number): Promise<Visible> {
    return new Promise((resolve) => {
      this.waiting.push({ ts, ackedAt, seenAt: new Map(), resolve });
      for (const f of this.frequencies) if (!this.polling.has(f)) void this.poll(f);
    });
  }

  private async poll(frequency: string): Promise<void> {
    this.polling.add(frequency);
    try {
      for (let w = this.unseen(frequency); w.length > 0; w = this.unseen(frequency)) {
        await this.pollOnce(frequency, w);
        await sleep(this.options.pollEveryMs);
      }
    } catch (error) {
      this.options.onError(error);
      for (const w of this.waiting.splice(0)) w.resolve(this.visible(w));
    } finally {
      this.polling.delete(frequency);
    }
  }

  private unseen(frequency: string): Waiting[] {
    return this.waiting.filter((w) => !w.seenAt.has(frequency));
  }

  /** Reads `frequency` over the readings it has not shown yet; settles those now shown everywhere. */
  private async pollOnce(frequency: string, unseen: Waiting[]): Promise<void> {
    const spans = spansOf(unseen.map((w) => w.ts));
    const answers = await Promise.all(spans.map(([from, to]) => this.timed(frequency, from, to)));
    const now = performance.now();
    for (const w of unseen) if (answers.some((points) => points.some(counts(w.ts)))) w.seenAt.set(frequency, now);
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i]!;
      if (w.seenAt.size === this.frequencies.length || now - w.ackedAt > this.options.timeoutMs) {
        this.waiting.splice(i, 1);
        w.resolve(this.visible(w));
      }
    }
  }

  private async timed(frequency: string, from: number, to: number): Promise<AnsweredPoint[]> {
    const started = performance.now();
    const points = await this.answer(frequency, from, to);
    const times = this.answerMs.get(frequency) ?? this.answerMs.set(frequency, []).get(frequency)!;
    times.push(performance.now() - started);
    return points;
  }

  private visible(w: Waiting): Visible {
    const all = w.seenAt.size === this.frequencies.length ? Math.max(...w.seenAt.values()) - w.ackedAt : null;
    const raw = w.seenAt.get('raw');
    return { all, raw: raw === undefined ? null : raw - w.ackedAt };
  }
}

/** The raw answers' longest window is 32 days: the waiting readings' days in windows of at most 30. */
const MAX_SPAN_DAYS = 30;

/** Windows [day before, day after] covering every `ts`, each at most MAX_SPAN_DAYS long. */
function spansOf(tss: number[]): [number, number][] {
  const days = [...new Set(tss.map((ts) => Math.floor(ts / DAY) * DAY))].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (const day of days) {
    const last = spans.at(-1);
    if (last && day + 2 * DAY - last[0] <= MAX_SPAN_DAYS * DAY) last[1] = day + 2 * DAY;
    else spans.push([day - DAY, day + 2 * DAY]);
  }
  return spans;
}

/** Whether a point shows the reading at `ts`: raw, that reading; a bucket, the one holding it, counting it alone. */
const counts =
  (ts: number) =>
  (p: AnsweredPoint): boolean =>
    p.ts !== undefined
      ? Date.parse(p.ts) === ts
      : Date.parse(p.start!) < ts && ts <= Date.parse(p.end!) && p.count === 1;
