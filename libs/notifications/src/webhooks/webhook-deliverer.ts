import type {
  CatalogReader,
  ChangeLogReader,
  ChangeRecord,
  DeliveryState,
  DeliveryStateStore,
  Subscription,
} from '@medido/catalog';
import {
  checkWebhookUrl,
  subscriptionSecretBytes,
  systemResolve,
  WebhookUrlRefused,
  type Resolve,
  type WebhookAllowList,
} from '@medido/platform';
import type { Logger } from 'pino';
import { applyResume, initialDeliveryState } from './delivery-state.ts';
import { retryDelayMs, type BackoffOptions } from './retry-backoff.ts';
import { changeFilterOf, matchesVariables, readableOrganization } from './subscription-scope.ts';
import { webhookBody } from './webhook-payload.ts';
import { postWebhook, type PostOutcome, type PostWebhook } from './webhook-post.ts';
import { webhookHeaders } from './webhook-signature.ts';

export interface WebhookDelivererOptions {
  /** Subscriptions, the grants behind them, and the delivery states (this deliverer is their one writer). */
  catalog: Pick<CatalogReader, 'listSubscriptions' | 'getConsumer' | 'getInstallation' | 'getOrganization'> &
    DeliveryStateStore;
  /**
   * The change log as the notifier role hands it to its workers: beside the log's writer, recent changes
   * are answered from memory (recent-changes.ts) instead of a store query at every poll.
   */
  changes: ChangeLogReader;
  /** The operator key every subscription secret is derived from (MEDIDO_WEBHOOK_SIGNING_KEY). */
  signingKey: Buffer;
  allowList: WebhookAllowList;
  /** Failed attempts in a row after which a subscription is marked failing. */
  maxAttempts: number;
  retry: BackoffOptions;
  timeoutMs: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** How often subscriptions and the log are looked at (default 200 ms). */
  pollMs?: number;
  /** Changes read per query (default 100). */
  batchSize?: number;
  resolve?: Resolve;
  post?: PostWebhook;
  now?: () => number;
  random?: () => number;
  onDelivered?: (subscriptionId: string, change: ChangeRecord) => void;
}

export interface WebhookDeliverer {
  stop(): Promise<void>;
}

const SUBSCRIPTION_PAGE = 500;
const SAVE_EVERY_MS = 250;

/**
 * The webhook deliverer: for every live subscription, the change log after its delivered cursor,
 * narrowed to its scope, POSTed in cursor order, one request in flight per subscription (so every
 * series arrives in order), at least once (the cursor advances only after a 2xx; a crash re-sends
 * with the same webhook-id). A failure waits with exponential backoff and jitter; after `maxAttempts`
 * in a row the subscription is failing until its consumer resumes it. Run it in ONE process (the
 * active notifier): it is the only writer of the delivery states.
 */
