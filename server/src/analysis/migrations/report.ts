// What `makemigrations --check --dry-run` would say, per app: leaves, conflicts and the pending
// operations, or "unknown" with a reason. Memoised on every file it read.
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { type AppDiff, detectChanges } from "./autodetector";
import type { DjangoLine } from "./fields";
import { type GraphProblem, type MigrationGraph, splitKey } from "./graph";
import { deepEqual } from "../../project/equal";
import { djangoLine, migrationHistory, projectKey } from "./history";
import type { AppMigrations, MigrationInfo } from "./loader";
import { appModelsState, modelsState } from "./modelsState";
import type { PendingOp } from "./optimizer";
import { type ModelState, ProjectState } from "./state";

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
  /** Every workspace model's state (built on first use: prefer `modelState`). */
  readonly modelsState: ProjectState;
  /** One model's state (models.py side), by app label and model name (any case). */
  modelState(app: string, model: string): ModelState | undefined;
  migrations: AppMigrations[];
}

export function migrationsReport(project: DjangoProject): MigrationsReport {
  return project.index.memo(`migrations:${projectKey(project)}`, () => compute(project));
}

/** One app's replayed models: the same array while the migration files hold, else compared by value. */
function replayedApp(project: DjangoProject, label: string, version: DjangoLine): ModelState[] | undefined {
  return project.index.memo(`migrations-replayed-app:${projectKey(project)}:${version.major}.${version.minor}:${label}`, () => migrationHistory(project, version).byApp.get(label), {
    equals: deepEqual,
  });
}

/**
 * The autodetector's answer for one app. Every operation it generates for an app comes from that
 * app's models alone (old and new state; relations to other apps are already normalised into the
 * field states), so it is memoised per app, on both sides' per-app memos (each cut off by value):
 * an edit in one models.py or one migration recomputes that app's diff only. (No cutoff here: the
 * report reads the app's state too, so an equal diff would spare nothing.)
 */
function appDiff(project: DjangoProject, label: string, version: DjangoLine): AppDiff | undefined {
  return project.index.memo(
    `migrations-app-diff:${projectKey(project)}:${version.major}.${version.minor}:${label}`,
    () => {
      const side = (ms: ModelState[] | undefined) => {
        const s = new ProjectState();
        for (const m of ms ?? []) s.set(m);
        return s;
      };
      return detectChanges(side(replayedApp(project, label, version)), side(appModelsState(project, label, version)), new Set([label]), version).get(label);
    },
  );
}

function compute(project: DjangoProject): MigrationsReport {
  // The migrations' side: recomputed only when a migration file, settings or INSTALLED_APPS change.
  const history = migrationHistory(project, djangoLine(project));
  const { settings, registry, version, graph, migrations: loaded } = history;
  const replayed = { state: history.state, unknownApps: history.unknownApps };
  // The models' side: every app's state, each reused while its inputs are equal.
  const models = modelsState(project, version);
  const modelsComplete = models.complete;
  const globalReason =
    !settings.installedApps?.complete ? "INSTALLED_APPS is not fully known" :
    settings.get("MIGRATION_MODULES") ? "MIGRATION_MODULES is set" :
    !registry.complete ? "an installed app could not be resolved" :
    !modelsComplete ? "the model registry is incomplete" : null;
  const compared = new Set(loaded.filter((a) => a.migrated && a.app.origin === "workspace").map((a) => a.app.label));
  const diff = new Map<string, AppDiff>();
  for (const label of compared) {
    const d = appDiff(project, label, version);
    if (d) diff.set(label, d);
  }
  const facts = graphFacts(project, version);
  const unknownModels = new Map<string, ModelState>();
  for (const [app, states] of models.byApp) {
    const m = states.find((s) => s.unknown);
    if (m) unknownModels.set(app, m);
  }
  const problemApps = new Map<string, string>();
  for (const p of graph.problems) if (!problemApps.has(p.app)) problemApps.set(p.app, p.type ? `${p.type}: ${p.message}` : p.message);
  const apps: AppReport[] = [];
  for (const a of loaded) {
    if (!a.migrated) continue;
    const label = a.app.label;
    const leaves = facts.leaves.get(label) ?? [];
    const d = diff.get(label);
    const rep: AppReport = {
      app: label,
      leaves,
      conflicts: leaves.length > 1 ? leaves : [],
      pending: d?.ops ?? [],
      path: a.app.path,
    };
    if (d?.wouldAsk) rep.wouldAsk = d.wouldAsk;
    const unknownModel = unknownModels.get(label);
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
  return {
    version,
    apps,
    problems: [...graph.problems, ...conflicts, ...facts.duplicates],
    graph,
    get modelsState() {
      return models.state;
    },
    modelState(app, model) {
      // As ProjectState.get() on the whole state: the last of a (clashing) name wins.
      let found: ModelState | undefined;
      for (const m of models.byApp.get(app) ?? []) if (m.name.toLowerCase() === model.toLowerCase()) found = m;
      return found;
    },
    migrations: loaded,
  };
}

/** What the report needs from the graph alone, memoised with it (on the migration files). */
function graphFacts(project: DjangoProject, version: DjangoLine): { leaves: Map<string, string[]>; duplicates: GraphProblem[] } {
  return project.index.memo(`migrations-graph-facts:${projectKey(project)}:${version.major}.${version.minor}`, () => {
    const { graph, migrations } = migrationHistory(project, version);
    const leaves = new Map<string, string[]>();
    for (const a of migrations) if (a.migrated) leaves.set(a.app.label, graph.leaves(a.app.label));
    return { leaves, duplicates: duplicateNumbers(migrations) };
  });
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
