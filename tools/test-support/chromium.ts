// Headless Chromium for tests that must see what a person sees: finds the browser, starts it
// isolated (fresh profile, no network of its own) and drives one page through the Chrome
// DevTools Protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON), which
// needs no WebSocket client and no port.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** No first-run UI, no sync, no updates, no QUIC: the browser only loads what the test gives it. */
export const HEADLESS_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--window-size=1200,1600',
];

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** `$CHROMIUM` if set, else the first of the usual names on PATH; undefined when there is none. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined;
}

export const CHROMIUM_MISSING =
  '\n\n*** BROWSER TESTS SKIPPED: no Chromium found (set $CHROMIUM or put chromium on PATH; ' +
  'Debian: apt-get install -y --no-install-recommends chromium). The HTML report was NOT checked in a browser. ***\n';

const COMMAND_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A running headless Chromium with its own throw-away profile directory. */
export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: { method: string; sessionId?: string; resolve: () => void }[] = [];
  private stderr = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const input = child.stdio[4] as Readable;
    let buffered = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
        this.dispatch(JSON.parse(buffered.slice(0, end)) as CdpMessage);
        buffered = buffered.slice(end + 1);
      }
    });
    // A browser that dies closes the pipe; the exit handler reports that with its stderr.
    (child.stdio[3] as Writable).on('error', () => undefined);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => {
      // Could not be started (or signalled): nothing is running to wait for.
      this.exited = true;
      this.failAll(error);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.failAll(new Error(`chromium exited (${signal ?? code}): ${this.stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  }

  static async launch(executable: string): Promise<Chromium> {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-chromium-'));
    const child = spawn(executable, [...HEADLESS_FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const browser = new Chromium(child, userDataDir);
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
      await browser.send('Browser.getVersion');
    } catch (error) {
      await browser.close();
      throw error;
    }
    return browser;
  }

  /** Sends one CDP command (to a page when `sessionId` is given) and resolves with its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`chromium is not running (${method})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} got no answer in ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  /** Resolves at the next event `method` (of the page `sessionId`). Register before causing it. */
  nextEvent(method: string, sessionId?: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, sessionId, resolve }));
  }

  /** Opens `url` in a new page of the given viewport and waits until it and its fonts are loaded. */
  async open(url: string, viewport: { width: number; height: number }): Promise<Page> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const page = new Page(this, sessionId);
    await page.setViewport(viewport.width, viewport.height);
    await this.send('Page.enable', {}, sessionId);
    const loaded = this.nextEvent('Page.loadEventFired', sessionId);
    const navigation = (await this.send('Page.navigate', { url }, sessionId)) as { errorText?: string };
    if (navigation.errorText) throw new Error(`cannot open ${url}: ${navigation.errorText}`);
    await loaded;
    await page.evaluate('document.fonts.ready.then(() => true)');
    return page;
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.send('Browser.close').catch(() => undefined);
      const killed = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killed);
    }
    rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }

  private dispatch(message: CdpMessage): void {
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new Error(`CDP: ${message.error.message}`));
      else pending.resolve(message.result ?? {});
      return;
    }
    const index = this.waiters.findIndex((w) => w.method === message.method && w.sessionId === message.sessionId);
    if (index >= 0) this.waiters.splice(index, 1)[0].resolve();
  }

  private failAll(error: Error): void {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  className: string;
  /** The element's data-* attributes. */
  data: Record<string, string>;
}

/** One page of a Chromium: evaluate script in it, size it, screenshot it. */
export class Page {
  constructor(
    private readonly browser: Chromium,
    private readonly sessionId: string,
  ) {}

  async setViewport(width: number, height: number): Promise<void> {
    await this.browser.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, this.sessionId);
  }

  /** The value of a JavaScript expression in the page (awaited if it is a promise), as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.browser.send(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      this.sessionId,
    )) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (exceptionDetails) throw new Error(`page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /**
   * Where every element matching `selector` was laid out, in CSS pixels of the page (the
   * screenshot's pixels after `screenshot()`, which leaves nothing to scroll).
   */
  boxes(selector: string): Promise<Box[]> {
    return this.evaluate<Box[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,
        text: e.textContent, className: e.getAttribute('class') ?? '', data: { ...e.dataset } };
    })`);
  }

  /** A PNG of the whole page: the viewport is grown to the document's height first. */
  async screenshot(width: number): Promise<Buffer> {
    const height = await this.evaluate<number>('Math.ceil(document.documentElement.scrollHeight)');
    await this.setViewport(width, height);
    const { data } = (await this.browser.send('Page.captureScreenshot', { format: 'png' }, this.sessionId)) as { data: string };
    return Buffer.from(data, 'base64');
  }
}
