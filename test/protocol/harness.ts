// In-process protocol tests: the real server over in-memory streams, a minimal client that
// records diagnostics and notifications, and a `|` cursor marker for positions in sources.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import {
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import type { Diagnostic, Position } from "vscode-languageserver";
import { startLanguageServer } from "../../server/src/session/languageServer";

export const REPO = path.resolve(__dirname, "..", "..");

export function uri(file: string): string {
  return pathToFileURL(file).toString();
}

/** Splits `text` at its `|` marker: the text without it and the marker's position. */
export function withCursor(text: string): { text: string; position: Position } {
  const i = text.indexOf("|");
  if (i < 0) throw new Error("no | cursor marker");
  const before = text.slice(0, i);
  const line = before.split("\n").length - 1;
  const character = i - (before.lastIndexOf("\n") + 1);
  return { text: before + text.slice(i + 1), position: { line, character } };
}

/** The position of the first occurrence of `needle` in a file (plus an offset into it). */
export function positionOf(file: string, needle: string, offset = 1): Position {
  const text = fs.readFileSync(file, "utf8");
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, i + offset);
  return { line: before.split("\n").length - 1, character: i + offset - (before.lastIndexOf("\n") + 1) };
}

/** Copies a fixture to a temp folder so a test may edit files freely. */
export function copyFixture(name: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), `lens-${name.replace(/\W/g, "_")}-`));
  fs.cpSync(path.join(REPO, "test-fixtures", name), dest, { recursive: true });
  return fs.realpathSync(dest);
}

export interface ClientOptions {
  settings?: Record<string, unknown>;
  /** Announce client-side file watching (VS Code does; Neovim on Linux does not). */
  watchFiles?: boolean;
  /** How long to wait for the initial index (large projects in benchmarks). */
  readyTimeout?: number;
  /** The server's wait after an edit before diagnostics (tests shorten it; benchmarks keep the default). */
  diagnosticsDelay?: number;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: any }[] = [];
  readonly logs: string[] = [];
  private versions = new Map<string, number>();
  private listeners: (() => void)[] = [];

  private constructor(readonly conn: MessageConnection, readonly folder: string) {}

  static async start(folder: string, opts: ClientOptions = {}): Promise<TestClient> {
    const up = new PassThrough();
    const down = new PassThrough();
    const serverConn = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    startLanguageServer(serverConn, { diagnosticsDelay: "diagnosticsDelay" in opts ? opts.diagnosticsDelay : 10 });
    const conn = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const client = new TestClient(conn, folder);
    conn.onNotification((method, params: any) => {
      if (method === "textDocument/publishDiagnostics") client.diagnostics.set(params.uri, params.diagnostics);
      else if (method === "window/logMessage") client.logs.push(params.message);
      client.notifications.push({ method, params });
      for (const l of client.listeners) l();
    });
    conn.onRequest("window/workDoneProgress/create", () => null);
    conn.onRequest("client/registerCapability", () => null);
    conn.onRequest("workspace/configuration", (p: any) => p.items.map(() => opts.settings ?? {}));
    conn.listen();
    await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uri(folder),
      workspaceFolders: [{ uri: uri(folder), name: path.basename(folder) }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: opts.watchFiles !== false } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: {} },
      },
    });
    const ready = client.waitFor(() => client.notifications.some((n) => n.method === "djangoLens/status" && n.params.state === "ready"), opts.readyTimeout);
    await conn.sendNotification("initialized", {});
    await ready;
    return client;
  }

  /** Resolves when `cond()` holds after some notification (or now), else rejects after `ms`. */
  waitFor(cond: () => boolean, ms = 10000, what = "condition"): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve();
      };
      this.listeners.push(check);
    });
  }

  diagnosticsFor(file: string): Diagnostic[] {
    return this.diagnostics.get(uri(file)) ?? [];
  }

  async waitForDiagnostics(file: string, cond: (d: Diagnostic[]) => boolean, ms = 10000): Promise<Diagnostic[]> {
    await this.waitFor(() => cond(this.diagnosticsFor(file)), ms, `diagnostics of ${path.basename(file)}`);
    return this.diagnosticsFor(file);
  }

  async open(file: string, text = fs.readFileSync(file, "utf8"), languageId = file.endsWith(".py") ? "python" : "html"): Promise<void> {
    this.versions.set(file, 1);
    await this.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(file), languageId, version: 1, text } });
  }

  async change(file: string, text: string): Promise<void> {
    const v = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, v);
    await this.conn.sendNotification("textDocument/didChange", { textDocument: { uri: uri(file), version: v }, contentChanges: [{ text }] });
  }

  async close(file: string): Promise<void> {
    await this.conn.sendNotification("textDocument/didClose", { textDocument: { uri: uri(file) } });
  }

  /** Tells the server files changed on disk (type 1 created, 2 changed, 3 deleted). */
  async filesChanged(changes: { file: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: changes.map((c) => ({ uri: uri(c.file), type: c.type })) });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  definition(file: string, position: Position): Promise<any> {
    return this.request("textDocument/definition", { textDocument: { uri: uri(file) }, position });
  }

  async stop(): Promise<void> {
    try {
      // No "exit": the library would end this (the test) process.
      await this.conn.sendRequest("shutdown");
    } catch {
      /* the server may already be gone */
    }
    this.conn.dispose();
  }
}
