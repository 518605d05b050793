export { startWebhookDeliverer, type WebhookDeliverer, type WebhookDelivererOptions } from './webhook-deliverer.ts';
export { signWebhook, webhookHeaders, type WebhookHeaders } from './webhook-signature.ts';
export { webhookBody, type WebhookPayload } from './webhook-payload.ts';
export { retryDelayMs } from './retry-backoff.ts';
export { postWebhook, MAX_RESPONSE_BYTES, type PostWebhook } from './webhook-post.ts';
export { initialDeliveryState } from './delivery-state.ts';
export { webhookWorker, type WebhookWorkerOptions } from './webhook-worker.ts';
