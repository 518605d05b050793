import { ERROR_CODES, WebhookPayload } from '@medido/contracts';
import { hoistNamedSchemas } from '@medido/platform';

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header' as const,
  required: true,
  description,
  schema: { type: 'string' as const, description, example },
});

/**
 * The OpenAPI 3.1 `webhooks` section: what Medido POSTs to a subscription's URL, with the Standard
 * Webhooks headers a receiver verifies. `components` receives the named schemas (WebhookPayload,
 * ChangeEvent) so the section references them like the paths do.
 * @see https://spec.openapis.org/oas/v3.1.0#oasWebhooks
 */
export function webhooksSection(components: Record<string, unknown>) {
  const schema = hoistNamedSchemas(WebhookPayload, components);
  return {
    changeEvent: {
      post: {
        summary: "A change to measurements of a subscription's scope",
        description:
          'Sent to the `webhookUrl` of a subscription (POST /v1/subscriptions) for every change event in its scope, in change-feed order, one at a time, ' +
          "at least once: deduplicate on `webhook-id`. Verify `webhook-signature` with the subscription's secret as Standard Webhooks says " +
          '(HMAC-SHA256 over `webhook-id.webhook-timestamp.body` with the base64-decoded secret after `whsec_`), and refuse timestamps far from now. ' +
          'Answer 2xx within the timeout to acknowledge; any other answer, a redirect or no answer is retried with exponential backoff, and after several failures in a row the subscription is failing until resumed.',
        tags: ['subscriptions'],
        parameters: [
          header(
            'webhook-id',
            'The change event id: the same on every retry of one change; deduplicate on it.',
            '0d9f3c1e-…',
          ),
          header('webhook-timestamp', 'When this attempt was sent, in seconds since the Unix epoch.', '1775552400'),
          header(
            'webhook-signature',
            "Space-separated signatures, each `v1,` + base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body` with the subscription's secret.",
            'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
          ),
        ],
        requestBody: { required: true, description: 'The change event.', content: { 'application/json': { schema } } },
        responses: {
          200: { description: 'Any 2xx acknowledges the webhook; its body is not read.' },
          [String(ERROR_CODES.INTERNAL.status)]: {
            description: 'Any other status (or none within the timeout) fails the attempt: it is retried.',
          },
        },
      },
    },
  };
}
