import { describe, expect, it } from 'vitest';
import { subscriptionSecret, subscriptionSecretBytes } from '@medido/platform';
import { signWebhook, webhookHeaders } from '../../src/webhooks/webhook-signature.ts';
import { retryDelayMs } from '../../src/webhooks/retry-backoff.ts';
import { verifyStandardWebhook } from './receiver.ts';

describe('Standard Webhooks signature', () => {
  it("matches the specification's example, as the reference libraries compute it", () => {
    // The example of the Standard Webhooks libraries; the Python `standardwebhooks` package signs it to the same value.
    const secret = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs with the secret shown to the consumer: a receiver holding whsec_… verifies it', () => {
    const key = Buffer.from('an operator key of at least thirty-two characters');
    const secret = subscriptionSecret(key, 'sub-1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = '{"type":"day.closed"}';
    const headers = { ...webhookHeaders(subscriptionSecretBytes(key, 'sub-1'), 'chg-1', 1_700_000_000, body) };
    expect(verifyStandardWebhook(secret, { headers, body, at: 0 })).toBe(true);
    expect(verifyStandardWebhook(subscriptionSecret(key, 'sub-2'), { headers, body, at: 0 })).toBe(false);
    expect(verifyStandardWebhook(secret, { headers, body: `${body} `, at: 0 })).toBe(false);
  });
});

describe('retry backoff', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };
  it('doubles per attempt, capped, with half of each step random', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, options, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, options, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, options, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, options, () => 0)).toBe(30_000);
  });
});
