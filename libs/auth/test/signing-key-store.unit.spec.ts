import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateProviderSecrets, PROVIDER_SECRETS_FILE } from '../src/embedded-oidc/provider-secrets.ts';
import { loadOrCreateSigningKeys, loadSigningKeys, SIGNING_KEYS_FILE } from '../src/signing-key-store.ts';
import { generateSigningJwk, parseSigningKeys } from '../src/signing-keys.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'medido-keys-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('signing keys', () => {
  it('are generated once into a 0600 file and reused on the next start', async () => {
    const first = await loadOrCreateSigningKeys(dir);
    const second = await loadOrCreateSigningKeys(dir);
    expect(second.map((k) => k.kid)).toEqual(first.map((k) => k.kid));
    expect((await stat(join(dir, SIGNING_KEYS_FILE))).mode & 0o777).toBe(0o600);
    // The file is in MEDIDO_JWT_KEYS format: an operator can move it into configuration.
    expect(parseSigningKeys(await readFile(join(dir, SIGNING_KEYS_FILE), 'utf8'))[0]!.kid).toBe(first[0]!.kid);
  });

  it('keep one key when two processes start together', async () => {
    const [a, b] = await Promise.all([loadOrCreateSigningKeys(dir), loadOrCreateSigningKeys(dir)]);
    expect(a[0]!.kid).toBe(b[0]!.kid);
  });

  it('come from MEDIDO_JWT_KEYS when set, newest first, and the data directory is not touched', async () => {
    const jwks = [generateSigningJwk(), generateSigningJwk()];
    const keys = await loadSigningKeys({ json: JSON.stringify(jwks), dir: join(dir, 'unused') });
    expect(keys.map((k) => k.kid)).toEqual(jwks.map((j) => (j as { kid: string }).kid));
    await expect(stat(join(dir, 'unused'))).rejects.toThrow('ENOENT');
  });

  it('refuse a key file other users can read', async () => {
    await loadOrCreateSigningKeys(dir);
    await chmod(join(dir, SIGNING_KEYS_FILE), 0o644);
    await expect(loadOrCreateSigningKeys(dir)).rejects.toThrow('readable by other users');
  });

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['an empty array', '[]', 'non-empty JSON array'],
    ['a public key', JSON.stringify([{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }]), 'private Ed25519 JWKs'],
    ['an RSA key', JSON.stringify([{ kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB' }]), 'private Ed25519 JWKs'],
  ])('refuse configuration holding %s', (_name, json, message) => {
    expect(() => parseSigningKeys(json)).toThrow(message);
  });

  it('refuse two keys with one kid', () => {
    const jwk = generateSigningJwk();
    expect(() => parseSigningKeys(JSON.stringify([jwk, jwk]))).toThrow('same kid');
  });

  it('name the file when it is damaged', async () => {
    await writeFile(join(dir, SIGNING_KEYS_FILE), '[]', { mode: 0o600 });
    await expect(loadOrCreateSigningKeys(dir)).rejects.toThrow(SIGNING_KEYS_FILE);
  });
});

describe('embedded provider secrets', () => {
  it('are generated once (RS256 key with kid, cookie key, client secret) into a 0600 file', async () => {
    const first = await loadOrCreateProviderSecrets(dir);
    expect(first.jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(first.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await loadOrCreateProviderSecrets(dir)).toEqual(first);
    expect((await stat(join(dir, PROVIDER_SECRETS_FILE))).mode & 0o777).toBe(0o600);
  });
});
