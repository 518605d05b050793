import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer, loadSigningKeys } from '@medido/auth';
import type { StoredReading } from '@medido/measurements';
import { referenceStatement } from '@medido/measurements/testing/statement-reference';
import { freePort } from '../../bench/harness/ports.ts';
import { eventually } from '../support/eventually.ts';
import { startMedido, waitUntilReady, type MedidoProcess } from '../support/medido-process.ts';

/**
 * GET /v1/consumption in the embedded default (`medido start`, its own process, the demo fleet's
 * backfill): each register's statement equals the plain-TypeScript reference over the raw readings the
 * same server answers, and the sum of delta of /v1/measurements. The demo's mtr-muni-p1 resets its
 * counter every 37 days, mtr-muni-p2 sends late readings. The token is minted with the server's own
 * signing keys (as the benchmarks do), so no browser is needed.
 */
const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;
const E = 'active_energy_import';
const DEVICES = ['mtr-muni-p1', 'mtr-muni-p2'];

const dataDir = mkdtempSync(join(tmpdir(), 'medido-e2e-consumption-'));
let medido: MedidoProcess;
let token: string;

interface Register {
  deviceId: string;
  variable: string;
  consumption: number;
  increases: number;
  resets: unknown[];
  opening: { ts: string; value: number };
  closing: { ts: string; value: number } | null;
}
type RawPoint = { ts: string; value: number; quality?: StoredReading['quality'] };
/** The parts of /v1/consumption and /v1/measurements answers this test reads. */
interface Answer {
  registers: Register[];
  totals: unknown;
  period: { hours: number };
  nextCursor: string | null;
  devices: { deviceId: string; variables: { points: (RawPoint & { value: number })[] }[] }[];
}

const get = async (path: string) => {
  const res = await fetch(`${medido.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Answer };
};

beforeAll(async () => {
  medido = startMedido({ port: await freePort(), dataDir });
  await waitUntilReady(medido);
  const keys = await loadSigningKeys({ json: '', dir: dataDir });
  token = createAccessTokenIssuer(keys, {
    issuer: accessTokenIssuer(medido.baseUrl),
    audience: accessTokenAudience(medido.baseUrl),
    ttlSeconds: 900,
  }).issue({ consumerId: 'e2e-consumption', grants: [] }).token;
}, 90_000);
afterAll(() => {
  medido?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('consumption statements in the embedded default', () => {
  it('match the readings the server holds and the sum of delta, resets included', async () => {
    // 40 days ending a day ago, all sent by the 90-day backfill: longer than mtr-muni-p1's 37 days between resets.
    const to = Math.floor((Date.now() - DAY) / QUARTER_HOUR) * QUARTER_HOUR;
    const from = to - 40 * DAY;
    const iso = (t: number) => encodeURIComponent(new Date(t).toISOString());
    const scope = `installationId=inst-muni-edificio`;
    const statement = await eventually(
      async () => {
        const res = await get(`/v1/consumption?${scope}&from=${iso(from)}&to=${iso(to)}`);
        const byDevice = new Map(
          (res.body.registers ?? []).filter((r) => r.variable === E).map((r) => [r.deviceId, r]),
        );
        const done = DEVICES.every((d) => byDevice.get(d)?.closing && Date.parse(byDevice.get(d)!.closing!.ts) === to);
        return done ? res.body : undefined;
      },
      'the demo backfill to reach the period end',
      120_000,
      1000,
    );
    // The backfill may still be sending late readings: let it settle, then read everything once more.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const now = (await get(`/v1/consumption?${scope}&from=${iso(from)}&to=${iso(to)}`)).body;
    expect(now.period.hours).toBe(40 * 24);
    expect(now.totals).toEqual(statement.totals);

    // The raw readings from a day before the period to its end inclusive, in windows of at most 30 days (the raw limit is 32).
    const rawPoints = new Map<string, RawPoint[]>(DEVICES.map((d) => [d, []]));
    for (let a = from - DAY; a <= to; a += 30 * DAY) {
      const b = Math.min(a + 30 * DAY, to + 1);
      const raw = await get(
        `/v1/measurements?${scope}&deviceIds=${DEVICES.join(',')}&variables=${E}&frequency=raw&limit=100000&from=${iso(a)}&to=${iso(b)}`,
      );
      expect(raw.status).toBe(200);
      expect(raw.body.nextCursor).toBeNull();
      for (const d of raw.body.devices) rawPoints.get(d.deviceId)!.push(...d.variables[0]!.points);
    }
    const delta = await get(
      `/v1/measurements?${scope}&deviceIds=${DEVICES.join(',')}&variables=${E}&aggregation=delta&frequency=1d&from=${iso(from)}&to=${iso(to)}`,
    );
    let resets = 0;
    for (const deviceId of DEVICES) {
      const register = now.registers.find((r) => r.deviceId === deviceId && r.variable === E)!;
      const readings: StoredReading[] = rawPoints.get(deviceId)!.map((p) => ({
        deviceId,
        variable: E,
        ts: Date.parse(p.ts),
        value: p.value,
        quality: p.quality ?? 'measured',
        ingestedAt: 0,
      }));
      const ref = referenceStatement(readings, from, to);
      expect(Date.parse(register.opening.ts), deviceId).toBe(ref.opening!.ts);
      expect(register.opening.value, deviceId).toBe(ref.opening!.value);
      expect(Date.parse(register.closing!.ts), deviceId).toBe(ref.closing!.ts);
      expect(register.resets.length, deviceId).toBe(ref.resets.length);
      expect(register.increases, deviceId).toBe(ref.increases);
      expect(register.consumption, deviceId).toBe(ref.consumption); // the demo's registers have 3 decimals, the reference adds thousandths
      const points = delta.body.devices.find((d) => d.deviceId === deviceId)!.variables[0]!.points;
      expect(register.consumption, deviceId).toBe(Number(points.reduce((x, p) => x + p.value, 0).toFixed(3)));
      resets += register.resets.length;
    }
    expect(resets).toBeGreaterThanOrEqual(1); // mtr-muni-p1 resets every 37 days
  });
});
