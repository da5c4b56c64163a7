// The "Django" commands. Each accepts, besides no arguments (the command palette: it asks), a tree
// node (the context menus) or an options object { managePy, app, migration, database, labels,
// port } (keybindings, other extensions, the tests). Commands that run manage.py check Workspace
// Trust first.
import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type AppsTreeNode, type ProjectInfo, type ResolveResult, ResolveRequest, type UrlsResult, UrlsRequest } from "../../../server/src/protocol";
import type { Projects } from "../projects";
import type { DjangoTests } from "../testing/testController";
import { requireTrust } from "../trust";
import type { AppsTreeProvider } from "../tree/appsTree";
import { openLocation } from "../tree/locations";
import type { MigrationsTreeProvider } from "../tree/migrationsTree";
import type { RoutesTreeProvider } from "../tree/routesTree";
import { parseShowMigrations } from "../tree/showmigrations";
import { ui } from "../ui";
import { runCaptured } from "./capture";
import { type ManageCommand, manageArgs, validAppName, validPort } from "./manageArgs";
import { commandTask, runTask } from "./manageTask";
import { migrationsOf, pickApp, pickDatabase, pickMigration } from "./pickers";

export interface CommandArgs {
  managePy?: string;
  app?: string;
  migration?: string;
  database?: string;
  labels?: string[];
  port?: string;
  name?: string;
}

export interface CommandDeps {
  client: () => LanguageClient | undefined;
  projects: Projects;
  apps: AppsTreeProvider;
  routes: RoutesTreeProvider;
  migrations: MigrationsTreeProvider;
  tests: DjangoTests;
  output: vscode.OutputChannel;
}

