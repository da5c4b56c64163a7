// The server's state: the workspace and its index, open documents, per-folder configuration,
// and crash isolation for every analysis a request runs.
import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { RULES, type RunResult, ruleSteps } from "../analysis/diagnostics/registry";
import type { Finding } from "../analysis/diagnostics/types";
import type { Logger } from "../project/logger";
import type { DjangoProject } from "../project/project";
import { Workspace } from "../project/workspace";
import { DEFAULT_CONFIG, type LensConfig } from "./config";

export class Session {
  readonly workspace: Workspace;
  private configs = new Map<string, LensConfig>();
  private reported = new Set<string>();

  constructor(
    folders: string[],
    readonly log: Logger,
  ) {
    this.workspace = new Workspace(folders, (folder) => {
      const c = this.configFor(folder);
      return { settingsModule: c.settingsModule, djangoVersion: c.djangoVersion };
    }, log);
  }

  get index() {
    return this.workspace.index;
  }

  configFor(fileOrFolder: string): LensConfig {
    const folder = this.workspace.folderOf(fileOrFolder) ?? fileOrFolder;
    return this.configs.get(folder) ?? DEFAULT_CONFIG;
  }

  setConfig(folder: string, config: LensConfig): void {
    this.configs.set(path.resolve(folder), config);
    this.workspace.optionsChanged();
  }

  /** Runs `fn`; if it throws, logs it once per `what` and returns `fallback`. */
  guard<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      const key = `${what}:${err instanceof Error ? err.message : String(err)}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.log.warn(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
      return fallback;
    }
  }

  projectFor(file: string): DjangoProject | undefined {
    return this.guard("projectFor", () => this.workspace.projectFor(file), undefined);
  }

  /** All findings of all projects, grouped by file. */
  diagnostics(): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    for (const _ of this.diagnosticSteps(result)) {
      /* run to the end */
    }
    return result;
  }

  /**
   * The same, giving the event loop back between rules so requests are answered meanwhile;
   * null when `cancelled()` turned true (a newer edit arrived) before it finished.
   */
  async diagnosticsAsync(cancelled: () => boolean): Promise<Map<string, Finding[]> | null> {
    const result = new Map<string, Finding[]>();
    for (const _ of this.diagnosticSteps(result)) {
      await new Promise((r) => setImmediate(r));
      if (cancelled()) return null;
    }
    return result;
  }

  private *diagnosticSteps(byFile: Map<string, Finding[]>): Generator<void> {
    for (const project of this.guard("projects", () => this.workspace.projects(), [])) {
      const result: RunResult = { findings: [], failures: [] };
      const steps = ruleSteps(project, this.configFor(project.root).diagnostics, RULES, result);
      while (this.guard("diagnostics", () => !steps.next().done, false)) yield;
      for (const f of result.failures) {
        const key = `rule:${f.code}:${f.error.split("\n")[0]}`;
        if (!this.reported.has(key)) {
          this.reported.add(key);
          this.log.warn(`rule ${f.code} failed: ${f.error}`);
        }
      }
      for (const f of result.findings) {
        const list = byFile.get(f.file) ?? [];
        if (!list.some((x) => x.code === f.code && sameRange(x, f) && x.message === f.message)) list.push(f);
        byFile.set(f.file, list);
      }
    }
  }
}

function sameRange(a: Finding, b: Finding): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/** Sends logs to the LSP log (window/logMessage), never stdout. */
export function connectionLogger(connection: Connection): Logger {
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
  };
}
