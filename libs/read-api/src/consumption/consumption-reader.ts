import type { MeasurementsStore } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import type { ApiCaller } from '../auth/api-caller.ts';
import type { ScopeReaders } from '../auth/scope-readers.ts';
import { queryFingerprint, type CursorCodec } from '../http/cursor-codec.ts';
import type { ReadApiLimits } from '../limits.ts';
import { zonedFormatter } from '../measurements/zoned-time.ts';
import { consumptionStatement, statementRegisters, type ConsumptionStatement } from './consumption-answer.ts';
import { billingPeriod, type BillingPeriod } from './consumption-period.ts';
import { resolveConsumptionScope, type ConsumptionScope, type ResolvedConsumptionScope } from './consumption-scope.ts';

export interface ConsumptionQuerystring {
  deviceId?: string;
  unitId?: string;
  installationId?: string;
  month?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ConsumptionDeps extends ScopeReaders {
  store: Pick<MeasurementsStore, 'registerStatements'>;
  cursors: CursorCodec;
  limits: ReadApiLimits;
  now?: () => number;
}

export interface ConsumptionAnswer {
  scope: ConsumptionScope;
  resolved: ResolvedConsumptionScope;
  period: BillingPeriod;
  statement: ConsumptionStatement;
  nextCursor: string | null;
  last: boolean;
  json: {
    installationId: string;
    unitId: string | null;
    deviceId: string | null;
    timezone: string;
    period: { from: string; to: string; month: string | null; hours: number };
  } & ConsumptionStatement & { nextCursor: string | null };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function scopeOf(q: ConsumptionQuerystring): ConsumptionScope {
  const given = (['deviceId', 'unitId', 'installationId'] as const).filter((k) => q[k] !== undefined);
  if (given.length === 0)
    throw new MedidoError('MEASUREMENTS_SCOPE_REQUIRED', 'give one of deviceId, unitId and installationId');
  if (given.length > 1)
    throw new MedidoError('MEASUREMENTS_PARAMETER_INVALID', 'give exactly one of deviceId, unitId and installationId');
  const name = given[0]!;
  const id = q[name]!;
  if (!ID.test(id))
    throw new MedidoError('MEASUREMENTS_PARAMETER_INVALID', `${name} is not a valid identifier`, {
      issues: [{ path: `/${name}`, message: 'not a valid identifier' }],
    });
  return { kind: name === 'deviceId' ? 'device' : name === 'unitId' ? 'unit' : 'installation', id };
}

/**
 * One page of a consumption statement. Pages walk the registers in a fixed order; every page computes
 * the whole statement, so totals (and every number) never depend on where pages split. The cursor holds
 * the next register's index, bound to the scope and period and to the list of registers (a meter
 * added or removed since the first page makes it CURSOR_INVALID).
 */
export async function readConsumption(
  deps: ConsumptionDeps,
  caller: ApiCaller,
  q: ConsumptionQuerystring,
): Promise<ConsumptionAnswer> {
  const scope = scopeOf(q);
  const resolved = await resolveConsumptionScope(scope, caller, deps);
  const period = billingPeriod(q, resolved.timezone, (deps.now ?? Date.now)());
  const registers = statementRegisters(resolved);
  const query = queryFingerprint('GET /v1/consumption', [scope, period.from, period.to]);
  const plan = queryFingerprint('registers', [
    resolved.timezone,
    registers.map((r) => [r.device.deviceId, r.variable.name, r.variable.unit]),
  ]);
  let start = 0;
  if (q.cursor) {
    const p = deps.cursors.decode(query, q.cursor);
    if (p.plan !== plan)
      throw new MedidoError(
        'CURSOR_INVALID',
        'the meters or registers of this statement changed since its first page; restart from the first page',
      );
    if (typeof p.index !== 'number' || !Number.isInteger(p.index) || p.index < 0 || p.index >= registers.length)
      throw new MedidoError('CURSOR_INVALID', 'the cursor is malformed');
    start = p.index;
  }
  const limit = q.limit ?? deps.limits.catalogPageDefault;
  const whole = await consumptionStatement(deps.store, resolved, registers, period);
  const end = Math.min(start + limit, registers.length);
  const nextCursor = end < registers.length ? deps.cursors.encode(query, { plan, index: end }) : null;
  const statement = { registers: whole.registers.slice(start, end), totals: whole.totals };
  const iso = zonedFormatter(resolved.timezone);
  return {
    scope,
    resolved,
    period,
    statement,
    nextCursor,
    last: nextCursor === null,
    json: {
      installationId: resolved.installation.installationId,
      unitId: resolved.unitId,
      deviceId: scope.kind === 'device' ? scope.id : null,
      timezone: resolved.timezone,
      period: { from: iso(period.from), to: iso(period.to), month: period.month, hours: period.hours },
      ...statement,
      nextCursor,
    },
  };
}