/** Normalises what a command was called with: nothing, a tree node, or CommandArgs. */
export function commandArgs(x: unknown): CommandArgs {
  if (!x || typeof x !== "object") return {};
  const n = x as Partial<AppsTreeNode> & CommandArgs & { kind?: string; name?: string };
  if (typeof n.id === "string" && typeof n.kind === "string") {
    // An Apps-tree node: its id starts with the project's manage.py.
    return { managePy: n.id.split("|")[0], app: n.app, migration: n.migration, labels: n.testLabel ? [n.testLabel] : undefined };
  }
  if (n.kind === "migration" || n.kind === "app") {
    // A Migrations-tree node.
    return { managePy: n.managePy, app: n.app, migration: n.kind === "migration" ? n.name : undefined };
  }
  return n;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { projects } = deps;
  const t = vscode.l10n.t;

  /** Runs a manage.py command as a task in the project; resolves with its exit code. */
  const runManage = async (project: ProjectInfo, cmd: ManageCommand): Promise<number | undefined> => {
    const task = await commandTask(project, cmd);
    deps.output.appendLine(`[task] ${path.basename(project.managePy)} ${manageArgs(cmd).join(" ")} (cwd ${project.root})`);
    return runTask(task);
  };

  const trusted = (title: string, fn: (a: CommandArgs) => Promise<unknown>) => async (x?: unknown) => {
    if (!requireTrust(title)) return undefined;
    return fn(commandArgs(x));
  };

  const reg = (id: string, fn: (x?: unknown) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg("djangoLens.openLocation", (loc) => openLocation(loc as never));

  reg(
    "djangoLens.makemigrations",
    trusted(t("Make Migrations"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const app = a.app ?? (await pickApp(p, { allowAll: true, placeHolder: t("Make migrations for which app?") }));
      if (app === null) return;
      const code = await runManage(p, { name: "makemigrations", app: app || undefined });
      deps.apps.refresh();
      return code;
    }),
  );

  reg(
    "djangoLens.migrate",
    trusted(t("Migrate"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const app = a.app ?? (await pickApp(p, { allowAll: true, placeHolder: t("Migrate which app?") }));
      if (app === null) return;
      const database = await pickDatabase(p, a.database);
      if (database === null) return;
      return runManage(p, { name: "migrate", app: app || undefined, migration: a.migration, database });
    }),
  );

  reg(
    "djangoLens.migrateTo",
    trusted(t("Migrate to This Migration"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p || !a.app) return;
      const migration = a.migration ?? (await pickMigration(migrationsOf(await deps.apps.nodes(), p.managePy, a.app), t("Migrate {0} to which migration?", a.app), true));
      if (!migration) return;
      const database = await pickDatabase(p, a.database);
      if (database === null) return;
      return runManage(p, { name: "migrate", app: a.app, migration, database });
    }),
  );

  reg(
    "djangoLens.showmigrations",
    trusted(t("Show Migrations"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const database = await pickDatabase(p, a.database);
      if (database === null) return;
      const args = manageArgs({ name: "showmigrations", database });
      deps.output.appendLine(`[showmigrations] ${args.join(" ")} (cwd ${p.root})`);
      const res = await vscode.window.withProgress(
        { location: { viewId: "djangoLens.migrations" }, title: t("showmigrations") },
        () => runCaptured(p.managePy, args, { onData: (s) => deps.output.append(s) }),
      );
      const apps = parseShowMigrations(res.output);
      if (res.code !== 0 || res.error) {
        deps.output.show(true);
        void vscode.window.showErrorMessage(t("showmigrations failed (exit code {0}): see the Django Lens output.", String(res.code)));
        return { code: res.code, apps: [] };
      }
      deps.migrations.setChecked(p.managePy, { database: database ?? "default", at: new Date(), apps });
      return { code: res.code, apps };
    }),
  );

  reg(
    "djangoLens.sqlmigrate",
    trusted(t("Show SQL of a Migration"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const app = a.app ?? (await pickApp(p, { allowAll: false, placeHolder: t("sqlmigrate: which app?") }));
      if (!app) return;
      const migration = a.migration ?? (await pickMigration(migrationsOf(await deps.apps.nodes(), p.managePy, app), t("sqlmigrate: which migration?"), false));
      if (!migration) return;
      const database = await pickDatabase(p, a.database);
      if (database === null) return;
      return runManage(p, { name: "sqlmigrate", app, migration, database });
    }),
  );

  reg(
    "djangoLens.runserver",
    trusted(t("Run Server"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const port = a.port ?? String(vscode.workspace.getConfiguration("djangoLens", vscode.Uri.file(p.root)).get<number | string>("runserver.port") ?? 8000);
      const bad = validPort(port);
      if (bad) return void vscode.window.showErrorMessage(bad);
      const [host, justPort] = port.includes(":") ? [port.slice(0, port.lastIndexOf(":")), port.slice(port.lastIndexOf(":") + 1)] : [undefined, port];
      return vscode.tasks.executeTask(await commandTask(p, { name: "runserver", port: justPort, host }));
    }),
  );

  reg(
    "djangoLens.test",
    trusted(t("Run Tests"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      const testRunner = vscode.workspace.getConfiguration("djangoLens", vscode.Uri.file(p.root)).get<string | null>("test.testRunner") ?? null;
      return runManage(p, { name: "test", labels: a.labels, testRunner });
    }),
  );

  reg(
    "djangoLens.runTestsFromTree",
    trusted(t("Run Tests"), async (a) => {
      const p = await projects.pick(a.managePy);
      if (!p) return;
      // An app node: its label is a test label too (manage.py test shop).
      const labels = a.labels ?? (a.app ? [a.app] : []);
      return deps.tests.runLabels(p.managePy, labels);
    }),
  );

  const simple = (id: string, title: string, cmd: (p: ProjectInfo, a: CommandArgs) => Promise<ManageCommand | null>) =>
    reg(
      id,
      trusted(title, async (a) => {
        const p = await projects.pick(a.managePy);
        if (!p) return;
        const c = await cmd(p, a);
        return c ? runManage(p, c) : undefined;
      }),
    );
  simple("djangoLens.check", t("Check"), async () => ({ name: "check" }));
  simple("djangoLens.shell", t("Shell"), async () => ({ name: "shell" }));
  simple("djangoLens.collectstatic", t("Collect Static Files"), async () => ({ name: "collectstatic" }));
  simple("djangoLens.createsuperuser", t("Create Superuser"), async (p, a) => {
    const database = await pickDatabase(p, a.database);
    return database === null ? null : { name: "createsuperuser", database };
  });
  simple("djangoLens.startapp", t("Start App"), async (_p, a) => {
    const name = a.name ?? (await ui().input({ prompt: t("Name of the new app (a Python identifier)"), validateInput: (v) => validAppName(v) }));
    if (!name || validAppName(name)) return null;
    return { name: "startapp", app: name };
  });

  reg("djangoLens.goToViewForUrl", async (x?: unknown) => {
    const a = commandArgs(x) as CommandArgs & { path?: string };
    const c = deps.client();
    if (!c) return;
    const input = a.path ?? (await ui().input({ prompt: t("URL path to resolve, e.g. /shop/products/5/"), placeHolder: "/" }));
    if (!input) return;
    const r = await c.sendRequest<ResolveResult>(ResolveRequest, { path: input, managePy: a.managePy });
    const hit = r.projects.find((p) => p.match);
    if (!hit?.match) {
      const why = r.projects.map((p) => p.uncertain).find(Boolean);
      void vscode.window.showInformationMessage(t("No URL pattern matches {0}{1}", input, why ? ` (${why})` : ""));
      return null;
    }
    const loc = hit.match.viewLocation ?? hit.match.source;
    if (!loc) {
      void vscode.window.showInformationMessage(t("{0} resolves to {1}, whose definition is outside the workspace.", input, hit.match.view ?? "?"));
      return hit.match;
    }
    await openLocation(loc);
    return hit.match;
  });

  reg("djangoLens.showUrlMap", async () => {
    const c = deps.client();
    if (!c) return;
    await vscode.commands.executeCommand("djangoLens.routes.focus");
    const r = await c.sendRequest<UrlsResult>(UrlsRequest, {});
    const lines: string[] = [];
    for (const p of r.projects) {
      lines.push(`# ${vscode.workspace.asRelativePath(p.managePy)}: ROOT_URLCONF ${p.rootUrlconf ?? "?"}${p.complete ? "" : ` (${t("incomplete: some patterns are dynamic")})`}`, "");
      lines.push("| Route | Name | View |", "| --- | --- | --- |");
      for (const u of p.urls) lines.push(`| \`/${u.route.replace(/\|/g, "\\|")}\` | ${u.name ?? ""} | ${u.view ?? t("(not resolved)")} |`);
      lines.push("");
    }
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: lines.join("\n") });
    await vscode.window.showTextDocument(doc, { preview: true });
    return r;
  });

  reg("djangoLens.refreshTrees", async () => {
    projects.invalidate();
    deps.apps.refresh();
    deps.routes.refresh();
    deps.migrations.refresh();
    await deps.tests.refresh();
  });

  reg("djangoLens.routes.filter", async () => {
    const f = await ui().input({ prompt: t("Filter routes by path, name or view"), value: deps.routes.filter });
    if (f !== undefined) deps.routes.setFilter(f);
  });
  reg("djangoLens.routes.clearFilter", () => deps.routes.setFilter(""));

  reg("djangoLens.openInTerminal", async (x?: unknown) => {
    const a = commandArgs(x);
    const p = await projects.pick(a.managePy);
    if (!p) return;
    const app = a.app ? p.apps.find((ap) => ap.label === a.app) : undefined;
    const cwd = app?.path ?? p.root;
    const term = vscode.window.createTerminal({ name: `Django: ${path.basename(cwd)}`, cwd });
    term.show();
    return term;
  });
}
