import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { DEVICE_STATUSES } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { validationIssues } from '../../http/validation-issues.ts';

/**
 * Filters of the catalog lists. They narrow what the caller may already read (authorization first), and
 * are bound into the cursor with the route's scope (catalog-paging.ts), so a page never continues
 * another filter's list. A value outside a filter's schema answers 400 CATALOG_FILTER_INVALID.
 */

const NAME_DESCRIPTION =
  'Only those whose name contains this text, ignoring case (Unicode lower case), matched literally (no wildcards).';

export const nameFilterQuery = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: NAME_DESCRIPTION })),
};

export const deviceFilterQuery = {
  status: Type.Optional(
    Type.Enum(DEVICE_STATUSES, {
      description: `Only meters with this operational status (${DEVICE_STATUSES.join(', ')}); a meter whose status was never stated is active.`,
    }),
  ),
  variable: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Only meters that report this register (a variable name, as listed in `variables`).',
    }),
  ),
  ...nameFilterQuery,
};

const FILTER_PARAMETERS = new Set(['status', 'variable', 'name']);

/**
 * The route's schema failures as problem+json: CATALOG_FILTER_INVALID when a filter is at fault, the
 * generic REQUEST_INVALID (as without filters) for the other parameters.
 */
export function rejectInvalidQuery(request: FastifyRequest): void {
  if (!request.validationError) return;
  const issues = validationIssues(request);
  const onFilters = issues.length > 0 && issues.every((i) => FILTER_PARAMETERS.has(i.path.split('/')[1] ?? ''));
  throw new MedidoError(
    onFilters ? 'CATALOG_FILTER_INVALID' : 'REQUEST_INVALID',
    issues.map((i) => `${i.path} ${i.message}`).join('; '),
    { issues },
  );
}
