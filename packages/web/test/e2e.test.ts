// End-to-end tests: the built web app served by `opis serve` (real data), driven in Debian's
// Chromium by playwright-core. Without /usr/bin/chromium they skip, unless OPIS_REQUIRE_BROWSER=1.
// OPIS_E2E_URL=<url> runs them against a server that is already running.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const webDir = new URL('..', import.meta.url).pathname;
const root = join(webDir, '..', '..');
const shots = join(webDir, 'test-results');
const haveBrowser = existsSync(CHROMIUM);
const requireBrowser = process.env.OPIS_REQUIRE_BROWSER === '1';
const skip =
  !haveBrowser && !requireBrowser ? `${CHROMIUM} is missing (OPIS_REQUIRE_BROWSER=1 makes this fail)` : false;

function newestMtime(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the app when dist is missing or older than its sources. */
function ensureBuild(): void {
  const index = join(webDir, 'dist', 'index.html');
  const stale =
    !existsSync(index) ||
    statSync(index).mtimeMs <
      Math.max(newestMtime(join(webDir, 'src')), statSync(join(webDir, 'index.html')).mtimeMs);
  if (!stale) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, encoding: 'utf8' });
  assert.equal(r.status, 0, `vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts `opis serve --port 0` and waits for its `opis: serving <url>` line. */
function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'packages/cli/bin/opis.mjs'), 'serve', '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`opis serve printed no URL within 300 s\nstdout: ${out}\nstderr: ${err}`));
    }, 300_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /opis: serving (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1].replace(/\/$/, ''), stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`opis serve exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

describe('the explorer in a headless Chromium', { skip }, () => {
  let browser: Browser;
  let base = '';
  let stop: () => Promise<void> = async () => {};

  before(async () => {
    assert.ok(haveBrowser, `${CHROMIUM} is missing and OPIS_REQUIRE_BROWSER=1`);
    mkdirSync(shots, { recursive: true });
    ensureBuild();
    if (process.env.OPIS_E2E_URL) {
      base = process.env.OPIS_E2E_URL.replace(/\/$/, '');
    } else {
      const s = await startServer();
      base = s.url;
      stop = s.stop;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await stop();
  });

  async function open(
    path: string,
    viewport = { width: 1280, height: 900 },
    slowApi?: string,
  ): Promise<Page> {
    const page = await browser.newPage({ viewport });
    // Holding back one API answer makes a race with the user's first keys happen every time.
    if (slowApi)
      await page.route(`**${slowApi}**`, async (r) => {
        await new Promise((done) => setTimeout(done, 1500));
        await r.continue();
      });
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Nothing may be fetched from anywhere but the server under test.
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:'))
        errors.push(`external request: ${r.url()}`);
    });
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto(base + path);
    return page;
  }

  async function finish(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'page errors or external requests');
    await page.close();
  }

  test('search "Ezhov" as you type and land on Yezhov, a page that survives a reload', async () => {
    const page = await open('/');
    await page.locator('#q').pressSequentially('Ezhov', { delay: 40 });
    await page.waitForURL(/\/search\?q=Ezhov$/);
    const hit = page.locator('.results a', { hasText: /Yezhov/ }).first();
    await hit.waitFor();
    await hit.click();
    await page.waitForURL(/\/person\/yezhov$/);
    await page.locator('h1', { hasText: 'Yezhov' }).waitFor();
    await page.locator('[lang="ru"]', { hasText: 'Ежов' }).first().waitFor();
    // The romanizations arrive from /api/translit: at least two systems besides the Cyrillic.
    await page.locator('#s-names + .names table tbody tr').nth(2).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: 'Yezhov' }).waitFor();
    // Cyrillic finds him too.
    await page.goto(`${base}/search?q=${encodeURIComponent('Ежов')}`);
    await page.locator('.results a[href="/person/yezhov"]').first().waitFor();
    await finish(page, 'search-ezhov');
  });

  test('on 1937-03-01 the NKVD is headed by Yezhov and the Politburo has its members', async () => {
    const page = await open('/state/1935-06-01');
    const nkvd = page.locator('article.card[data-institution="nkvd"]');
    await nkvd.waitFor();
    assert.doesNotMatch(
      (await nkvd.textContent()) ?? '',
      /Yezhov/,
      'Yezhov did not head the NKVD in June 1935',
    );
    await page.locator('#state-date').fill('1937-03-01');
    await page.locator('#state-date').dispatchEvent('change');
    await page.waitForURL(/\/state\/1937-03-01$/);
    await page.locator('h1 time[datetime="1937-03-01"]').waitFor();
    await nkvd.locator('h3', { hasText: 'NKVD' }).waitFor();
    await nkvd.locator('a[href="/person/yezhov"]').first().waitFor();
    const politburo = page.locator('article.card[data-institution="politburo"]');
    await politburo.waitFor();
    const members = await politburo.locator('tbody tr').count();
    assert.ok(members >= 5, `the Politburo lists ${members} office holders`);
    const text = (await politburo.textContent()) ?? '';
    assert.match((await politburo.locator('h3').textContent()) ?? '', /Politburo/);
    for (const name of ['Stalin', 'Molotov', 'Kaganovich']) assert.match(text, new RegExp(name));
    await page.reload();
    await politburo.waitFor();
    await finish(page, 'state-1937-03-01');
  });

  test('the statistics page shows 353,074 people shot in 1937 (Table 1), with its source', async () => {
    const page = await open('/statistics');
    await page.locator('a[href="/statistics/table-1"]').click();
    await page.waitForURL(/\/statistics\/table-1$/);
    const row = page.locator('table tbody tr', { has: page.locator('th', { hasText: /^1937$/ }) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /353,074/);
    await page.locator('.chart-box svg').first().waitFor();
    assert.match((await page.locator('.lede').textContent()) ?? '', /GARF/);
    await finish(page, 'statistics-table-1');
  });

  test('open a person from the sources tree', async () => {
    const page = await open('/sources');
    await page.locator('.tree').waitFor();
    // Open the archive, fond and opis of each file in turn until one has a person resting on it.
    const files = await page.evaluate(() => {
      for (const d of document.querySelectorAll('.tree details')) (d as HTMLDetailsElement).open = true;
      return [...document.querySelectorAll<HTMLAnchorElement>('.tree a[href^="/sources/"]')].map((a) =>
        a.getAttribute('href'),
      );
    });
    assert.ok(files.length > 0, 'the tree lists archival files');
    let found = false;
    for (const href of files.slice(0, 15)) {
      await page.goto(`${base}/sources`);
      await page.locator('.tree').waitFor();
      const link = page.locator(`.tree a[href="${href}"]`);
      // Reach it with clicks on the summaries, as a user would.
      for (let depth = 0; depth < 4 && !(await link.isVisible()); depth++) {
        const owner = page
          .locator('.tree details:not([open])', { has: page.locator(`a[href="${href}"]`) })
          .first();
        if ((await owner.count()) === 0) break;
        await owner.locator(':scope > summary').click();
      }
      await link.click();
      await page.locator('main h2').first().waitFor();
      const person = page.locator('main a[href^="/person/"]').first();
      if ((await person.count()) === 0) continue;
      const name = ((await person.textContent()) ?? '').trim();
      await person.click();
      await page.waitForURL(/\/person\/[a-z0-9-]+$/);
      await page.locator('h1').first().waitFor();
      assert.ok(((await page.locator('h1').textContent()) ?? '').length > 0, `person page for ${name}`);
      found = true;
      break;
    }
    assert.ok(found, 'no archival file among the first 15 leads to a person');
    await finish(page, 'sources-person');
  });

  type Cell = { series: string; year: number; scenario: string; stat: string; value: number };
  /** Every number of the simulation's tables, read from their data attributes. */
  const simCells = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('table[data-series] tbody tr')].flatMap((tr) =>
        [...tr.querySelectorAll<HTMLElement>('td[data-scenario][data-stat]')].map((td) => ({
          series: tr.closest('table')?.getAttribute('data-series') ?? '',
          year: Number(tr.getAttribute('data-year')),
          scenario: td.dataset.scenario ?? '',
          stat: td.dataset.stat ?? '',
          value: Number(td.dataset.value),
        })),
      ),
    ) as Promise<Cell[]>;

  async function runSimulation(
    page: Page,
    o: { scenario: string; compare?: string; seeds: string; scale: string },
  ) {
    await page.locator('#sim-scenario').selectOption(o.scenario);
    await page.locator('#sim-compare').selectOption(o.compare ?? '');
    await page.locator('#sim-seeds').fill(o.seeds);
    await page.locator('#sim-scale').selectOption(o.scale);
    await page.locator('#sim-run').click();
    await page.locator('#sim-status', { hasText: /^Done/ }).waitFor({ timeout: 180_000 });
    await page.locator('table[data-series="shot"] tbody tr[data-year="1939"]').waitFor();
  }

  test('simulation: the worker in the browser gives the numbers /api/simulate gives on the server', async () => {
    const page = await open('/simulation');
    await page.locator('#sim-scenario option[value="baseline"]').waitFor({ state: 'attached' });
    const t0 = Date.now();
    await runSimulation(page, { scenario: 'baseline', seeds: '1..3', scale: '4000' });
    const browserSeconds = (Date.now() - t0) / 1000;
    assert.match((await page.locator('#sim-status').textContent()) ?? '', /3 of 3 runs/);
    assert.match(page.url(), /\/simulation\?scenario=baseline&seeds=1..3&scale=4000$/);
    const cells = await simCells(page);
    assert.equal(cells.length, 6 * 8 * 3, 'median, 5% and 95% for six series over eight years');
    const res = await fetch(`${base}/api/simulate?scenario=baseline&seeds=1..3&scale=4000`);
    assert.equal(res.status, 200);
    const server = (await res.json()) as {
      lines: { series: string; year: number; median: number; lo: number; hi: number }[];
    };
    for (const line of server.lines)
      for (const stat of ['median', 'lo', 'hi'] as const) {
        const got = cells.find((c) => c.series === line.series && c.year === line.year && c.stat === stat);
        assert.equal(got?.value, line[stat], `${line.series} ${line.year} ${stat}`);
      }
    // Held-out years are marked in the table (and drawn on a grey band in the chart).
    const row38 = page.locator('table[data-series="shot"] tr[data-year="1938"]');
    assert.match((await row38.textContent()) ?? '', /held out/);
    assert.match((await row38.locator('td[data-stat="observed"]').textContent()) ?? '', /328,618/);
    await page.locator('section svg').first().waitFor();
    assert.ok(
      (await page.locator('figure.chart svg[aria-hidden="true"]').count()) >= 6,
      'a chart per series',
    );
    process.stdout.write(
      `# simulation in the browser: 3 runs at 1:4000 in ${browserSeconds.toFixed(1)} s (page and worker)\n`,
    );
    await finish(page, 'simulation-baseline');
  });

  test('simulation: without mass operations, fewer are shot in 1937 than in the baseline', async () => {
    const page = await open('/simulation?scenario=baseline&compare=no-mass-operations&seeds=1..2&scale=4000');
    await page.locator('#sim-compare option[value="no-mass-operations"]').waitFor({ state: 'attached' });
    assert.equal(
      await page.locator('#sim-compare').inputValue(),
      'no-mass-operations',
      'the link sets the form',
    );
    await runSimulation(page, {
      scenario: 'baseline',
      compare: 'no-mass-operations',
      seeds: '1..2',
      scale: '4000',
    });
    const cells = await simCells(page);
    const shot37 = (scenario: string) =>
      cells.find(
        (c) => c.series === 'shot' && c.year === 1937 && c.scenario === scenario && c.stat === 'median',
      )?.value;
    const a = shot37('baseline');
    const b = shot37('no-mass-operations');
    assert.ok(a !== undefined && b !== undefined, 'both scenarios are in the table');
    assert.ok(b < a, `1937 shot: no-mass-operations ${b} is not below baseline ${a}`);
    assert.match((await page.locator('.sim-legend').textContent()) ?? '', /no-mass-operations/);
    await finish(page, 'simulation-compare');
  });

  test('simulation: an unknown scenario, unreadable seeds and a cancelled run each say so', async () => {
    const page = await open('/simulation?scenario=nope');
    await page.locator('.error', { hasText: /no scenario named ‘nope’/ }).waitFor();
    // The form still works: the server's own words for seeds it cannot read.
    await page.locator('#sim-seeds').fill('1..x');
    await page.locator('#sim-run').click();
    await page.locator('#sim-results .error', { hasText: /cannot read seeds/ }).waitFor();
    assert.match((await page.locator('#sim-status').textContent()) ?? '', /could not start/);
    // Cancel from the keyboard while it runs.
    await page.locator('#sim-seeds').fill('1..40');
    await page.locator('#sim-scale').selectOption('1000');
    await page.locator('#sim-run').click();
    await page.locator('#sim-status', { hasText: /^Running/ }).waitFor({ timeout: 60_000 });
    await page.locator('#sim-cancel').focus();
    await page.keyboard.press('Enter');
    await page.locator('#sim-status', { hasText: /^Cancelled after \d+ of 40 runs/ }).waitFor();
    assert.equal(await page.locator('#sim-run').isDisabled(), false, 'Run is offered again');
    assert.equal(await page.locator('table[data-series]').count(), 0);
    await finish(page, 'simulation-errors');
  });

  test('keyboard and phone: a skip link first, no sideways scrolling at 390 px', async () => {
    // The skip link is used while the page is still loading: that must not break the page.
    const page = await open('/state/1937-03-01', { width: 390, height: 844 }, '/api/state');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    await page.locator('article.card').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone screen`);
    await finish(page, 'phone-state');
  });
});
