'use strict';
// The dashboard (/_emulator/ui/) in Debian's headless chromium against emulators on port 0:
// the journal shows a failing PUT with its error code and rule; an invocation on a frozen clock
// is unfinished until "Advance" is pressed, then SUCCESS with its OBS delivery; reset empties
// the project; a failing action shows the control API's message inline; with --admin-token the
// page asks for the token instead of showing data. Every page is photographed at 1280×800 and
// 390 px wide into the folder printed at the start.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../../clients/node');
const { DESKTOP, PHONE, launchBrowser, openPage, screenshot, screenshotDir } = require('./lib/browser');
const { publicApi, controlApi, CREATE } = require('./lib/http');

const P = 'ui-project';
const WAIT = { timeout: 10000 };

let emulator;
let chrome;
let pub;
let ctl;

before(async () => {
  console.log(`screenshots: ${screenshotDir()}`);
  emulator = await startEmulator(['--seed', '7']);
  chrome = await launchBrowser();
  pub = publicApi(emulator.url, P);
  ctl = controlApi(emulator.url);
  // A frozen clock, a function with a version, an alias and OBS destination on success.
  assert.equal((await ctl('PUT', `/clock?project_id=${P}`, { time: '2021-03-04T06:50:02Z' })).status, 200);
  assert.equal((await pub('POST', '', CREATE)).status, 200);
  assert.equal((await pub('PUT', '/demo/async-invoke-config', {
    max_async_retry_attempts: 2,
    destination_config: { on_success: { destination: 'OBS', param: '{"bucket":"results","prefix":"ok/","expires":7}' } },
  })).status, 200);
  assert.equal((await pub('POST', '/demo/versions', { version: 'v1' })).status, 200);
  assert.equal((await pub('POST', '/demo/aliases', { name: 'prod', version: 'v1' })).status, 200);
  assert.equal((await pub('PUT', `/${P}:default:demo:!prod/async-invoke-config`, { max_async_retry_attempts: 0 })).status, 200);
});

after(async () => {
  if (chrome) await chrome.close();
  if (emulator) {
    const { code, stderr } = await emulator.stop();
    assert.equal(code, 0, `fgs-emulator exit; stderr: ${stderr}`);
  }
});

async function open(hash, viewport = DESKTOP, url = emulator.url) {
  const page = await openPage(chrome.browser, url, viewport);
  await page.goto(`${url}/_emulator/ui/#${hash}`, { waitUntil: 'domcontentloaded' });
  return page;
}

function noProblems(page) {
  assert.deepEqual(page.problems, [], 'no script errors, no requests outside the emulator');
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent);

