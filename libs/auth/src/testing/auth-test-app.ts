import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiConsumer, CatalogReader, RefreshTokenStore } from '@medido/catalog';
import { problemHandler } from '@medido/platform';
import { authRoutes, type AuthRoutesOptions } from '../auth-routes.ts';
import { DEMO_CONSUMER_ACCOUNT, type DemoAccount } from '../embedded-oidc/demo-accounts.ts';
import { embeddedOidcProvider, type SignInThrottle } from '../embedded-oidc/embedded-oidc-provider.ts';
import { generateProviderSecrets, type ProviderSecrets } from '../embedded-oidc/provider-secrets.ts';
import { generateSigningJwk, signingKeyFromPrivateJwk, type SigningKey } from '../signing-keys.ts';
import { consumer, InMemoryConsumers, InMemoryRefreshTokens } from './fakes.ts';
import { protectedRoutes } from './protected-route.ts';

/** The demo consumer as the embedded default registers it (subject = the demo account's `sub`). */
export const DEMO_CONSUMER: ApiConsumer = consumer({
  consumerId: 'demo',
  name: 'Demo API consumer',
  email: DEMO_CONSUMER_ACCOUNT.email,
  subject: DEMO_CONSUMER_ACCOUNT.subject,
  grants: [],
});
export const CLIENT_ID = 'medido';

let providerSecrets: ProviderSecrets | undefined;

export interface AuthTestApp {
  baseUrl: string;
  app: FastifyInstance;
  keys: SigningKey[];
  refreshFailures: string[];
  close(): Promise<void>;
}

/**
 * The api's auth side as a real server on 127.0.0.1 (random port): embedded OpenID provider under
 * /oidc, authRoutes, and a protected /v1/organizations. The socket is bound before the app is built,
 * because the provider's issuer URL must carry the port.
 */
export async function startAuthTestApp(
  options: {
    catalog?: Pick<CatalogReader, 'getConsumer' | 'findConsumerBySubject'>;
    refreshTokens?: RefreshTokenStore;
    overrides?: Partial<AuthRoutesOptions>;
    accounts?: DemoAccount[];
    signInThrottle?: Partial<SignInThrottle>;
    /** Host name in every URL (the socket is always 127.0.0.1): `localhost` tests that variant. */
    hostname?: string;
  } = {},
): Promise<AuthTestApp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://${options.hostname ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const app = Fastify({ logger: false, serverFactory: (handler) => server.on('request', handler) });
  providerSecrets ??= generateProviderSecrets();
  const keys = [signingKeyFromPrivateJwk(generateSigningJwk())];
  const refreshFailures: string[] = [];
  const issuer = `${baseUrl}/oidc`;

  await app.register(problemHandler);
  await app.register(embeddedOidcProvider, {
    issuer,
    secrets: providerSecrets,
    ...(options.accounts ? { accounts: options.accounts } : {}),
    signInThrottle: { failuresPerAddress: 20, failuresPerAccount: 10, windowSeconds: 900, ...options.signInThrottle },
    clients: [
      { clientId: CLIENT_ID, clientSecret: providerSecrets.clientSecret, redirectUris: [`${baseUrl}/auth/callback`] },
    ],
  });
  await app.register(authRoutes, {
    oidc: { issuer, clientId: CLIENT_ID, clientSecret: providerSecrets.clientSecret },
    publicUrl: baseUrl,
    catalog: options.catalog ?? new InMemoryConsumers([DEMO_CONSUMER]),
    refreshTokens: options.refreshTokens ?? new InMemoryRefreshTokens(),
    keys,
    accessTokenTtlSeconds: 900,
    refreshIdleTtlSeconds: 3600,
    refreshAbsoluteTtlSeconds: 86_400,
    tokenRateLimitPerMinute: 60,
    onRefreshFailure: (reason) => refreshFailures.push(reason),
    ...options.overrides,
  });
  await app.register(protectedRoutes, { keys, publicUrl: baseUrl });
  await app.ready();
  return {
    baseUrl,
    app,
    keys,
    refreshFailures,
    async close() {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
