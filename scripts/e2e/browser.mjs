// Headless Debian chromium driven by playwright-core (no browser download).

import { chromium } from 'playwright-core';
import { ensureE2EEnv } from './setup.mjs';
import { onCleanup } from './lib.mjs';
import { childEnv } from './childEnv.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches chromium (a fresh temp profile each time) and opens one page.
 * Returns { browser, context, page, close() }; close() is also registered for exit / signals.
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 }, headless = process.env.E2E_HEADFUL !== '1' } = {}) {
  const paths = await ensureE2EEnv({ quiet: true });
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    headless,
    args: CHROMIUM_ARGS,
    env: childEnv(),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await browser.close().catch(() => {});
  };
  const unregister = onCleanup(close);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, context, page, close };
}
