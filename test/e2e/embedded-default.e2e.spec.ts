import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT } from '@medido/auth';
import { apiClient, fetchTransport, type api } from '@medido/client';
import { simulatedConsumptionByBucket } from '@medido/simulator';
import { freePort } from '../../bench/harness/ports.ts';
import { eventually } from '../support/eventually.ts';
import { startMedido, waitUntilReady, type MedidoProcess } from '../support/medido-process.ts';
import { launchBrowser, signIn } from '../support/browser.ts';

/**
 * The README's first command as a newcomer runs it: `medido start` on a new data directory, in its
 * own process. The demo consumer logs in with a real browser; the simulator's readings, sent through
 * the ingestor's public endpoint, come back out of /v1/measurements with the sums the seed implies.
 */
const QUARTER_HOUR = 15 * 60_000;
const DEVICES = ['mtr-muni-p1', 'mtr-muni-p2']; // Edificio Consistorial: one meter with counter resets, one with late readings

const dataDir = mkdtempSync(join(tmpdir(), 'medido-e2e-'));
let port: number;
let medido: MedidoProcess;
let browser: Browser;
let accessToken: string;

function credentials(): { ingestToken: string; adminToken: string } {
  return JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
    ingestToken: string;
    adminToken: string;
  };
}

async function get(path: string): Promise<Response> {
  return fetch(`${medido.baseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}

/** A month of 15-minute consumption of both meters of an installation, ending a day ago (all sent). */
function monthWindow(): { from: number; to: number } {
  const to = Math.floor((Date.now() - 86_400_000) / QUARTER_HOUR) * QUARTER_HOUR;
  return { from: to - 30 * 86_400_000, to };
}

/** The read API through the generated client (libs/client), as a consumer's program would call it. */
const client = () => apiClient(fetchTransport({ baseUrl: medido.baseUrl, token: () => accessToken }));

async function consumptionByDevice(window: { from: number; to: number }): Promise<Map<string, (number | null)[]>> {
  const body = await client().getMeasurements({
    query: {
      installationId: 'inst-muni-edificio',
      deviceIds: DEVICES,
      variables: ['active_energy_import'],
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      frequency: '15m',
      fill: 'null',
    },
  });
  expect(body.nextCursor).toBeNull();
  return new Map((body.devices ?? []).map((d) => [d.deviceId, d.variables[0]!.points.map((p) => p.value ?? null)]));
}

beforeAll(async () => {
  port = await freePort();
  medido = startMedido({ port, dataDir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  medido?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded default (npm start)', () => {
  it('is ready within a minute and documents every endpoint', async () => {
    expect(await waitUntilReady(medido)).toBeLessThan(60_000);
    const api = (await (await fetch(`${medido.baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(api.paths)).toEqual(
      expect.arrayContaining([
        '/v1/organizations',
        '/v1/organizations/{id}',
        '/v1/installations',
        '/v1/installations/{id}',
        '/v1/devices',
        '/v1/devices/{id}',
        '/v1/measurements',
        '/v1/me',
        '/auth/login',
        '/auth/callback',
        '/auth/token',
        '/auth/revoke',
        '/.well-known/jwks.json',
      ]),
    );
    const ingestor = (await (await fetch(`${medido.baseUrl}/ingestor/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(ingestor.paths)).toEqual(
      expect.arrayContaining(['/v1/ingest/measurements', '/v1/ingest/catalog', '/v1/admin/consumers']),
    );
    expect((await fetch(`${medido.baseUrl}/docs`)).status).toBe(200);
    expect(readFileSync(join(dataDir, 'medido.txt'), 'utf8')).toContain(`${medido.baseUrl}/auth/login`);
  });

  it('lets the demo consumer log in from a browser and read a month of 15-minute consumption with the expected sums', async () => {
    const page = await browser.newPage();
    await signIn(page, medido.baseUrl, DEMO_CONSUMER_ACCOUNT);
    accessToken = (await page.textContent('#access-token'))!;
    await page.close();
    // One meter per page: the client's cursor iterator walks every page to the installation's meters.
    const meters: string[] = [];
    for await (const devices of client().getDevicesPages({
      query: { installationId: 'inst-muni-edificio', limit: 1 },
    })) {
      expect(devices.devices.length).toBeLessThanOrEqual(1);
      meters.push(...devices.devices.map((d) => d.deviceId));
    }
    expect(meters).toEqual(expect.arrayContaining(DEVICES));

    const window = monthWindow();
    const boundaries: number[] = [];
    for (let t = window.from; t <= window.to; t += QUARTER_HOUR) boundaries.push(t);
    const expected = new Map(
      DEVICES.map((deviceId) => [
        deviceId,
        simulatedConsumptionByBucket({
          seed: 'medido-demo',
          deviceId,
          variable: 'active_energy_import',
          boundaries,
        }),
      ]),
    );
    // The backfill runs in the background after readiness: wait until every reading was projected.
    const answered = await eventually(
      async () => {
        const actual = await consumptionByDevice(window);
        const complete = DEVICES.every(
          (d) => actual.get(d)?.every((v) => v !== null) && actual.get(d)!.length === boundaries.length - 1,
        );
        return complete ? actual : undefined;
      },
      'the demo backfill to be queryable',
      120_000,
      1000,
    );
    for (const deviceId of DEVICES) {
      const values = answered.get(deviceId)!;
      values.forEach((value, i) => expect(value).toBeCloseTo(expected.get(deviceId)![i]!, 6));
    }
    const total = (deviceId: string) => expected.get(deviceId)!.reduce((sum, v) => sum + v, 0);
    expect(total('mtr-muni-p1') + total('mtr-muni-p2')).toBeGreaterThan(1000); // a month of an office building, in kWh

    // The demo meters declare their 15-minute cadence, so every hour says it expects 4 readings and,
    // once the backfill is in (late readings included), holds them all. Santiago's offset is whole hours.
    const hour = 3_600_000;
    const [from, to] = [Math.ceil(window.from / hour) * hour, Math.floor(window.to / hour) * hour];
    const hourly = await client().getMeasurements({
      query: {
        installationId: 'inst-muni-edificio',
        deviceIds: DEVICES,
        variables: ['active_energy_import'],
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        frequency: '1h',
        minCoverage: 1,
      },
    });
    const hours = (hourly.devices ?? []).map((d) => d.variables[0]!.points as api.BucketPoint[]);
    expect(hours).toHaveLength(DEVICES.length);
    for (const points of hours) {
      expect(points).toHaveLength((to - from) / hour);
      for (const p of points) expect([p.expected, p.coverage, p.complete]).toEqual([4, 1, true]);
    }
  });

  it('drains on SIGTERM, serves the same data after a restart, and loses nothing answered 202 when killed', async () => {
    // Up to 3 hours ago: the restarted simulator re-sends the last day, so this window overlaps its catch-up.
    const to = Math.floor((Date.now() - 3 * 3_600_000) / QUARTER_HOUR) * QUARTER_HOUR;
    const window = { from: to - 30 * 86_400_000, to };
    const before = await eventually(
      async () => {
        const actual = await consumptionByDevice(window);
        return DEVICES.every((d) => actual.get(d)?.every((v) => v !== null)) ? actual : undefined;
      },
      'the month up to 3 hours ago to be queryable',
      120_000,
      1000,
    );
    medido.child.kill('SIGTERM');
    expect(await medido.exited).toEqual({ code: 0, signal: null });

    medido = startMedido({ port, dataDir });
    await waitUntilReady(medido);
    expect(await consumptionByDevice(window)).toEqual(before);
    // Once the catch-up was sent and projected, its re-sent readings changed nothing.
    await eventually(
      async () => (medido.output().includes('live:') ? true : undefined),
      'the simulator to finish its catch-up',
      60_000,
      250,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await consumptionByDevice(window)).toEqual(before);

    // Readings answered 202, then an immediate SIGKILL: after the restart every one of them is there.
    const { ingestToken } = credentials();
    const register = await fetch(`${medido.baseUrl}/v1/ingest/catalog`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            type: 'DeviceRegistered',
            data: {
              deviceId: 'e2e-meter',
              installationId: 'inst-muni-edificio',
              unitId: 'unit-muni-piso-1',
              variables: [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }],
            },
          },
        ],
      }),
    });
    expect(register.status).toBe(202);
    const start = Date.UTC(2026, 10, 1, 3);
    const readings = Array.from({ length: 500 }, (_, i) => ({
      deviceId: 'e2e-meter',
      variable: 'active_energy_import',
      ts: new Date(start + i * QUARTER_HOUR).toISOString(),
      value: i * 2,
    }));
    const ingest = await fetch(`${medido.baseUrl}/v1/ingest/measurements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ readings }),
    });
    expect(await ingest.json()).toEqual({ accepted: 500, rejected: [] });
    medido.child.kill('SIGKILL');
    await medido.exited;

    medido = startMedido({ port, dataDir });
    await waitUntilReady(medido);
    const query = new URLSearchParams({
      installationId: 'inst-muni-edificio',
      deviceIds: 'e2e-meter',
      from: new Date(start).toISOString(),
      to: new Date(start + 500 * QUARTER_HOUR).toISOString(),
      frequency: '1d',
      aggregation: 'count',
      timezone: 'UTC',
    });
    const counted = await eventually(
      async () => {
        const body = (await (await get(`/v1/measurements?${query}`)).json()) as {
          devices: { variables: { points: { value: number }[] }[] }[];
        };
        const n = body.devices[0]?.variables[0]?.points.reduce((sum, p) => sum + p.value, 0) ?? 0;
        return n === 500 ? n : undefined;
      },
      'the 500 readings answered 202 before the SIGKILL',
      60_000,
      500,
    );
    expect(counted).toBe(500);
  });
});
