import Type from 'typebox';

/**
 * Identifiers are chosen by the platform that registers the aggregate (a meter's serial, an ERP code),
 * so they are opaque strings with a conservative alphabet: safe in URLs, CSV and Kafka keys.
 */
export const Identifier = (description: string) =>
  Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$', description });

export const OrganizationId = Identifier('Organization identifier.');
export const InstallationId = Identifier('Installation identifier.');
export const UnitId = Identifier('Unit identifier (a part of an installation: a floor, an apartment, a meter room).');
export const DeviceId = Identifier('Meter (device) identifier.');
export const ConsumerId = Identifier('API consumer identifier.');
/** Variable names are snake_case register names, e.g. active_energy_import. */
export const VariableName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z][a-z0-9_]*$',
  description: 'Variable (register) name in snake_case, e.g. active_energy_import.',
});
/** IANA time zone name; validity is checked against the runtime's zone database where it is used. */
export const TimeZoneName = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone, e.g. America/Santiago.',
});
