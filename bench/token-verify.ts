/**
 * Token verification cost per request: requests/s on the same route served unprotected and behind
 * the access-token check (createAccessTokenVerifier, EdDSA), measured in one run with autocannon.
 *
 *   node bench/token-verify.ts                 # 3 rounds × 10 s per case, 50 connections; medians
 *   BENCH_ROUNDS=1 BENCH_DURATION_S=5 BENCH_CONNECTIONS=20 node bench/token-verify.ts
 *
 * The server runs in a child process so the load generator does not share its event loop. Cases:
 * unprotected; protected with the verifier's cache (production: a client reuses its token for up to
 * 15 minutes); protected with the cache off (every request pays the signature check).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { problemHandler } from '@medido/platform';
import {
  accessTokenAudience,
  accessTokenIssuer,
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningJwk,
  signingKeyFromPrivateJwk,
} from '@medido/auth';
import { protectedRoutes } from '@medido/auth/testing/protected-route';
import { autocannon } from './harness/autocannon.ts';
import { median } from './harness/stats.ts';

const PUBLIC_URL = 'http://bench.medido.test';

async function serve(cacheSize: number): Promise<void> {
  const jwk = JSON.parse(process.env.BENCH_JWK!);
  const keys = [signingKeyFromPrivateJwk(jwk)];
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(protectedRoutes, { keys, publicUrl: PUBLIC_URL, cacheSize });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // The server lives exactly as long as the bench that forked it.
  process.on('disconnect', () => process.exit(0));
  process.send!({ port: (app.server.address() as AddressInfo).port });
}

async function startServer(jwk: object, cacheSize: number): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(cacheSize)], {
    env: { ...process.env, BENCH_JWK: JSON.stringify(jwk) },
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, base: `http://127.0.0.1:${message.port}` };
}

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function measure(name: string, url: string, headers?: Record<string, string>): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(headers ? { headers } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  console.log(
    `  ${name.padEnd(34)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p99 ${result.latency.p99} ms`,
  );
  return result.requests.average;
}

/** The verifier alone, in process: CPU time per verification, free of HTTP and load-generator noise. */
function verifyCost(keys: ReturnType<typeof signingKeyFromPrivateJwk>[], token: string, cacheSize: number): number {
  const verifier = createAccessTokenVerifier(keys, {
    issuer: accessTokenIssuer(PUBLIC_URL),
    audience: accessTokenAudience(PUBLIC_URL),
    cacheSize,
  });
  const iterations = cacheSize > 0 ? 200_000 : 20_000;
  for (let i = 0; i < iterations / 10; i++) verifier.verify(token);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++)
    if (!verifier.verify(token).ok) throw new Error('the bench token does not verify');
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

async function main(): Promise<void> {
  const jwk = generateSigningJwk();
  const key = signingKeyFromPrivateJwk(jwk);
  const { token } = createAccessTokenIssuer([key], {
    issuer: accessTokenIssuer(PUBLIC_URL),
    audience: accessTokenAudience(PUBLIC_URL),
    ttlSeconds: 900,
  }).issue({ consumerId: 'bench', grants: ['org-1', 'org-2'] });
  const bearer = { authorization: `Bearer ${token}` };
  console.log(`node ${process.version}, ${ROUNDS} rounds of ${DURATION_S} s per case, ${CONNECTIONS} connections`);
  console.log(
    `verify in process: ${verifyCost([key], token, 1000).toFixed(1)} µs with cache, ${verifyCost([key], token, 0).toFixed(1)} µs without`,
  );

  const cached = await startServer(jwk, 1000);
  const uncached = await startServer(jwk, 0);
  const cases = [
    { name: 'unprotected', url: `${cached.base}/open/organizations`, headers: undefined, results: [] as number[] },
    {
      name: 'protected (verifier cache)',
      url: `${cached.base}/v1/organizations`,
      headers: bearer,
      results: [] as number[],
    },
    {
      name: 'protected (no cache: EdDSA verify)',
      url: `${uncached.base}/v1/organizations`,
      headers: bearer,
      results: [] as number[],
    },
  ];
  try {
    for (const c of cases)
      await autocannon({
        url: c.url,
        connections: CONNECTIONS,
        duration: 1,
        ...(c.headers ? { headers: c.headers } : {}),
      }); // warm-up
    // Cases alternate within each round, so load from elsewhere on the machine hits them alike.
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}`);
      for (const c of cases) c.results.push(await measure(c.name, c.url, c.headers));
    }
  } finally {
    cached.child.kill();
    uncached.child.kill();
  }
  const [open, withCache, withoutCache] = cases.map((c) => median(c.results)) as [number, number, number];
  console.log(
    `median req/s: unprotected ${open.toFixed(0)}, protected ${withCache.toFixed(0)} (cache), ${withoutCache.toFixed(0)} (no cache)`,
  );
  console.log(
    `ratio protected/unprotected: ${(withCache / open).toFixed(2)} with cache, ${(withoutCache / open).toFixed(2)} without`,
  );
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]));
else await main();