export function startWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const { catalog, changes: log, logger } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 200;
  const batchSize = options.batchSize ?? 100;
  const resolve = options.resolve ?? systemResolve;
  const post = options.post ?? postWebhook;
  const running = new Map<string, Promise<void>>();
  const retryAt = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  let listed: { at: number; subscriptions: Subscription[] } | undefined;
  /** Per subscription, its state as last read or written here (undefined: none stored yet). */
  const states = new Map<string, DeliveryState | undefined>();
  /** Per subscription, when its state was last saved, and its scope as last read from the catalog. */
  const savedAt = new Map<string, number>();
  /** Subscriptions whose state here is ahead of the stored one (only their cursor moved: see save). */
  const unsaved = new Set<string>();
  const scopes = new Map<string, { at: number; organizationId: string | null }>();

  async function attempt(subscription: Subscription, change: ChangeRecord): Promise<PostOutcome> {
    const body = webhookBody(change);
    let target;
    try {
      // Checked again at every attempt, and the POST connects to the addresses checked here (DNS rebinding).
      target = await checkWebhookUrl(subscription.webhookUrl, options.allowList, resolve);
    } catch (error) {
      if (error instanceof WebhookUrlRefused) return { ok: false, error: `webhook URL refused: ${error.message}` };
      throw error;
    }
    const secret = subscriptionSecretBytes(options.signingKey, subscription.subscriptionId);
    const headers = webhookHeaders(secret, change.id, Math.floor(now() / 1000), body);
    return post(target, body, { ...headers }, options.timeoutMs);
  }

  async function deliver(
    subscription: Subscription,
    stored: DeliveryState | undefined,
    latest: string | null,
  ): Promise<void> {
    const id = subscription.subscriptionId;
    const initial = stored ?? initialDeliveryState(subscription);
    let state = applyResume(initial, subscription);
    // Only the cursor moved past changes out of scope: worth keeping in memory at once, in the store
    // only every SAVE_EVERY_MS (a crash then walks that range again, sending nothing).
    let skippedOnly = state === stored;
    let dirty = !skippedOnly || unsaved.has(id);
    if (state !== initial) retryAt.delete(id);
    const save = async (force = true) => {
      states.set(id, state);
      if (!dirty) return;
      if (!force && skippedOnly && now() - (savedAt.get(id) ?? 0) < SAVE_EVERY_MS) {
        unsaved.add(id);
        return;
      }
      await catalog.saveDeliveryState(state);
      dirty = false;
      skippedOnly = true;
      unsaved.delete(id);
      savedAt.set(id, now());
    };
    const caughtUp = () => latest === null || (state.deliveredCursor !== null && state.deliveredCursor >= latest);
    if (state.status === 'failing' || (retryAt.get(id) ?? 0) > now()) return save();
    if (caughtUp()) return save(false);
    let scope = scopes.get(id);
    if (!scope || now() - scope.at >= pollMs) {
      scope = { at: now(), organizationId: await readableOrganization(catalog, subscription, now()) };
      scopes.set(id, scope);
    }
    const { organizationId } = scope;
    if (organizationId === null) return save();
    const filter = changeFilterOf(subscription, organizationId);

    while (!stopped && !caughtUp()) {
      const changes = await log.changesAfter(filter, state.deliveredCursor ?? undefined, batchSize);
      for (const change of changes) {
        if (stopped) return save();
        if (!matchesVariables(subscription, change)) {
          state = { ...state, deliveredCursor: change.cursor };
          dirty = true;
          continue;
        }
        const outcome = await attempt(subscription, change);
        const at = new Date(now()).toISOString();
        dirty = true;
        skippedOnly = false;
        if (outcome.ok) {
          state = {
            ...state,
            deliveredCursor: change.cursor,
            attempts: 0,
            lastError: null,
            lastAttemptAt: at,
            lastDeliveredAt: at,
          };
          retryAt.delete(id);
          // The cursor is saved at most every SAVE_EVERY_MS while a backlog drains (and at the end of it): a
          // crash re-sends the few acknowledged since, with the same webhook-id, which at-least-once allows.
          if (now() - (savedAt.get(id) ?? 0) >= SAVE_EVERY_MS) await save();
          options.onDelivered?.(id, change);
          continue;
        }
        const attempts = state.attempts + 1;
        const failing = attempts >= options.maxAttempts;
        state = {
          ...state,
          attempts,
          lastError: outcome.error ?? 'failed',
          lastAttemptAt: at,
          ...(failing && { status: 'failing' as const, failingSince: at }),
        };
        if (failing)
          logger.warn(
            { subscriptionId: id, attempts, error: state.lastError },
            'webhook subscription failing: nothing is sent until it is resumed',
          );
        else retryAt.set(id, now() + retryDelayMs(attempts, options.retry, options.random));
        return save();
      }
      // Nothing more in scope up to `latest` (read before the query; the log's single writer appends
      // in cursor order): skip there, so the next round does not walk the same range again.
      if (changes.length < batchSize) {
        if (state.deliveredCursor !== latest) {
          state = { ...state, deliveredCursor: latest };
          dirty = true;
        }
        break;
      }
    }
    return save(false);
  }

  async function scan(): Promise<void> {
    const latest = await log.latestCursor();
    // Rounds woken by appends come many times a second: the subscriptions (and below, each one's scope)
    // are read from the catalog at most once per pollMs, not at every round.
    if (!listed || now() - listed.at >= pollMs) {
      const subscriptions: Subscription[] = [];
      for (let after: string | undefined; ;) {
        const page = await catalog.listSubscriptions({}, { limit: SUBSCRIPTION_PAGE, ...(after ? { after } : {}) });
        subscriptions.push(...page.items);
        if (!page.next) break;
        after = page.next;
      }
      listed = { at: now(), subscriptions };
      const live = new Set(subscriptions.map((s) => s.subscriptionId));
      for (const id of states.keys()) if (!live.has(id)) states.delete(id);
    }
    const idle = listed.subscriptions.filter((s) => !running.has(s.subscriptionId));
    // This deliverer is the states' one writer: a state is read from the store once, then kept as written.
    const unread = idle.map((s) => s.subscriptionId).filter((id) => !states.has(id));
    if (unread.length > 0) {
      const stored = await catalog.getDeliveryStates(unread);
      for (const id of unread) states.set(id, stored.get(id));
    }
    for (const subscription of idle) {
      const id = subscription.subscriptionId;
      const run = deliver(subscription, states.get(id), latest)
        .catch((error: unknown) =>
          logger.error({ err: error, subscriptionId: id }, 'webhook delivery round failed; retrying'),
        )
        .finally(() => running.delete(id));
      running.set(id, run);
    }
  }

  // A round runs every pollMs, and at once when the log beside this process appended (onAppended):
  // a new change then waits for no timer. Appends during a round start the next one right after it.
  let woken = false;
  const round = () => {
    woken = false;
    scanning = scan()
      .catch((error: unknown) => logger.error({ err: error }, 'webhook deliverer scan failed; retrying'))
      .finally(() => {
        scanning = undefined;
        schedule(woken ? 0 : pollMs);
      });
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(round, ms);
  };
  log.onAppended?.(() => {
    if (stopped) return;
    if (scanning) woken = true;
    else {
      clearTimeout(timer);
      schedule(0);
    }
  });
  schedule(pollMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await scanning;
      await Promise.all(running.values());
    },
  };
}
