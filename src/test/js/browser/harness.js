// The browser lab: serves page/ and the two libraries' browser builds from node_modules on a free loopback
// port, and drives Debian's headless Chromium (/usr/bin/chromium) through playwright-core. Nothing is
// downloaded: no CDN, and never a browser of Playwright's own.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

/** The broker's WebSocket endpoint, given by BrowserTest. */
export const brokerUrl = process.env.STRATUS_WS_URL ?? 'ws://127.0.0.1:8080/mqtt';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What this closed network needs: without the background-networking switches Chromium keeps trying to reach
 * Google's hosts. Playwright gives every launch a new empty --user-data-dir of its own (and refuses one in
 * args), and deletes it on close.
 */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const file = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const javascript = 'text/javascript; charset=utf-8';
const routes = new Map([
  ['/', [file('page/index.html'), 'text/html; charset=utf-8']],
  ['/sockets.js', [file('page/sockets.js'), javascript]],
  ['/lab.js', [file('page/lab.js'), javascript]],
  ['/vendor/mqtt.min.js', [file('../node_modules/mqtt/dist/mqtt.min.js'), javascript]],
  ['/vendor/paho-mqtt.js', [file('../node_modules/paho-mqtt/paho-mqtt.js'), javascript]],
]);

/** A short random id that keeps each test's topics and client ids apart from every other run's. */
export const uniqueId = () => randomUUID().slice(0, 8);

function serve() {
  const server = http.createServer(async (req, res) => {
    const route = routes.get(new URL(req.url, 'http://x').pathname);
    if (!route || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(route[0]);
      res.writeHead(200, { 'content-type': route[1], 'cache-control': 'no-store' }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, timeout: 30000 });
}

/**
 * A second Chromium, for a test that kills it: kill() sends SIGKILL to its whole process group, so its
 * sockets close without a goodbye of any kind.
 */
export async function launchKillableChromium() {
  const server = await chromium.launchServer({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, kill: () => server.kill() };
}

/**
 * One Chromium and the page server. Each page gets its own browser context, as separate tabs of separate
 * users would; uncaught errors in any page are kept in pageErrors for the tests to assert on.
 */
export class Lab {
  pageErrors = [];

  static async start() {
    const lab = new Lab();
    lab.server = await serve();
    lab.origin = `http://127.0.0.1:${lab.server.address().port}`;
    lab.browser = await launchChromium();
    return lab;
  }

  /** Opens the lab page in a new context of the given browser (this lab's by default) and waits for it. */
  async page(label, browser = this.browser) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => this.pageErrors.push(`${label}: ${e.message}`));
    if (process.env.LAB_DEBUG) {
      page.on('console', (m) => console.log(`[${label}] ${m.type()}: ${m.text()}`));
    }
    await page.goto(`${this.origin}/?broker=${encodeURIComponent(brokerUrl)}`);
    await page.waitForFunction(() => window.lab !== undefined, null, { timeout: 10000 });
    return page;
  }

  async close() {
    await this.browser?.close();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve()));
  }
}

/**
 * Asks the broker under test to drop a client's connection the way a draining node does
 * (io.stratusmq.testing.ConnectionControl, test builds only): 5.0 clients get DISCONNECT 0x8B first, 3.1.1
 * clients just lose the socket; no will, the session stays. Resolves with the number of connections dropped.
 */
export async function dropConnection(clientId) {
  const base = new URL(brokerUrl);
  base.protocol = base.protocol === 'wss:' ? 'https:' : 'http:';
  const res = await fetch(new URL(`/test-support/connections/${encodeURIComponent(clientId)}`, base), { method: 'DELETE' });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`drop ${clientId}: HTTP ${res.status} ${text}`);
  }
  return Number(text);
}
