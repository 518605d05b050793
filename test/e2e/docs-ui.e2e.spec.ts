import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/harness/ports.ts';
import { startMedido, waitUntilReady, type MedidoProcess } from '../support/medido-process.ts';
import { launchBrowser } from '../support/browser.ts';

/**
 * Issue 12.6: the docs UIs render in a real browser under the Content-Security-Policy every HTML
 * answer now carries (no inline script, same origin only): no violation reported, operations listed.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'medido-e2e-docs-'));
let medido: MedidoProcess;
let browser: Browser;

beforeAll(async () => {
  medido = startMedido({ port: await freePort(), dataDir, env: { MEDIDO_DEMO: 'false' } });
  browser = await launchBrowser();
  await waitUntilReady(medido);
});
afterAll(async () => {
  await browser?.close();
  medido?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the docs UIs under their Content-Security-Policy', () => {
  for (const { path, operation } of [
    { path: '/docs', operation: '/v1/measurements' },
    { path: '/ingestor/docs', operation: '/v1/ingest/measurements' },
  ]) {
    it(`${path} renders its operations with no CSP violation`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      // Runs in the page (a string: this file is type-checked without the DOM library).
      await page.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
      });
      const answer = await page.goto(`${medido.baseUrl}${path}`);
      expect(answer!.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(answer!.headers()['x-frame-options']).toBe('DENY');
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      expect(await page.locator('.opblock-summary-path', { hasText: operation }).first().isVisible()).toBe(true);
      expect(await page.locator('.opblock').count()).toBeGreaterThan(3);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('/docs opens in Spanish for a Chilean browser, and its language switch goes back to English', async () => {
    const page = await browser.newPage({ locale: 'es-CL' });
    await page.goto(`${medido.baseUrl}/docs`);
    const summary = page.locator('.opblock-summary-description', { hasText: 'Mediciones de una instalación o unidad' });
    await summary.first().waitFor({ timeout: 30_000 });
    const languages = page.locator('.topbar select');
    expect(await languages.locator('option').allTextContents()).toEqual(['English', 'Español']);
    await languages.selectOption({ label: 'English' });
    await page
      .locator('.opblock-summary-description', { hasText: 'Measurements of an installation or unit' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.close();
  });
});
