// The VS Code client: starts the language server and puts what it knows in front of the user:
// the status bar, the Django view container (Apps, Routes, Migrations), the test explorer, the
// manage.py commands and the `django` task type. It holds no analysis of its own: everything it
// shows comes from the server's custom requests (server/src/protocol.ts).
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from "vscode-languageclient/node";
import { IndexChangedNotification, ProjectsRequest, type ProjectsResult, StatusNotification, type StatusParams } from "../../server/src/protocol";
import { registerCommands } from "./commands/register";
import { DjangoTaskProvider, TASK_TYPE } from "./commands/manageTask";
import { Projects } from "./projects";
import { DjangoStatusBar } from "./statusBar";
import { DjangoTests } from "./testing/testController";
import { AppsTreeProvider } from "./tree/appsTree";
import { MigrationsTreeProvider, staticAppsFrom } from "./tree/migrationsTree";
import { RoutesTreeProvider } from "./tree/routesTree";
import { setUi } from "./ui";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** The languages the server answers for: Python, and templates that arrive as html or our own ids. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "python" },
  { scheme: "file", language: "html" },
  { scheme: "file", language: "django-html" },
  { scheme: "file", language: "django-txt" },
];

function createClient(context: vscode.ExtensionContext, channel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: channel,
    synchronize: { configurationSection: "djangoLens" },
    initializationOptions: { settings: vscode.workspace.getConfiguration("djangoLens") },
  };
  return new LanguageClient("djangoLens", "Django Lens", serverOptions, clientOptions);
}

interface Views {
  statusBar: DjangoStatusBar;
  projects: Projects;
  apps: AppsTreeProvider;
  routes: RoutesTreeProvider;
  migrations: MigrationsTreeProvider;
  tests: DjangoTests;
}

/** Starts (or restarts) the server; the views refresh on its index notifications. */
async function start(context: vscode.ExtensionContext, views: Views): Promise<void> {
  if (!output) throw new Error("output channel missing");
  const c = createClient(context, output);
  client = c;
  let refreshTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    c.onNotification(StatusNotification, async (p: StatusParams) => {
      if (p.state === "indexing") views.statusBar.indexing(p.files ?? 0);
      else views.statusBar.ready(await client?.sendRequest<ProjectsResult>(ProjectsRequest, {}));
    }),
    c.onNotification(IndexChangedNotification, () => {
      // Edits arrive in bursts (typing): refresh the views once the burst settles.
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        views.projects.invalidate();
        views.apps.refresh();
        views.routes.refresh();
        views.migrations.refresh();
        void views.tests.refresh();
      }, 300);
    }),
  );
  await c.start();
}

/** What the extension exports: for other extensions and the end-to-end tests. */
export interface DjangoLensApi {
  client(): LanguageClient | undefined;
  views: Views;
  setUi: typeof setUi;
}

export async function activate(context: vscode.ExtensionContext): Promise<DjangoLensApi> {
  output = vscode.window.createOutputChannel("Django Lens");
  const statusBar = new DjangoStatusBar();
  context.subscriptions.push(output, statusBar);
  const getClient = () => client;
  const projects = new Projects(getClient);
  const apps = new AppsTreeProvider(getClient);
  const routes = new RoutesTreeProvider(getClient);
  const migrations = new MigrationsTreeProvider(async () => staticAppsFrom(await apps.nodes(), (n) => n.id.split("|")[0]));
  const tests = new DjangoTests(getClient, output);
  const views: Views = { statusBar, projects, apps, routes, migrations, tests };
  const routesView = vscode.window.createTreeView("djangoLens.routes", { treeDataProvider: routes, showCollapseAll: false });
  routes.onDidChangeTreeData(() => {
    routesView.description = routes.filter ? vscode.l10n.t("filter: {0}", routes.filter) : undefined;
  });
  context.subscriptions.push(
    tests,
    vscode.window.createTreeView("djangoLens.apps", { treeDataProvider: apps, showCollapseAll: true }),
    routesView,
    vscode.window.createTreeView("djangoLens.migrations", { treeDataProvider: migrations, showCollapseAll: true }),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new DjangoTaskProvider(() => projects.all())),
    vscode.workspace.onDidGrantWorkspaceTrust(() => migrations.refresh()),
    vscode.commands.registerCommand("djangoLens.showOutput", () => output?.show(true)),
    vscode.commands.registerCommand("djangoLens.restartServer", async () => {
      statusBar.starting();
      await client?.stop();
      await start(context, views);
    }),
  );
  registerCommands(context, { client: getClient, projects, apps, routes, migrations, tests, output });
  statusBar.starting();
  try {
    await start(context, views);
    void tests.refresh();
  } catch (err) {
    output.appendLine(`Django Lens could not start its language server: ${String(err)}`);
    statusBar.failed(String(err));
  }
  return { client: getClient, views, setUi };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
