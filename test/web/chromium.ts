/** Test helper: Debian's Chromium, headless, driven by playwright-core, with nothing reaching the network. */
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from '../support/system.js';

/** Launches the system's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
