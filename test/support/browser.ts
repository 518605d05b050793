import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The browser of the e2e tests: Debian's chromium (scripts/setup-browser.sh), or MEDIDO_CHROMIUM. */
const CHROMIUM = process.env.MEDIDO_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A headless chromium for one spec (close it after its tests); fails at once, saying how to install it,
 * where it is missing. No sandbox (chromium will not start sandboxed as root), and none of the
 * background traffic and first-run work a fresh profile would start.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-browser.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Opens the sign-in of the server at `baseUrl`: /auth/login, which sends the browser to the provider's form. */
export async function openSignIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/auth/login`);
  await page.waitForURL(/\/oidc\/interaction\//);
}

/** Signs `account` in on the provider's form the page shows and waits for the callback's page. */
export async function submitSignIn(page: Page, account: { login: string; password: string }): Promise<void> {
  await page.fill('#login', account.login);
  await page.fill('#password', account.password);
  await Promise.all([page.waitForURL(/\/auth\/callback\?/), page.click('#sign-in')]);
}

/** The whole sign-in of `account` at `baseUrl`, up to the callback's page (tokens, or the refusal). */
export async function signIn(page: Page, baseUrl: string, account: { login: string; password: string }): Promise<void> {
  await openSignIn(page, baseUrl);
  await submitSignIn(page, account);
}
