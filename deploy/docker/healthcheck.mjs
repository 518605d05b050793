// Container health check: exits 0 when the process answers GET <path> with 2xx, 1 otherwise.
// Usage: node healthcheck.mjs [path]   (default /health/live)
// Node, not curl: the slim base image ships no HTTP client. The image's HEALTHCHECK uses liveness;
// Compose overrides it with /health/ready where a dependant must wait for the dependencies too.
const path = process.argv[2] || '/health/live';
const url = `http://127.0.0.1:${process.env.PORT || '3000'}${path}`;
try {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(Number(process.env.HEALTHCHECK_TIMEOUT_MS) || 2000),
  });
  if (!response.ok) console.error(`health check ${url}: HTTP ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`health check ${url}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
