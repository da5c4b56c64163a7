// Wires a connection (stdio in production, in-memory streams in tests) to the session: document
// sync, configuration, file watching, initial indexing with progress, diagnostics and features.
import * as path from "node:path";
import {
  type Connection,
  DidChangeWatchedFilesNotification,
  type Diagnostic,
  DiagnosticSeverity,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
  type WorkDoneProgressReporter,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "../analysis/diagnostics/types";
import type { FeatureContext } from "../features/context";
import { fileToUri, toLspLocation, uriToFile } from "../features/convert";
import { PROVIDERS, allAnswers, firstAnswer } from "../features/providers";
import { projectInfos } from "../features/projectsRequest";
import { registerMigrationsRequest } from "../features/migrationsRequest";
import { registerTreeRequests } from "../features/treeRequests";
import { ensureParser } from "../python/parser";
import { IndexChangedNotification, ProjectsRequest, StatusNotification, type StatusParams } from "../protocol";
import { VERSION } from "../version";
import { parseConfig } from "./config";
import { indexFiles, pythonFiles } from "./indexer";
import { Session, connectionLogger } from "./session";
import { watchFolders } from "./watcher";

const SEVERITY: Record<Finding["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], code: f.code, source: "django-lens", message: f.message, data: f.data };
}

export interface ServerOptions {
  /** Milliseconds between an edit and re-published diagnostics. */
  diagnosticsDelay?: number;
}

export function startLanguageServer(connection: Connection, options: ServerOptions = {}): void {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let session: Session | undefined;
  let clientWatches = false;
  let clientConfig = false;
  let clientFolders = false;
  let stopWatching: (() => void) | undefined;
  let published = new Map<string, string>();
  let diagGeneration = 0;
  let diagTimer: NodeJS.Timeout | undefined;
  let ready: Promise<void> = Promise.resolve();
  // No debounce by default: a pass after a keystroke reuses every memo the edit left valid, and a
  // newer edit cancels a running pass between rules, so waiting would only delay the answer.
  const delay = options.diagnosticsDelay ?? 0;

  const sessionOrThrow = () => {
    if (!session) throw new Error("not initialised");
    return session;
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const folders = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri)).filter((f): f is string => !!f);
    if (!folders.length && params.rootUri) {
      const root = uriToFile(params.rootUri);
      if (root) folders.push(root);
    }
    session = new Session(folders, log);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) for (const f of folders) session.setConfig(f, parseConfig(init.settings));
    clientWatches = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    clientConfig = !!params.capabilities.workspace?.configuration;
    clientFolders = !!params.capabilities.workspace?.workspaceFolders;
    ready = ensureParser();
    await ready;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', "'", ":", "."] },
        codeLensProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        codeActionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "django-lens", version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    const s = sessionOrThrow();
    if (clientWatches) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{py,toml,cfg,ini,txt,html}" }, { globPattern: "**/" }],
      });
    } else {
      stopWatching = watchFolders(s.workspace.workspaceFolders, (file, kind) => onFileChange(file, kind), (m) => log.warn(m));
    }
    if (clientFolders) connection.workspace.onDidChangeWorkspaceFolders(() => void refreshFolders());
    await pullConfiguration();
    await initialIndex();
  });

  async function refreshFolders(): Promise<void> {
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    sessionOrThrow().workspace.setFolders(folders.map((f) => uriToFile(f.uri)).filter((f): f is string => !!f));
    await initialIndex();
  }

  async function pullConfiguration(): Promise<void> {
    const s = sessionOrThrow();
    if (!clientConfig) return;
    for (const folder of s.workspace.workspaceFolders) {
      try {
        const [raw] = await connection.workspace.getConfiguration([{ scopeUri: fileToUri(folder), section: "djangoLens" }]);
        s.setConfig(folder, parseConfig(raw));
      } catch (err) {
        log.warn(`cannot read configuration: ${String(err)}`);
      }
    }
  }

  async function initialIndex(): Promise<void> {
    const s = sessionOrThrow();
    let progress: WorkDoneProgressReporter | undefined;
    try {
      progress = await connection.window.createWorkDoneProgress();
    } catch {
      progress = undefined; // the client does not support server-initiated progress
    }
    const projects = s.guard("discovery", () => s.workspace.projects(), []);
    const files = s.guard("listing", () => pythonFiles(s.workspace), []);
    progress?.begin("Django Lens: indexing", 0, `${files.length} Python files`, false);
    sendStatus({ state: "indexing", projects: projects.length, files: files.length });
    const started = Date.now();
    await indexFiles(s.workspace, files, ({ done, total }) => progress?.report(Math.round((done / Math.max(total, 1)) * 100), `${done}/${total} files`));
    progress?.done();
    const names = projects.map((p) => `${path.relative(s.workspace.workspaceFolders[0] ?? "", p.managePy) || p.managePy} (${p.settingsSource()?.module ?? "no settings module"})`);
    log.info(`indexed ${files.length} Python files in ${Date.now() - started} ms; projects: ${names.join(", ") || "none"}`);
    await publishDiagnostics();
    sendStatus({ state: "ready", projects: projects.length, files: files.length });
    void connection.sendNotification(IndexChangedNotification, { files: [] });
  }

  function sendStatus(p: StatusParams): void {
    void connection.sendNotification(StatusNotification, p);
  }

  /** Computes diagnostics without blocking requests; a newer edit cancels an older pass. */
  async function publishDiagnostics(): Promise<void> {
    const s = session;
    if (!s) return;
    const generation = ++diagGeneration;
    const byFile = await s.diagnosticsAsync(() => generation !== diagGeneration);
    if (!byFile) return;
    const next = new Map<string, string>();
    for (const [file, findings] of byFile) {
      const uri = fileToUri(file);
      const diagnostics = findings.map(toDiagnostic);
      const key = JSON.stringify(diagnostics);
      next.set(uri, key);
      // Only what changed goes over the wire: large projects have many files with findings.
      if (published.get(uri) !== key) void connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of published.keys()) if (!next.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published = next;
  }

  function scheduleDiagnostics(changed: string[]): void {
    clearTimeout(diagTimer);
    diagTimer = setTimeout(() => {
      void publishDiagnostics().then(() => connection.sendNotification(IndexChangedNotification, { files: changed }));
    }, delay);
  }

  function onFileChange(file: string, kind: "created" | "changed" | "deleted"): void {
    const s = session;
    if (!s) return;
    s.guard("fileChanged", () => s.workspace.fileChanged(file, kind), undefined);
    scheduleDiagnostics([file]);
  }

  connection.onDidChangeWatchedFiles((params) => {
    for (const c of params.changes) {
      const file = uriToFile(c.uri);
      if (!file) continue;
      const kind = c.type === FileChangeType.Created ? "created" : c.type === FileChangeType.Deleted ? "deleted" : "changed";
      onFileChange(file, kind);
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    const s = session;
    if (!s) return;
    if (clientConfig) await pullConfiguration();
    else {
      const raw = (params.settings as { djangoLens?: unknown } | undefined)?.djangoLens;
      for (const f of s.workspace.workspaceFolders) s.setConfig(f, parseConfig(raw));
    }
    scheduleDiagnostics([]);
  });

  documents.onDidChangeContent((e) => {
    const s = session;
    const file = uriToFile(e.document.uri);
    if (!s || !file) return;
    s.index.setOverlay(file, e.document.getText(), e.document.version);
    scheduleDiagnostics([file]);
  });
  documents.onDidClose((e) => {
    const s = session;
    const file = uriToFile(e.document.uri);
    if (!s || !file) return;
    s.index.clearOverlay(file);
    scheduleDiagnostics([file]);
  });

  function context(uri: string, position: { line: number; character: number }): FeatureContext | null {
    const s = session;
    const file = uriToFile(uri);
    if (!s || !file) return null;
    const isPython = file.endsWith(".py");
    return {
      session: s,
      file,
      position,
      project: s.projectFor(file),
      summary: isPython ? s.guard("summary", () => s.index.summary(file), null) : null,
      text: s.guard("text", () => s.index.text(file), null),
    };
  }

  connection.onDefinition(async (p) => {
    await ready;
    const ctx = context(p.textDocument.uri, p.position);
    return ctx ? (firstAnswer(ctx, PROVIDERS.definition, "definition")?.map(toLspLocation) ?? null) : null;
  });
  connection.onReferences(async (p) => {
    await ready;
    const ctx = context(p.textDocument.uri, p.position);
    return ctx ? (firstAnswer(ctx, PROVIDERS.references, "references")?.map(toLspLocation) ?? null) : null;
  });
  connection.onHover(async (p) => {
    await ready;
    const ctx = context(p.textDocument.uri, p.position);
    return ctx ? firstAnswer(ctx, PROVIDERS.hover, "hover") : null;
  });
  connection.onCompletion(async (p) => {
    await ready;
    const ctx = context(p.textDocument.uri, p.position);
    return ctx ? (firstAnswer(ctx, PROVIDERS.completion, "completion") ?? []) : [];
  });
  connection.onCodeLens(async (p) => {
    await ready;
    const s = session;
    const file = uriToFile(p.textDocument.uri);
    return s && file ? allAnswers(s, PROVIDERS.codeLens, "codeLens", s, file) : [];
  });
  connection.onWorkspaceSymbol(async (p) => {
    await ready;
    const s = session;
    return s ? allAnswers(s, PROVIDERS.workspaceSymbol, "workspaceSymbol", s, p.query) : [];
  });
  connection.onCodeAction(async (p) => {
    await ready;
    const s = session;
    const file = uriToFile(p.textDocument.uri);
    return s && file ? allAnswers(s, PROVIDERS.codeAction, "codeAction", s, file, p) : [];
  });
  connection.onDocumentLinks(async (p) => {
    await ready;
    const s = session;
    const file = uriToFile(p.textDocument.uri);
    return s && file ? allAnswers(s, PROVIDERS.documentLink, "documentLink", s, file) : [];
  });
  connection.onRequest(ProjectsRequest, async () => {
    await ready;
    const s = sessionOrThrow();
    return { projects: s.guard("projects", () => projectInfos(s), []) };
  });

  registerTreeRequests(connection, () => session, () => ready);
  registerMigrationsRequest(connection, () => session, () => ready);

  connection.onShutdown(() => {
    stopWatching?.();
    clearTimeout(diagTimer);
  });

  documents.listen(connection);
  connection.listen();
}

