// Opens pages in the system's headless Chromium (Debian's `chromium` package) and reports what a shopper would
// see: a full-page screenshot per viewport, a few DOM facts, and axe-core's accessibility violations.
//
//   node page-check.mjs spec.json
//
// spec.json: {"chromium": "/usr/bin/chromium", "outDir": "...", "resultFile": "...",
//             "viewports": [{"name": "phone", "width": 390, "height": 844, "mobile": true}, ...],
//             "pages": [{"name": "in-transit", "url": "http://127.0.0.1:1234/t/..."}]}
// Writes {"results": [{page, viewport, status, facts, violations, screenshot, dialogs, consoleErrors, noScriptDom}]}
// to resultFile (noScriptDom: the DOM with JavaScript disabled, for the first viewport only).
// Used by functions/tracking-page's TrackingPageBrowserIT; installed by install-chromium.sh (npm ci).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(spec.outDir, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: spec.chromium || '/usr/bin/chromium',
  headless: true,
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none',
         '--lang=en-US', '--hide-scrollbars'],
});

const results = [];
try {
  for (const target of spec.pages) {
    for (const viewport of spec.viewports) {
      const page = await browser.newPage();
      const dialogs = [];
      const consoleErrors = [];
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      // The page's CSP forbids every script, rightly; axe is injected by the test harness only.
      await page.setBypassCSP(true);
      await page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: 1,
                               isMobile: !!viewport.mobile, hasTouch: !!viewport.mobile });
      const response = await page.goto(target.url, { waitUntil: 'load', timeout: 30000 });
      const screenshot = join(spec.outDir, `${target.name}-${viewport.name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      const facts = await page.evaluate(() => {
        const card = document.querySelector('section.card');
        const label = card ? card.querySelector('.status-label') : document.querySelector('h1');
        const box = label ? label.getBoundingClientRect() : null;
        const style = label ? getComputedStyle(label) : null;
        const current = card ? card.querySelector('.steps [aria-current="step"]') : null;
        return {
          title: document.title,
          lang: document.documentElement.lang,
          statusText: label ? label.innerText.trim() : null,
          statusVisible: !!(box && box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
                            && style.display !== 'none' && box.top < window.innerHeight),
          dataStatus: card ? card.dataset.status : null,
          activeStep: current ? current.dataset.step : null,
          activeStepText: current ? current.querySelector('.step-label').innerText.trim() : null,
          cards: document.querySelectorAll('section.card').length,
          scripts: document.querySelectorAll('script').length,
          eventHandlerAttributes: Array.from(document.querySelectorAll('*'))
            .filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
          pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
          bodyText: document.body.innerText,
          horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      await page.evaluate(axeSource);
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      });
      await page.close();
      let noScriptDom = null;
      if (viewport === spec.viewports[0]) {
        // The same page with JavaScript switched off, read through the DevTools DOM domain (no script needed):
        // what a shopper with scripting disabled gets.
        const bare = await browser.newPage();
        await bare.setJavaScriptEnabled(false);
        await bare.setViewport({ width: viewport.width, height: viewport.height });
        await bare.goto(target.url, { waitUntil: 'load', timeout: 30000 });
        const cdp = await bare.createCDPSession();
        const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
        noScriptDom = (await cdp.send('DOM.getOuterHTML', { nodeId: root.nodeId })).outerHTML;
        await bare.close();
      }
      results.push({ page: target.name, viewport: viewport.name, status: response ? response.status() : 0,
                     headers: response ? response.headers() : {}, facts, violations: axe, screenshot,
                     dialogs, consoleErrors, noScriptDom });
    }
  }
} finally {
  await browser.close();
}
writeFileSync(spec.resultFile, JSON.stringify({ results }, null, 2));
