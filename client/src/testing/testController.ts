// The test explorer: items from the server's static discovery (djangoLens/tests), runs through
// `manage.py test <labels> --verbosity=2`, results per test from that output, or from xmlrunner's
// XML reports when the project's TEST_RUNNER is unittest-xml-reporting's. Debug starts the same
// command under debugpy (the Python Debugger extension).
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type TestItemInfo, TestsRequest, type TestsResult } from "../../../server/src/protocol";
import { runCaptured } from "../commands/capture";
import { manageArgs } from "../commands/manageArgs";
import { manageEnv } from "../commands/manageTask";
import { interpreterFor } from "../python/pythonInterpreter";
import { requireTrust } from "../trust";
import { toRange } from "../tree/locations";
import { type TestResult, isXmlRunner, parseJUnitXml, parseVerboseOutput } from "./results";

interface ItemData {
  managePy: string;
  /** The dotted label manage.py test takes; "" for the project (run everything). */
  label: string;
}

interface ProjectTests {
  managePy: string;
  testRunner: string | null;
}

export class DjangoTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController("djangoLens", vscode.l10n.t("Django"));
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private projects = new Map<string, ProjectTests>();
  /** The last outcome per test id, for the status of a run (and the end-to-end tests). */
  readonly outcomes = new Map<string, string>();
  private readonly ran = new vscode.EventEmitter<void>();
  /** Fires when a run ends. */
  readonly onDidFinishRun = this.ran.event;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
  ) {
    this.controller.refreshHandler = () => this.refresh();
    this.controller.createRunProfile(vscode.l10n.t("Run"), vscode.TestRunProfileKind.Run, (req, token) => this.run(req, token, false), true);
    this.controller.createRunProfile(vscode.l10n.t("Debug"), vscode.TestRunProfileKind.Debug, (req, token) => this.run(req, token, true), true);
  }

  dispose(): void {
    this.controller.dispose();
    this.ran.dispose();
  }

  /** Runs the tests under the given labels (an app label, a module, class or method) of a project. */
  async runLabels(managePy: string, labels: string[]): Promise<void> {
    if (!this.projects.size) await this.refresh();
    const include: vscode.TestItem[] = [];
    const visit = (items: vscode.TestItemCollection) =>
      items.forEach((i) => {
        const d = this.data.get(i);
        const hit = d && d.managePy === managePy && (labels.length === 0 ? d.label !== "" : labels.some((l) => d.label === l || d.label.startsWith(l + ".")));
        if (hit) include.push(i);
        else visit(i.children);
      });
    visit(this.controller.items);
    if (!include.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t("No tests found for {0}", labels.join(", ") || managePy));
      return;
    }
    const cts = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest(include), cts.token, false);
    } finally {
      cts.dispose();
    }
  }

  async refresh(): Promise<void> {
    const c = this.client();
    if (!c) return;
    let result: TestsResult;
    try {
      result = await c.sendRequest<TestsResult>(TestsRequest, {});
    } catch (err) {
      this.output.appendLine(`tests: ${String(err)}`);
      return;
    }
    this.projects = new Map(result.projects.map((p) => [p.managePy, { managePy: p.managePy, testRunner: p.testRunner }]));
    const several = result.projects.length > 1;
    const top: vscode.TestItem[] = [];
    for (const p of result.projects) {
      const modules = p.modules.map((m) => {
        const mod = this.item(p.managePy, m.module, m.module, vscode.Uri.parse(m.uri));
        mod.children.replace(m.classes.map((cls) => this.fromInfo(p.managePy, cls)));
        return mod;
      });
      if (several) {
        const proj = this.item(p.managePy, "", vscode.workspace.asRelativePath(p.managePy), vscode.Uri.file(p.managePy));
        proj.children.replace(modules);
        top.push(proj);
      } else top.push(...modules);
    }
    this.controller.items.replace(top);
  }

  private fromInfo(managePy: string, info: TestItemInfo): vscode.TestItem {
    const item = this.item(managePy, info.label, info.name, vscode.Uri.parse(info.location.uri));
    item.range = toRange(info.location);
    item.children.replace((info.children ?? []).map((c) => this.fromInfo(managePy, c)));
    return item;
  }

  private item(managePy: string, label: string, name: string, uri: vscode.Uri): vscode.TestItem {
    // Ids carry the project so two projects' `shop.tests` stay apart; results map by label.
    const item = this.controller.createTestItem(`${managePy}::${label}`, name, uri);
    this.data.set(item, { managePy, label });
    return item;
  }

  /** Leaves (test methods) under an item, with their labels. */
  private leaves(item: vscode.TestItem, out: Map<string, vscode.TestItem>): void {
    if (item.children.size === 0) {
      const d = this.data.get(item);
      if (d) out.set(`${d.managePy}::${d.label}`, item);
      return;
    }
    item.children.forEach((c) => this.leaves(c, out));
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
    if (!requireTrust(vscode.l10n.t("Run tests"))) return;
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    // Group the requested items by project; a request for everything runs without labels.
    const byProject = new Map<string, vscode.TestItem[]>();
    for (const item of roots) {
      const d = this.data.get(item);
      if (!d || excluded.has(item.id)) continue;
      byProject.set(d.managePy, [...(byProject.get(d.managePy) ?? []), item]);
    }
    const run = this.controller.createTestRun(request);
    try {
      for (const [managePy, items] of byProject) {
        if (token.isCancellationRequested) break;
        const all = !request.include;
        const labels = all ? [] : items.map((i) => this.data.get(i)!.label).filter((l) => l !== "");
        const leaves = new Map<string, vscode.TestItem>();
        items.forEach((i) => this.leaves(i, leaves));
        for (const id of excluded) leaves.delete(id);
        leaves.forEach((t) => run.enqueued(t));
        if (debug) await this.debug(run, managePy, labels, leaves);
        else await this.runProject(run, managePy, labels, leaves, token);
      }
    } finally {
      run.end();
      this.ran.fire();
    }
  }

  private testRunnerOverride(managePy: string): string | null {
    return vscode.workspace.getConfiguration("djangoLens", vscode.Uri.file(managePy)).get<string | null>("test.testRunner") ?? null;
  }

  private async runProject(run: vscode.TestRun, managePy: string, labels: string[], leaves: Map<string, vscode.TestItem>, token: vscode.CancellationToken): Promise<void> {
    const override = this.testRunnerOverride(managePy);
    const args = manageArgs({ name: "test", labels, verbosity: 2, testRunner: override });
    const root = path.dirname(managePy);
    leaves.forEach((t) => run.started(t));
    const startedAt = Date.now();
    run.appendOutput(`> manage.py ${args.join(" ")}\r\n`);
    const res = await runCaptured(managePy, args, { token, onData: (s) => run.appendOutput(s.replace(/\r?\n/g, "\r\n")) });
    const runner = override ?? this.projects.get(managePy)?.testRunner ?? null;
    let results: TestResult[] = [];
    if (isXmlRunner(runner)) results = readXmlReports(root, startedAt);
    if (!results.length) results = parseVerboseOutput(res.output);
    const byId = new Map(results.map((r) => [`${managePy}::${r.id}`, r]));
    for (const [id, item] of leaves) {
      const r = byId.get(id);
      if (!r) {
        // No line for this test: the run did not get to it (an import error, a crash, cancelled).
        const why = res.error ?? (token.isCancellationRequested ? vscode.l10n.t("cancelled") : tail(res.output));
        this.outcomes.set(item.id, token.isCancellationRequested ? "skipped" : "errored");
        if (token.isCancellationRequested) run.skipped(item);
        else run.errored(item, new vscode.TestMessage(vscode.l10n.t("No result for this test (exit code {0}):\n{1}", String(res.code), why)));
        continue;
      }
      this.report(run, item, r);
    }
    if (res.code !== 0 && /No module named '?xmlrunner'?/.test(res.output)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t("TEST_RUNNER names xmlrunner, which this interpreter cannot import. Install unittest-xml-reporting, or set djangoLens.test.testRunner (e.g. django.test.runner.DiscoverRunner)."),
      );
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, r: TestResult): void {
    this.outcomes.set(item.id, r.outcome);
    if (r.outcome === "passed") return run.passed(item, r.durationMs);
    if (r.outcome === "skipped") return run.skipped(item);
    const msg = new vscode.TestMessage(r.message ?? r.outcome);
    if (r.location) msg.location = new vscode.Location(vscode.Uri.file(r.location.file), new vscode.Position(Math.max(r.location.line - 1, 0), 0));
    else if (item.uri && item.range) msg.location = new vscode.Location(item.uri, item.range);
    if (r.outcome === "failed") run.failed(item, msg, r.durationMs);
    else run.errored(item, msg, r.durationMs);
  }

  private async debug(run: vscode.TestRun, managePy: string, labels: string[], leaves: Map<string, vscode.TestItem>): Promise<void> {
    if (!vscode.extensions.getExtension("ms-python.debugpy")) {
      void vscode.window.showErrorMessage(vscode.l10n.t("Debugging Django tests needs the Python Debugger extension (ms-python.debugpy)."));
      leaves.forEach((t) => run.skipped(t));
      return;
    }
    const root = path.dirname(managePy);
    const python = await interpreterFor(root);
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
    const config: vscode.DebugConfiguration = {
      type: "debugpy",
      request: "launch",
      name: vscode.l10n.t("Django tests"),
      program: managePy,
      args: manageArgs({ name: "test", labels, verbosity: 2, testRunner: this.testRunnerOverride(managePy) }),
      cwd: root,
      env: manageEnv(vscode.Uri.file(root)),
      python: python.command,
      django: true,
      justMyCode: true,
      console: "internalConsole",
    };
    leaves.forEach((t) => run.started(t));
    const started = await vscode.debug.startDebugging(folder, config, { testRun: run });
    if (!started) {
      leaves.forEach((t) => run.skipped(t));
      return;
    }
    // The debug console shows the results; wait for the session so the run ends with it.
    await new Promise<void>((resolve) => {
      const d = vscode.debug.onDidTerminateDebugSession(() => {
        d.dispose();
        resolve();
      });
    });
    leaves.forEach((t) => run.skipped(t));
    run.appendOutput(vscode.l10n.t("Debug run finished: see the Debug Console for the results.") + "\r\n");
  }
}

function tail(output: string): string {
  return output.trim().split(/\r?\n/).slice(-15).join("\n");
}

/**
 * xmlrunner writes TEST-*.xml into TEST_OUTPUT_DIR (default: the current folder, manage.py's) or
 * one TEST_OUTPUT_FILE_NAME; take the reports written since the run started.
 */
function readXmlReports(root: string, since: number): TestResult[] {
  const dirs = [root, path.join(root, "test-reports"), path.join(root, "reports")];
  const out: TestResult[] = [];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith(".xml"));
    } catch {
      continue;
    }
    for (const n of names) {
      const file = path.join(dir, n);
      try {
        if (fs.statSync(file).mtimeMs + 1000 < since) continue;
        out.push(...parseJUnitXml(fs.readFileSync(file, "utf8")));
      } catch {
        /* a report being written or unreadable: the verbose output still counts */
      }
    }
  }
  return out;
}