test('the projects page shows functions, versions, aliases and the config of each qualifier', async () => {
  const page = await open(`projects?project=${P}`);
  await page.waitForSelector('article[data-function="demo"]', WAIT);
  const card = await text(page, 'article[data-function="demo"]');
  assert.match(card, /Python3\.9/);
  assert.match(card, /Versions \(1\)/);
  assert.match(card, /prod/);
  const configs = await page.$$eval('article[data-function="demo"] table.configs tbody tr',
    (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(configs.map((r) => r.slice(0, 3)), [['latest', '3600', '2'], ['!prod', '3600', '0']]);
  assert.match(configs[0][3], /^OBS .*"bucket":"results"/);
  await screenshot(page, 'projects-1280');
  await page.setViewport(PHONE);
  await screenshot(page, 'projects-390');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling of the whole page at 390 px (${overflow} px too wide)`);
  noProblems(page);
  await page.close();
});

test('a failing PUT appears in the journal with its error code and rule', async () => {
  const bad = await pub('PUT', '/demo/async-invoke-config', { max_async_retry_attempts: 4 });
  assert.equal(bad.status, 400);
  const page = await open(`journal?project=${P}`);
  // Filter by status through the form, as a user would.
  await page.type('#journal-filter input[name="status"]', '400');
  await page.click('#journal-filter button[type="submit"]');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#journal-table tbody tr.row')];
    return rows.length === 1 && rows[0].cells[4].textContent === '400';
  }, WAIT);
  const row = await page.$$eval('#journal-table tbody tr.row', (rows) => [...rows[0].cells].map((c) => c.textContent));
  assert.equal(row[2], 'PUT');
  assert.match(row[3], /\/demo\/async-invoke-config$/);
  assert.equal(row[5], 'FSS.0400');
  assert.match(row[6], /max_async_retry_attempts.*switch retry_max=3/);

  await page.click('#journal-table tbody tr.row');
  await page.waitForSelector('#journal-detail .rule-fired mark', WAIT);
  assert.match(await text(page, '#journal-detail .rule-fired mark'), /switch retry_max=3/);
  assert.match(await text(page, '#journal-detail pre.req'), /"max_async_retry_attempts": 4/);
  assert.match(await text(page, '#journal-detail pre.res'), /^400\n[\s\S]*"error_code": "FSS.0400"/);
  await screenshot(page, 'journal-1280');
  await page.setViewport(PHONE);
  await screenshot(page, 'journal-390');
  noProblems(page);
  await page.close();
});

test('the journal refreshes live, newest first', async () => {
  const page = await open('journal');
  await page.waitForSelector('#journal-table tbody tr.row', WAIT);
  const before = await page.$eval('#journal-table tbody tr.row', (r) => Number(r.dataset.seq));
  assert.equal((await pub('GET', '/demo/config')).status, 200);
  // No reload: the page polls the journal itself.
  await page.waitForFunction((seq) => {
    const first = document.querySelector('#journal-table tbody tr.row');
    return first && Number(first.dataset.seq) > seq;
  }, WAIT, before);
  assert.match(await text(page, '#journal-table tbody tr.row'), /GET.*\/demo\/config200/);
  noProblems(page);
  await page.close();
});

test('an invocation on a frozen clock is unfinished until "advance", then SUCCESS with its OBS delivery', async () => {
  const invoked = await pub('POST', '/demo/invocations-async', { message: 'Hello World' });
  assert.equal(invoked.status, 202);
  const id = invoked.body.request_id;
  const page = await open(`invocations?project=${P}`);
  const status = `#invocations-table tr[data-request-id="${id}"] .inv-status`;
  await page.waitForSelector(status, WAIT);
  assert.match(await text(page, status), /^(WAIT|RUNNING)$/);
  assert.equal(await page.$('#deliveries [data-destination="OBS"]'), null, 'no delivery yet');
  await screenshot(page, 'invocations-running-1280');

  await page.click('#inv-advance-btn');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'SUCCESS', WAIT, status);
  await page.waitForSelector('#deliveries [data-destination="OBS"]', WAIT);
  const obs = await text(page, '#deliveries [data-destination="OBS"]');
  assert.match(obs, new RegExp(`ok/${id}`));
  assert.match(obs, /results/);
  assert.match(obs, /delivered/);
  // The notification payload is there to open.
  await page.click('#deliveries [data-destination="OBS"] details summary');
  assert.match(await text(page, '#deliveries [data-destination="OBS"] details pre'), /"condition": "Success"/);
  await screenshot(page, 'invocations-1280');
  await page.setViewport(PHONE);
  await screenshot(page, 'invocations-390');
  noProblems(page);
  await page.close();
});

test('a failing action shows the control API error inline, not a blank page', async () => {
  const page = await open(`controls?project=${P}`);
  await page.waitForFunction(() => /frozen at/.test(document.querySelector('#clock-state').textContent), WAIT);
  const input = await page.$('#advance-seconds');
  await input.click({ clickCount: 3 });
  await input.type('abc');
  await page.click('#advance-btn');
  await page.waitForSelector('#controls-error:not([hidden])', WAIT);
  const message = await text(page, '#controls-error');
  assert.match(message, /^EMU\.0400: Invalid control request: advance_seconds/);
  assert.match(await text(page, '#clock-state'), /frozen at 2021-03-04 06:5/, 'the page still shows its data');
  await screenshot(page, 'controls-error-1280');
  noProblems(page);
  await page.close();
});

test('reset empties the project', async () => {
  const page = await open(`controls?project=${P}`);
  await page.waitForFunction(() => /frozen at/.test(document.querySelector('#clock-state').textContent), WAIT);
  await screenshot(page, 'controls-1280');
  await page.setViewport(PHONE);
  await screenshot(page, 'controls-390');
  await page.setViewport(DESKTOP);
  await page.click('#reset-project');
  await page.waitForFunction(() => /^Reset all of/.test(document.querySelector('#reset-result').textContent), WAIT);
  assert.match(await text(page, '#clock-state'), /running/, 'the project clock is gone');

  const state = await ctl('GET', `/state?project_id=${P}`);
  assert.deepEqual(state.body.projects[0].functions, []);
  const inv = await ctl('GET', `/invocations?project_id=${P}`);
  assert.equal(inv.body.count, 0);

  await page.click('#nav a[data-page="projects"]');
  await page.waitForSelector('#no-functions', WAIT);
  await page.click('#nav a[data-page="invocations"]');
  await page.waitForFunction(() => /No invocations/.test(document.querySelector('#invocations-table').textContent), WAIT);
  await page.click('#nav a[data-page="journal"]');
  await page.waitForFunction(() => document.querySelector('#journal-summary').textContent !== '', WAIT);
  await page.click('#journal-filter input[name="this_project"]');
  await page.click('#journal-filter button[type="submit"]');
  await page.waitForFunction(() => /No requests match/.test(document.querySelector('#journal-table').textContent), WAIT);
  noProblems(page);
  await page.close();
});

test('with --admin-token the page asks for the token, not data', async () => {
  const guarded = await startEmulator(['--admin-token', 'sesame']);
  try {
    const gpub = publicApi(guarded.url, P);
    assert.equal((await gpub('POST', '', CREATE)).status, 200);
    const page = await open(`journal?project=${P}`, DESKTOP, guarded.url);
    await page.waitForSelector('#token-prompt:not([hidden])', WAIT);
    assert.equal(await page.$eval('#main', (m) => m.hidden), true, 'no data shown');
    assert.equal(await page.$$eval('#journal-table tbody tr.row', (r) => r.length), 0);
    await screenshot(page, 'token-prompt-1280');

    await page.type('#token-input', 'wrong');
    await page.click('#token-form button');
    await page.waitForFunction(() => /refused/.test(document.querySelector('#token-error').textContent), WAIT);
    assert.equal(await page.$eval('#main', (m) => m.hidden), true);

    await page.type('#token-input', 'sesame');
    await page.click('#token-form button');
    await page.waitForSelector('#journal-table tbody tr.row', WAIT);
    assert.equal(await page.$eval('#token-prompt', (m) => m.hidden), true);
    // Asked once: a reload in the same tab keeps the token.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#journal-table tbody tr.row', WAIT);
    assert.equal(await page.$eval('#token-prompt', (m) => m.hidden), true);
    noProblems(page);
    await page.close();
  } finally {
    await guarded.stop();
  }
});
