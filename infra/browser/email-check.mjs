// Renders email HTML files in the system's headless Chromium (Debian's `chromium` package) the way a webmail or
// phone client shows them, and reports what a shopper would meet: a full-page screenshot per viewport, horizontal
// overflow, the headline's box, every image (alt text, loaded or not), every link, and axe-core's violations.
//
//   node email-check.mjs spec.json
//
// spec.json: {"chromium": "/usr/bin/chromium", "outDir": "...", "resultFile": "...",
//             "viewports": [{"name": "360", "width": 360, "height": 740, "mobile": true, "colorScheme": "light"}, ...],
//             "pages": [{"name": "shipped-en", "url": "file:///.../shipped-en.html"}],
//             "images": ["https://cdn.northwind.example/"]}
// Image requests under an "images" prefix are answered with a small PNG (the merchant's CDN, offline); every other
// network request is refused, as a privacy-minded client does, so an email that needs one shows up broken.
// Writes {"results": [{page, viewport, facts, violations, screenshot, consoleErrors}]} to resultFile.
// Used by infra/browser's EmailRenderingBrowserIT.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(spec.outDir, { recursive: true });
// a 120x40 opaque PNG standing in for the merchant's logo
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAIAAAC6iKlyAAAAYElEQVR42u3aQREAIAwDwfh3UnsYABEwLY/NnIJ9J9taFgSgQdsl9KroYaBBgxZo0KBBgwYt0KBBgwYNWqBBgwYNGrRAgwYNGjRogQYNGjRo0AINGjToOWjz+AdtoL/aAfUzrd0s+59rAAAAAElFTkSuQmCC', 'base64');

const browser = await puppeteer.launch({
  executablePath: spec.chromium || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none',
         '--lang=en-US', '--hide-scrollbars', '--allow-file-access-from-files'],
});

const results = [];
try {
  for (const target of spec.pages) {
    for (const viewport of spec.viewports) {
      const page = await browser.newPage();
      const consoleErrors = [];
      const refused = [];
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('file:') || url.startsWith('data:')) return req.continue();
        if ((spec.images || []).some((p) => url.startsWith(p))) {
          return req.respond({ status: 200, contentType: 'image/png', body: PNG });
        }
        refused.push(url);
        return req.abort('blockedbyclient');
      });
      await page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: 1,
                               isMobile: !!viewport.mobile, hasTouch: !!viewport.mobile });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: viewport.colorScheme || 'light' }]);
      await page.goto(target.url, { waitUntil: 'load', timeout: 30000 });
      const screenshot = join(spec.outDir, `${target.name}-${viewport.name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      const facts = await page.evaluate(() => {
        const h1 = document.querySelector('h1');
        const box = h1 ? h1.getBoundingClientRect() : null;
        return {
          lang: document.documentElement.lang,
          title: document.title,
          headline: h1 ? h1.innerText.trim() : null,
          headlineInside: !!(box && box.left >= 0 && box.right <= window.innerWidth + 0.5 && box.width > 0),
          horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth
                              || document.body.scrollWidth > window.innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          images: Array.from(document.images).map((img) => ({ src: img.getAttribute('src'),
            alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0 })),
          links: Array.from(document.querySelectorAll('a')).map((a) => {
            const href = a.getAttribute('href');
            let parsed = null;
            try { parsed = new URL(href).protocol; } catch (e) { parsed = null; }
            return { href, protocol: parsed, text: a.innerText.trim() };
          }),
          scripts: document.querySelectorAll('script').length,
          eventHandlerAttributes: Array.from(document.querySelectorAll('*'))
            .filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
          pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
          bodyText: document.body.innerText,
        };
      });
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      });
      await page.close();
      results.push({ page: target.name, viewport: viewport.name, facts, violations, screenshot, consoleErrors,
                     refused });
    }
  }
} finally {
  await browser.close();
}
writeFileSync(spec.resultFile, JSON.stringify({ results }, null, 2));
