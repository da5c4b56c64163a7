#!/usr/bin/env node
// Runs a mocha suite inside the extension host of a real VS Code (code-server 4.100.3, VS Code
// 1.100.3), the @vscode/test-electron model without downloading VS Code. See shared E2E.md.
//
//   node test/e2e/runInCodeServer.mjs --workspace DIR --extension DIR --tests ABS/suite/index.js
//        [--untrusted] [--timeout-ms N] [--screenshot FILE] [--verbose]
//
// Exit code: the suite's (what the page passes to window.codeAutomationExit), 124 on timeout,
// 2 on bad arguments, 3 when code-server or the browser could not start.
//
// Function API for UI-driving tests: startCodeServer(opts) -> { url, port, stop() },
// launchBrowser(), workbenchUrl(...), runSuite(opts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import util, { parseArgs } from "node:util";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, "../..");
export const CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN ||
  path.join(REPO_ROOT, ".cache/code-server/node_modules/.bin/code-server");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on a free loopback port, in its own process group, with its own TMPDIR, an
 * empty config and throwaway user-data and extensions dirs (all under one temp root).
 * opts: { workspace, untrusted=false, settings={}, extraArgs=[], log=false|fn, startTimeoutMs=60000,
 *         codeServerBin, env }
 * Returns { url, port, root, userDataDir, extensionsDir, logFile, proc, stop() }.
 */
export async function startCodeServer(opts = {}) {
  const bin = opts.codeServerBin || CODE_SERVER_BIN;
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run scripts/get-code-server.sh first`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dl-code-server-"));
  const tmp = path.join(root, "tmp");
  const userDataDir = path.join(root, "user-data");
  const extensionsDir = path.join(root, "extensions");
  const config = path.join(root, "config.yaml");
  for (const d of [tmp, path.join(userDataDir, "User"), extensionsDir]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(config, "");
  const settings = {
    "workbench.startupEditor": "none",
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoUpdate": false,
    "extensions.autoCheckUpdates": false,
    ...(opts.settings || {}),
  };
  fs.writeFileSync(path.join(userDataDir, "User/settings.json"), JSON.stringify(settings, null, 2));

  const port = await freePort();
  const args = [
    "--config", config,
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--user-data-dir", userDataDir,
    "--extensions-dir", extensionsDir,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-getting-started-override",
    "--ignore-last-opened",
  ];
  if (!opts.untrusted) args.push("--disable-workspace-trust");
  args.push(...(opts.extraArgs || []));
  if (opts.workspace) args.push(path.resolve(opts.workspace));

  const logFile = path.join(root, "code-server.log");
  const logFd = fs.openSync(logFile, "a");
  const env = { ...process.env, ...(opts.env || {}), TMPDIR: tmp };
  // Not ours to pass on: a VS Code-in-VS Code environment would confuse the server.
  for (const k of Object.keys(env)) if (k.startsWith("VSCODE_")) delete env[k];
  delete env.ELECTRON_RUN_AS_NODE;
  const proc = spawn(bin, args, {
    cwd: root,
    env,
    detached: true, // own process group: stop() kills the whole tree
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFn = typeof opts.log === "function" ? opts.log : opts.log ? (s) => process.stderr.write(s) : null;
  for (const s of [proc.stdout, proc.stderr]) {
    s.on("data", (b) => {
      fs.writeSync(logFd, b);
      if (logFn) logFn(`[code-server] ${b}`);
    });
  }
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    proc.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const kill = (sig) => {
      try {
        process.kill(-proc.pid, sig);
      } catch {
        /* group already gone */
      }
    };
    if (!exited) {
      kill("SIGTERM");
      await Promise.race([exitPromise, sleep(5000)]);
    }
    kill("SIGKILL"); // stragglers of the group (extension host, language servers, ...)
    await sleep(100);
    try {
      fs.closeSync(logFd);
    } catch {
      /* closed */
    }
    if (!opts.keepTemp) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  cleanups.add(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not serve ${url}/healthz within ${opts.startTimeoutMs ?? 60000} ms`);
    }
    await sleep(200);
  }
  return {
    url,
    port,
    root,
    userDataDir,
    extensionsDir,
    logFile,
    proc,
    stop: async () => {
      cleanups.delete(stop);
      await stop();
    },
  };
}

/** The workbench URL for a folder, with the extension-development payload when given. */
export function workbenchUrl({ port, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const params = new URLSearchParams();
  if (workspace) params.set("folder", path.resolve(workspace));
  const payload = [];
  if (extensionDevelopmentPath) {
    payload.push(["extensionDevelopmentPath", `vscode-remote://${authority}${path.resolve(extensionDevelopmentPath)}`]);
  }
  if (extensionTestsPath) {
    payload.push(["extensionTestsPath", `vscode-remote://${authority}${path.resolve(extensionTestsPath)}`]);
  }
  if (payload.length) params.set("payload", JSON.stringify(payload));
  return `http://${authority}/?${params}`;
}

/** Debian's chromium driven by playwright-core (which downloads no browser). */
export async function launchBrowser(opts = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...opts,
  });
}

// Console lines that are known noise in this setup (see E2E.md); shown with --verbose only.
const NOISE = [
  /vsda/i,
  /open-vsx|gallery|marketplace|ENOTFOUND|ERR_NAME_NOT_RESOLVED/i,
  /Failed to load resource/i,
  /^(Resolving|Resolved) connection token|^Creating a socket|^\[Service Worker\]/,
  /^Updating additional builtin extensions cache|^ChatSessionStore:/,
  /web worker extension host is started in a same-origin iframe/,
  /allow-scripts and allow-same-origin/,
  /^Overwriting extension <<copilot/,
  /^Creation of workbench contribution '.*' took \d+ms/,
];

