/**
 * index.html as an auditor meets it: opened from disk in Debian's Chromium (installed by .ci/run;
 * playwright-core drives it and never downloads a browser of its own). A screenshot is left in
 * test-results/evidence/index.png for review.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { renderHtml } from "../../../pipelines/evidence/html";
import { HOSTILE, htmlModel } from "./fixtures/htmlModel";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = path.join(__dirname, "../../../test-results/evidence/index.png");
const model = htmlModel();

jest.setTimeout(60_000);

// The few browser globals that the functions run inside the page use (the project's lib has no DOM).
declare const window: { __pwned?: number };
declare const document: {
  addEventListener(
    type: "securitypolicyviolation",
    listener: (e: { effectiveDirective: string }) => void,
    options: { once: true },
  ): void;
};
interface PageElement {
  hasAttribute(name: string): boolean;
}
declare function getComputedStyle(element: unknown): { backgroundColor: string };
declare function dispatchEvent(event: Event): boolean;

let browser: Browser;
let dir: string;
let url: string;

/** A page on index.html that refuses and records every request but the file itself. */
async function open(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.route("**/*", (route) =>
    route.request().url() === url ? route.continue() : route.abort("blockedbyclient"),
  );
  await page.goto(url);
  return { page, problems, requests };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y --no-install-recommends chromium), as .ci/run does`,
    );
  }
  dir = mkdtempSync(path.join(tmpdir(), "evidence-html-"));
  const file = path.join(dir, "index.html");
  writeFileSync(file, renderHtml(model));
  url = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the matrix renders, a criterion opens onto its results, and nothing errs or loads", async () => {
  const { page, problems, requests } = await open();

  const rows = page.locator("table.matrix > tbody.criterion > tr.criterion-row");
  await expect(rows.count()).resolves.toBe(model.criteria.length);
  const cc81 = page.locator("#criterion-CC8-1");
  await expect(cc81.locator("td.status").innerText()).resolves.toBe("not met");
  await expect(page.locator("#criterion-CC7-2 td.status").innerText()).resolves.toBe("met");
  // Colour repeats the words: "not met" and "met" do not look alike.
  const background = (id: string) =>
    page
      .locator(`#criterion-${id} td.status .badge`)
      .evaluate((e) => getComputedStyle(e).backgroundColor);
  await expect(background("CC8-1")).resolves.not.toBe(await background("CC7-2"));

  const failing = cc81.locator(".results tr", { hasText: "fail" });
  await expect(failing.isVisible()).resolves.toBe(false);
  await cc81.locator("summary").click();
  await expect(
    cc81.locator("details").evaluate((d: PageElement) => d.hasAttribute("open")),
  ).resolves.toBe(true);
  await expect(failing.isVisible()).resolves.toBe(true);
  const failingText = await failing.innerText();
  expect(failingText).toContain("soc2-pipeline-blueprint");
  expect(failingText).toContain("The default-branch ruleset requires 1 approval, not 2.");
  // The planted markup is shown as text, and none of it ran.
  expect(failingText).toContain(HOSTILE);
  await expect(page.evaluate(() => window.__pwned)).resolves.toBe(undefined);
  await expect(cc81.locator(".results tbody tr").count()).resolves.toBe(
    model.rows.filter((r) => r.criterion === "CC8.1").length,
  );

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  expect(existsSync(SCREENSHOT)).toBe(true);

  expect(problems).toEqual([]);
  expect(requests).toEqual([]);
  await page.close();
});

test("printing opens every criterion, and closes again those the reader had not opened", async () => {
  const { page, problems } = await open();
  const details = page.locator("details");
  const opened = () =>
    details.evaluateAll((all: PageElement[]) => all.filter((d) => d.hasAttribute("open")).length);
  await page.locator("#criterion-CC6-1 summary").click();
  await expect(opened()).resolves.toBe(1);
  await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
  await expect(opened()).resolves.toBe(model.criteria.length);
  await page.evaluate(() => dispatchEvent(new Event("afterprint")));
  await expect(opened()).resolves.toBe(1);
  await expect(
    page.locator("#criterion-CC6-1 details").evaluate((d: PageElement) => d.hasAttribute("open")),
  ).resolves.toBe(true);
  expect(problems).toEqual([]);
  await page.close();
});

test("the Content-Security-Policy refuses a fetch before it reaches the network", async () => {
  const { page, requests } = await open();
  // `.invalid` never resolves, and the route refuses it anyway: nothing can leave the machine.
  const refused = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), {
          once: true,
        });
        fetch("https://evidence.invalid/").catch(() => undefined);
      }),
  );
  expect(refused).toBe("connect-src");
  expect(requests).toEqual([]);
  await page.close();
});
