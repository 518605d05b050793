/**
 * The webhook deliverer's own state, one small record per subscription, written only by the deliverer
 * (the one active notifier) and read by GET /v1/subscriptions/{id}. Kept apart from the projected
 * subscription document: the projection is a pure function of events, this is the deliverer's progress.
 */
export interface DeliveryState {
  subscriptionId: string;
  /** `failing` after the configured number of failed attempts in a row: nothing is sent until a resume. */
  status: 'active' | 'failing';
  /** The last change-log cursor the receiver acknowledged (2xx); null before the first delivery. */
  deliveredCursor: string | null;
  /** Failed attempts in a row at the current event (0 after a success or a resume). */
  attempts: number;
  lastError: string | null;
  failingSince: string | null;
  lastAttemptAt: string | null;
  lastDeliveredAt: string | null;
  /** The subscription's `resumedBy` this state has already acted on. */
  resumedBy: string | null;
}

export interface DeliveryStateStore {
  /** The states of these subscriptions (unknown ids are absent). */
  getDeliveryStates(subscriptionIds: string[]): Promise<Map<string, DeliveryState>>;
  /** Upserts one state (single writer: the active deliverer). */
  saveDeliveryState(state: DeliveryState): Promise<void>;
}
