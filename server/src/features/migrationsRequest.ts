// `djangoLens/migrations` (the Migrations tree) and the "Make migrations for <app>" code action on
// lens.migration-drift diagnostics. Thin: the facts come from analysis/migrations/report.ts.
import * as path from "node:path";
import { type CodeAction, CodeActionKind, type CodeActionParams, type Connection } from "vscode-languageserver";
import { blockingProblems, migrationsReport } from "../analysis/migrations/report";
import type { AppReport } from "../analysis/migrations/report";
import {
  type AppMigrationsInfo,
  MakeMigrationsCommand,
  type MakeMigrationsArgs,
  type MigrationProblemInfo,
  MigrationsRequest,
  type MigrationsParams,
  type MigrationsResult,
} from "../protocol";
import type { Session } from "../session/session";
import { protocolLocation, scopedProjects } from "./treeShared";

export function migrationsRequest(session: Session, params: MigrationsParams | undefined): MigrationsResult {
  const projects: MigrationsResult["projects"] = [];
  for (const project of scopedProjects(session, params)) {
    // One project's failure leaves the others' answers intact.
    const report = session.guard("migrationsReport", () => migrationsReport(project), null);
    if (!report) continue;
    const broken = new Map<string, string>();
    for (const p of blockingProblems(report)) if (p.kind !== "conflict" && !broken.has(p.app)) broken.set(p.app, p.type ? `${p.type}: ${p.message}` : p.message);
    const apps = report.apps.map((a): AppMigrationsInfo => appInfo(a, broken.get(a.app)));
    const problems = report.problems.map((p): MigrationProblemInfo => ({ kind: p.kind, app: p.app, message: p.message, type: p.type, location: protocolLocation(p.at) }));
    projects.push({ managePy: project.managePy, djangoVersion: `${report.version.major}.${report.version.minor}`, apps, problems });
  }
  return { projects };
}

function appInfo(a: AppReport, graphError: string | undefined): AppMigrationsInfo {
  const status: AppMigrationsInfo["status"] = graphError ? "error" : a.status === "unknown" ? "unknown" : a.conflicts.length ? "conflict" : a.pending.length ? "drift" : "clean";
  return {
    app: a.app,
    leaves: a.leaves,
    conflicts: a.conflicts,
    pending: status === "unknown" || status === "error" ? [] : a.pending.map((p) => ({ operation: p.operation, model: p.model, field: p.field, detail: p.detail })),
    status,
    reason: graphError ?? a.reason,
    wouldAsk: a.wouldAsk,
    migrationsDir: a.path ? path.join(a.path, "migrations") : null,
  };
}

/** "Make migrations for <app>" on each lens.migration-drift diagnostic in the request. */
export function makeMigrationsAction(session: Session, file: string, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of params.context.diagnostics) {
    if (d.code !== "lens.migration-drift") continue;
    const data = d.data as { app?: unknown; managePy?: unknown } | undefined;
    const app = typeof data?.app === "string" ? data.app : null;
    const managePy = typeof data?.managePy === "string" ? data.managePy : (session.projectFor(file)?.managePy ?? null);
    if (!app || !managePy || seen.has(`${managePy}|${app}`)) continue;
    seen.add(`${managePy}|${app}`);
    const args: MakeMigrationsArgs = { managePy, app };
    const title = `Make migrations for ${app}`;
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: { title, command: MakeMigrationsCommand, arguments: [args] } });
  }
  return out;
}

export function registerMigrationsRequest(connection: Connection, session: () => Session | undefined, ready: () => Promise<void>): void {
  connection.onRequest(MigrationsRequest, async (params: MigrationsParams) => {
    await ready();
    const s = session();
    return s ? s.guard(MigrationsRequest, () => migrationsRequest(s, params), { projects: [] }) : { projects: [] };
  });
}
