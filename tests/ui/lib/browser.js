'use strict';
// Debian's chromium, headless, through puppeteer-core (no browser download), with a fresh
// profile and no network beyond the emulator on loopback.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fgs-ui-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.FGS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--user-data-dir=${profile}`],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A page at `viewport` that fails the test on any script error or console error, and on any
// request that leaves the emulator's origin (the dashboard must work offline).
async function openPage(browser, origin, viewport = DESKTOP) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) {
      page.problems.push(`request outside the emulator: ${r.url()}`);
    }
  });
  return page;
}

function screenshotDir() {
  const dir = process.env.FGS_UI_SCREENSHOTS ||
    path.resolve(__dirname, '..', '..', '..', 'build', 'ui-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function screenshot(page, name) {
  const file = path.join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

module.exports = { DESKTOP, PHONE, launchBrowser, openPage, screenshot, screenshotDir };
