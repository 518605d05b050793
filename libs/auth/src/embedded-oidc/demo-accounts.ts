import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/** A person who can sign in at the embedded provider. `subject` is the ID token's `sub`. */
export interface DemoAccount {
  login: string;
  password: string;
  subject: string;
  name: string;
  email: string;
}

/**
 * The documented demo identities of the embedded default (README "Demo accounts"). The embedded
 * default registers `demo-consumer` as an API consumer; `demo-visitor` can sign in at the provider
 * but is no API consumer, so Medido refuses it tokens.
 */
export const DEMO_CONSUMER_ACCOUNT: DemoAccount = {
  login: 'demo@medido.dev',
  password: 'medido-demo',
  subject: 'demo-consumer',
  name: 'Demo API consumer',
  email: 'demo@medido.dev',
};
export const DEMO_VISITOR_ACCOUNT: DemoAccount = {
  login: 'visitor@medido.dev',
  password: 'medido-visitor',
  subject: 'demo-visitor',
  name: 'Demo visitor (not an API consumer)',
  email: 'visitor@medido.dev',
};
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_CONSUMER_ACCOUNT, DEMO_VISITOR_ACCOUNT];

export interface AccountStore {
  find(subject: string): Omit<DemoAccount, 'password'> | undefined;
  /** The subject of the account, or null; as slow for unknown logins as for wrong passwords. */
  authenticate(login: string, password: string): Promise<string | null>;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** Passwords are kept only as scrypt hashes, compared in constant time. */
export function createAccountStore(accounts: readonly DemoAccount[]): AccountStore {
  const byLogin = new Map(
    accounts.map(({ password, ...account }) => {
      const salt = randomBytes(16);
      return [account.login.toLowerCase(), { account, salt, hash: scryptSync(password, salt, KEY_LENGTH) }];
    }),
  );
  const bySubject = new Map([...byLogin.values()].map(({ account }) => [account.subject, account]));
  const decoy = { salt: randomBytes(16), hash: randomBytes(KEY_LENGTH) };
  return {
    find: (subject) => bySubject.get(subject),
    async authenticate(login, password) {
      const entry = byLogin.get(login.trim().toLowerCase());
      const { salt, hash } = entry ?? decoy;
      const candidate = await scryptAsync(password, salt, KEY_LENGTH);
      return entry && timingSafeEqual(candidate, hash) ? entry.account.subject : null;
    },
  };
}
