import type { DeliveryState, Subscription } from '@medido/catalog';

/** A subscription's state before its first delivery: active, starting after the cursor the api recorded. */
export function initialDeliveryState(subscription: Subscription): DeliveryState {
  return {
    subscriptionId: subscription.subscriptionId,
    status: 'active',
    deliveredCursor: subscription.startAfter,
    attempts: 0,
    lastError: null,
    failingSince: null,
    lastAttemptAt: null,
    lastDeliveredAt: null,
    resumedBy: null,
  };
}

/** A resume the state has not acted on yet clears the failing state (once: `resumedBy` remembers it). */
export function applyResume(state: DeliveryState, subscription: Subscription): DeliveryState {
  if (subscription.resumedBy === null || subscription.resumedBy === state.resumedBy) return state;
  return { ...state, status: 'active', attempts: 0, failingSince: null, resumedBy: subscription.resumedBy };
}
