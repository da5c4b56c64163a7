#!/usr/bin/env node
// Drives the real workbench (code-server + chromium via playwright-core) the way a user does:
// opens the Django view container, checks the Apps tree, introduces a model change and sees the
// drift warning, runs "Django: Make Migrations…" from the command palette picking the app in the
// quick pick (the real Django writes the migration), and opens "Django: Migrate…" to read the
// database picker's items. Takes screenshots on the way (the README's with E2E_UPDATE_SCREENSHOTS=1).
//   node test/e2e/ui/sidebar.ui.mjs --workspace DIR --extension DIR [--shots DIR]
// Prints "e2e: N passed, N failed, N skipped" last; exit 1 when a step failed.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, forwardConsole, launchBrowser, startCodeServer, workbenchUrl } from "../runInCodeServer.mjs";

const { values } = parseArgs({
  options: { workspace: { type: "string" }, extension: { type: "string" }, shots: { type: "string" }, verbose: { type: "boolean", default: false } },
});
const ws = fs.realpathSync(values.workspace);
const extension = fs.realpathSync(values.extension ?? REPO_ROOT);
// Test runs write to .cache/e2e; E2E_UPDATE_SCREENSHOTS=1 refreshes the README's copies.
const shots = values.shots ?? (process.env.E2E_UPDATE_SCREENSHOTS === "1" ? path.join(REPO_ROOT, "media", "screenshots") : path.join(REPO_ROOT, ".cache", "e2e", "screenshots"));
fs.mkdirSync(shots, { recursive: true });

const results = { passed: 0, failed: 0 };
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.failed++;
    console.log(`  ✘ ${name}: ${e.message.split("\n").slice(0, 6).join("\n    ")}`);
  }
}

const server = await startCodeServer({ workspace: ws });
const browser = await launchBrowser();
let page;
try {
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  if (values.verbose) forwardConsole(page, { verbose: true });
  await page.goto(workbenchUrl({ port: server.port, workspace: ws, extensionDevelopmentPath: extension }), { waitUntil: "domcontentloaded" });
  // Tree rows of the custom views, by their label (the row's aria-label adds the description).
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const row = (_view, label) =>
    page.locator('.monaco-list-row[role="treeitem"]').filter({ has: page.locator("a.label-name", { hasText: new RegExp(`^${escape(label)}$`) }) });

  await step("the Django view container opens with the Apps tree of the fixture", async () => {
    const item = page.locator('.activitybar [role="tab"][aria-label^="Django"], .activitybar a[aria-label^="Django"]').first();
    await item.waitFor({ timeout: 60000 });
    await item.click();
    await row("Apps", "shop").first().waitFor({ timeout: 60000 });
    await row("Apps", "users").first().waitFor();
  });

  const expand = async (label) => {
    const r = row("Apps", label).first();
    if ((await r.getAttribute("aria-expanded")) === "false") await r.locator(".monaco-tl-twistie").click();
  };

  await step("Apps tree: shop → Models → Product with its fields; screenshot", async () => {
    await expand("Models");
    await row("Apps", "Product").first().waitFor();
    await expand("Product");
    await row("Apps", "price").first().waitFor();
    await page.locator(".monaco-workbench").click({ position: { x: 900, y: 400 } }).catch(() => {});
    await page.screenshot({ path: path.join(shots, "sidebar.png") });
  });

  await step("a model change shows the drift warning; screenshot", async () => {
    const models = path.join(ws, "shop", "models.py");
    const src = fs.readFileSync(models, "utf8");
    fs.writeFileSync(models, src.replace("    in_stock = models.BooleanField(default=True)\n", '    in_stock = models.BooleanField(default=True)\n    sku = models.CharField(max_length=20, default="")\n'));
    const product = row("Apps", "Product").first();
    await page.waitForFunction(() => [...document.querySelectorAll(".monaco-list-row")].some((r) => /Product/.test(r.textContent) && /drift/.test(r.textContent)), null, { timeout: 30000 });
    await product.click(); // opens shop/models.py at the class
    await page.locator(".editor-instance .view-line", { hasText: "class Product" }).first().waitFor();
    await product.hover();
    await page.locator(".monaco-hover, .workbench-hover, .custom-hover", { hasText: "makemigrations would write" }).first().waitFor({ timeout: 3000 }).catch(() => {});
    await page.screenshot({ path: path.join(shots, "drift.png") });
  });

  const palette = async (title) => {
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("F1");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor();
      await input.fill(`>${title}`);
      const hit = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
      if (await hit.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
        await page.keyboard.press("Enter");
        return;
      }
    }
    throw new Error(`command "${title}" not in the palette`);
  };
  const quickPickLabels = async (placeholder) => {
    await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"], .quick-input-widget input[aria-label^="${placeholder}"]`).first().waitFor({ timeout: 20000 });
    await page.locator(".quick-input-list .monaco-list-row").first().waitFor();
    // The first label of each row (a row also holds its description and detail labels).
    return page.locator(".quick-input-list .monaco-list-row").evaluateAll((rows) => rows.map((r) => r.querySelector(".label-name")?.textContent ?? ""));
  };
  const choose = async (label) => {
    await page.keyboard.type(label);
    await page.locator(`.quick-input-list .monaco-list-row[aria-label="${label}"]`).first().waitFor();
    await page.keyboard.press("Enter");
  };

  await step("command palette: Django: Make Migrations… → pick shop → the real Django writes 0004_product_sku.py", async () => {
    await palette("Django: Make Migrations…");
    const apps = await quickPickLabels("Make migrations for which app?");
    if (!apps.includes("shop")) throw new Error(`app picker: ${apps.join(", ")}`);
    await choose("shop");
    const file = path.join(ws, "shop", "migrations", "0004_product_sku.py");
    const t0 = Date.now();
    while (!fs.existsSync(file)) {
      if (Date.now() - t0 > 40000) throw new Error(`${file} did not appear`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  await step("command palette: Django: Migrate… offers the databases default and users", async () => {
    await palette("Django: Migrate…");
    await quickPickLabels("Migrate which app?");
    await choose("shop");
    const dbs = await quickPickLabels("Database");
    if (JSON.stringify(dbs) !== JSON.stringify(["default", "users"])) throw new Error(`database picker: ${JSON.stringify(dbs)}`);
    await page.screenshot({ path: path.join(shots, "database-picker.png") });
    await page.keyboard.press("Escape");
  });
} catch (e) {
  results.failed++;
  console.log(`  ✘ ${e.stack ?? e}`);
} finally {
  if (page && results.failed) await page.screenshot({ path: path.join(REPO_ROOT, ".cache", "e2e", "ui-failure.png") }).catch(() => {});
  await browser.close().catch(() => {});
  await server.stop();
}
console.log(`e2e: ${results.passed} passed, ${results.failed} failed, 0 skipped`);
process.exit(results.failed ? 1 : 0);