/**
 * The text of a page console message as the extension host meant it. VS Code forwards the
 * extension host's console calls as console.log("%c INFO", "color: #33f", ...originalArgs) without
 * applying the original format string (mocha's "%s%s", "%d passing (%s)"): apply it here.
 * Returns { level, text }.
 */
export async function formatConsoleMessage(msg) {
  let args = null;
  try {
    args = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    /* context gone: fall back to the text */
  }
  let level = msg.type();
  if (args && typeof args[0] === "string" && /^%c\s*(\w+)$/.test(args[0].trim()) && args.length >= 2) {
    level = args[0].replace("%c", "").trim().toLowerCase(); // info, warn, err, ...
    args = args.slice(2);
  }
  const text = args && args.length ? util.format(...args) : msg.text();
  return { level, text };
}

/** Forwards a page's console to out(), in order; returns flush() to await the pending lines. */
export function forwardConsole(page, { out = (s) => process.stdout.write(s), verbose = false } = {}) {
  let queue = Promise.resolve();
  page.on("console", (msg) => {
    const pending = formatConsoleMessage(msg);
    queue = queue.then(async () => {
      const { level, text } = await pending;
      if (!verbose && NOISE.some((re) => re.test(text))) return;
      const plain = level === "log" || level === "info";
      out((plain ? "" : `[${level}] `) + text + "\n");
    });
  });
  page.on("pageerror", (err) => {
    queue = queue.then(() => out(`[page exception] ${err.message}\n`));
  });
  return () => queue;
}

/**
 * Opens the workbench with the extension under development and its tests; resolves to the suite's
 * exit code (or 124 on timeout).
 */
export async function runSuite({
  workspace,
  extension,
  tests,
  untrusted = false,
  timeoutMs = 5 * 60 * 1000,
  screenshot,
  verbose = false,
  out = (s) => process.stdout.write(s),
}) {
  const t0 = Date.now();
  const server = await startCodeServer({ workspace, untrusted, log: verbose });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit;
    const exitCode = new Promise((r) => (resolveExit = r));
    await page.exposeFunction("codeAutomationExit", (code) => {
      resolveExit(typeof code === "number" ? code : Number(code) || 0);
    });
    const flush = forwardConsole(page, { out, verbose });
    const url = workbenchUrl({
      port: server.port,
      workspace,
      extensionDevelopmentPath: extension,
      extensionTestsPath: tests,
    });
    if (verbose) out(`[runner] ${url}\n`);
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r("timeout"), timeoutMs)));
    let code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    await Promise.race([flush(), sleep(5000)]);
    if (code === "timeout") {
      out(`[runner] timed out after ${timeoutMs} ms waiting for the suite to finish\n`);
      code = 124;
    }
    if (screenshot) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
        await page.screenshot({ path: screenshot, timeout: 10000 });
        out(`[runner] screenshot: ${screenshot}\n`);
      } catch (e) {
        out(`[runner] screenshot failed: ${e.message}\n`);
      }
    }
    if (code !== 0) {
      const tail = fs
        .readFileSync(server.logFile, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .slice(-20)
        .join("\n");
      out(`[runner] code-server log (tail):\n${tail}\n`);
    }
    out(`[runner] suite exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return code;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  }
}

// ---- cleanup on signals -------------------------------------------------------------------------
const cleanups = new Set();
async function cleanupAll() {
  await Promise.allSettled([...cleanups].map((f) => f()));
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(sig, () => {
    cleanupAll().finally(() => process.exit(130));
  });
}

// ---- CLI ----------------------------------------------------------------------------------------
async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        workspace: { type: "string" },
        extension: { type: "string" },
        tests: { type: "string" },
        untrusted: { type: "boolean", default: false },
        "timeout-ms": { type: "string" },
        screenshot: { type: "string" },
        verbose: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`runInCodeServer: ${e.message}`);
    return 2;
  }
  const usage =
    "usage: runInCodeServer.mjs --workspace DIR --extension DIR --tests ABS_PATH_TO_SUITE_INDEX_JS " +
    "[--untrusted] [--timeout-ms N] [--screenshot FILE] [--verbose]";
  if (!values.workspace || !values.extension || !values.tests) {
    console.error(usage);
    return 2;
  }
  const real = (p) => fs.realpathSync(path.resolve(p));
  let workspace, extension, tests;
  try {
    workspace = real(values.workspace);
    extension = real(values.extension);
    tests = real(values.tests);
  } catch (e) {
    console.error(`runInCodeServer: ${e.message}`);
    return 2;
  }
  if (!fs.existsSync(path.join(extension, "package.json"))) {
    console.error(`runInCodeServer: no package.json in --extension ${extension}`);
    return 2;
  }
  const timeoutMs = values["timeout-ms"] ? Number(values["timeout-ms"]) : 5 * 60 * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    console.error(`runInCodeServer: bad --timeout-ms ${values["timeout-ms"]}`);
    return 2;
  }
  try {
    return await runSuite({
      workspace,
      extension,
      tests,
      untrusted: values.untrusted,
      timeoutMs,
      screenshot: values.screenshot,
      verbose: values.verbose,
    });
  } catch (e) {
    console.error(`runInCodeServer: ${e.stack || e.message}`);
    await cleanupAll();
    return 3;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().then((code) => process.exit(code));
}
