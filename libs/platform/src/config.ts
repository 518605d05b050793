import { Value } from 'typebox/value';
import { validate } from '@medido/contracts';
import { ConfigSchema, type Config } from './config.schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads configuration from the environment once, at boot: unknown-to-Medido variables are ignored,
 * declared ones are converted (numbers, booleans), defaulted and validated. A bad value stops the
 * process with a message naming the variable, instead of failing later at first use.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const declared = Object.keys(ConfigSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of declared) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  const candidate = { ...(converted as object), ...overrides };
  const checked = validate<Config>(ConfigSchema, candidate);
  if (!checked.ok) {
    const lines = checked.issues.map((i) => `  ${i.path.slice(1) || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return checked.value;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The public base URL (no trailing slash): MEDIDO_PUBLIC_URL, else http://localhost:PORT. */
export function publicUrlOf(config: Pick<Config, 'MEDIDO_PUBLIC_URL' | 'PORT'>): string {
  return (config.MEDIDO_PUBLIC_URL || `http://localhost:${config.PORT}`).replace(/\/$/, '');
}
