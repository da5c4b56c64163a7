// What `makemigrations --check --dry-run` would say, per app: leaves, conflicts and the pending
// operations, or "unknown" with a reason. Memoised on every file it read.
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { modelRegistry } from "../models/registry";
import { detectChanges } from "./autodetector";
import type { DjangoLine } from "./fields";
import { type GraphProblem, type MigrationGraph, buildGraph, splitKey } from "./graph";
import { type AppMigrations, type MigrationInfo, loadAppMigrations } from "./loader";
import { modelsState } from "./modelsState";
import type { PendingOp } from "./optimizer";
import { replay } from "./replay";
import type { ProjectState } from "./state";

export interface AppReport {
  app: string;
  leaves: string[];
  conflicts: string[];
  pending: PendingOp[];
  status?: "unknown";
  reason?: string;
  /** makemigrations would stop and ask (non-interactive: it exits with an error). */
  wouldAsk?: string;
  /** The app's migrations folder, for the tree view and code actions. */
  path: string | null;
}

export interface MigrationsReport {
  version: DjangoLine;
  apps: AppReport[];
  problems: GraphProblem[];
  graph: MigrationGraph;
  modelsState: ProjectState;
  migrations: AppMigrations[];
}

export function migrationsReport(project: DjangoProject): MigrationsReport {
  return project.index.memo(`migrations:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`, () => compute(project));
}

function compute(project: DjangoProject): MigrationsReport {
  const settings = readSettings(project);
  const registry = appRegistry(project, settings);
  const dv = project.djangoVersion();
  const version = { major: dv.major, minor: dv.minor };
  const setting = (name: string): string | null => {
    if (name === "AUTH_USER_MODEL") return settings.authUserModel;
    const v = settings.get(name);
    return v?.k === "str" ? v.v : null;
  };
  const loaded = registry.apps.map((a) => loadAppMigrations(project, a, setting));
  const graph = buildGraph(loaded);
  const plan: MigrationInfo[] = graph.plan().map((k) => graph.nodes.get(k)!).filter(Boolean);
  const replayed = replay(plan, version);
  const models = modelsState(project, version, setting);
  const globalReason =
    !settings.installedApps?.complete ? "INSTALLED_APPS is not fully known" :
    settings.get("MIGRATION_MODULES") ? "MIGRATION_MODULES is set" :
    !registry.complete ? "an installed app could not be resolved" :
    !modelRegistry(project).complete ? "the model registry is incomplete" : null;
  const compared = new Set(loaded.filter((a) => a.migrated && a.app.origin === "workspace").map((a) => a.app.label));
  const diff = detectChanges(replayed.state, models, compared, version);
  const problemApps = new Map<string, string>();
  for (const p of graph.problems) if (!problemApps.has(p.app)) problemApps.set(p.app, p.type ? `${p.type}: ${p.message}` : p.message);
  const apps: AppReport[] = [];
  for (const a of loaded) {
    if (!a.migrated) continue;
    const label = a.app.label;
    const leaves = graph.leaves(label);
    const d = diff.get(label);
    const rep: AppReport = {
      app: label,
      leaves,
      conflicts: leaves.length > 1 ? leaves : [],
      pending: d?.ops ?? [],
      path: a.app.path,
    };
    if (d?.wouldAsk) rep.wouldAsk = d.wouldAsk;
    const unknownModel = models.forApp(label).find((m) => m.unknown);
    const reason =
      a.app.origin !== "workspace" ? null :
      globalReason ??
      problemApps.get(label) ??
      replayed.unknownApps.get(label) ??
      (unknownModel ? `model ${unknownModel.name}: ${unknownModel.unknown}` : null) ??
      crossAppReason(label, rep.pending, diff);
    if (reason) {
      rep.status = "unknown";
      rep.reason = reason;
    }
    apps.push(rep);
  }
  const conflicts: GraphProblem[] = apps
    .filter((a) => a.conflicts.length)
    .map((a) => ({ kind: "conflict", type: "CommandError", app: a.app, message: conflictMessage(a.app, a.conflicts) }));
  return { version, apps, problems: [...graph.problems, ...conflicts, ...duplicateNumbers(loaded)], graph, modelsState: models, migrations: loaded };
}

/** makemigrations' (and migrate's) CommandError for an app with several leaves, first line. */
export function conflictMessage(app: string, leaves: string[]): string {
  return `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${leaves.join(", ")} in ${app}).`;
}

/** The problems that stop makemigrations (a broken graph or conflicting leaves), Django's first first. */
export function blockingProblems(report: MigrationsReport): GraphProblem[] {
  return report.problems.filter((p) => p.kind !== "duplicate-number");
}

/** Pending relations into another app that also has pending operations: Django may split them. */
function crossAppReason(app: string, ops: PendingOp[], diff: Map<string, { ops: PendingOp[] }>): string | null {
  for (const op of ops) {
    const fields = op.modelFields ? [...op.modelFields.values()] : op.fieldState ? [op.fieldState] : [];
    for (const f of fields) {
      const to = f.kwargs.to;
      if (to?.t !== "str") continue;
      const other = to.v.split(".")[0];
      if (other !== app && (diff.get(other)?.ops.length ?? 0) > 0) return `pending changes depend on pending changes in ${other}`;
    }
  }
  return null;
}

/**
 * Migrations of one app that share a number prefix: Django allows it (only leaves matter), so it is
 * a hint. A squashed migration and the ones it replaces share their number by design: not counted.
 */
function duplicateNumbers(loaded: AppMigrations[]): GraphProblem[] {
  const out: GraphProblem[] = [];
  for (const a of loaded) {
    const byNumber = new Map<string, MigrationInfo[]>();
    const replaced = new Set(a.migrations.flatMap((m) => m.replaces.filter((r) => r[0] === a.app.label).map((r) => r[1])));
    for (const m of a.migrations) {
      const n = /^(\d+)_/.exec(m.name)?.[1];
      if (n && m.file && !replaced.has(m.name)) byNumber.set(n, [...(byNumber.get(n) ?? []), m]);
    }
    for (const [n, ms] of byNumber) {
      if (ms.length < 2) continue;
      for (const m of ms) {
        const at: Location | undefined = m.classAt;
        out.push({ kind: "duplicate-number", app: a.app.label, at, message: `Migrations ${ms.map((x) => x.name).join(", ")} in ${a.app.label} share the number ${n}` });
      }
    }
  }
  return out;
}

export { splitKey };
