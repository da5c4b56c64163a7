// The VS Code client: starts the language server, shows the detected project in the status bar,
// and offers restart. It holds no analysis of its own: everything comes from the server.
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from "vscode-languageclient/node";
import { ProjectsRequest, type ProjectsResult, StatusNotification, type StatusParams } from "../../server/src/protocol";
import { DjangoStatusBar } from "./statusBar";

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

async function start(context: vscode.ExtensionContext, statusBar: DjangoStatusBar): Promise<void> {
  if (!output) throw new Error("output channel missing");
  client = createClient(context, output);
  context.subscriptions.push(
    client.onNotification(StatusNotification, async (p: StatusParams) => {
      if (p.state === "indexing") statusBar.indexing(p.files ?? 0);
      else statusBar.ready(await client?.sendRequest<ProjectsResult>(ProjectsRequest, {}));
    }),
  );
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  output = vscode.window.createOutputChannel("Django Lens");
  const statusBar = new DjangoStatusBar();
  context.subscriptions.push(output, statusBar);
  context.subscriptions.push(
    vscode.commands.registerCommand("djangoLens.showOutput", () => output?.show(true)),
    vscode.commands.registerCommand("djangoLens.restartServer", async () => {
      statusBar.starting();
      await client?.stop();
      await start(context, statusBar);
    }),
  );
  statusBar.starting();
  try {
    await start(context, statusBar);
  } catch (err) {
    output.appendLine(`Django Lens could not start its language server: ${String(err)}`);
    statusBar.failed(String(err));
  }
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
