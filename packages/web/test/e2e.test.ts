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
