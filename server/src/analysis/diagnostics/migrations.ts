// lens.migration-drift: a model (or field) whose changes makemigrations would write, saying what;
// lens.migration-graph: conflicting leaves, missing dependencies, cycles, in Django's words;
// lens.migration-number: two migrations of an app share a number (a hint: Django allows it).
// Unknown apps get no drift finding (never a false warning).
import { conflictMessage, migrationsReport } from "../migrations/report";
import type { Rule } from "./types";

export const migrationDrift: Rule = {
  code: "lens.migration-drift",
  defaultSeverity: "warning",
  description: "models.py has changes that `makemigrations` would write a migration for.",
  run(project) {
    const report = migrationsReport(project);
    const out: ReturnType<Rule["run"]> = [];
    for (const app of report.apps) {
      if (app.status === "unknown" || !app.pending.length) continue;
      const byModel = new Map<string, string[]>();
      for (const op of app.pending) {
        const what = `${op.operation}${op.field ? " " + op.field : ""}${op.detail ? ` (${op.detail})` : ""}`;
        byModel.set(op.model, [...(byModel.get(op.model) ?? []), what]);
      }
      for (const [model, whats] of byModel) {
        const state = report.modelState(app.app, model);
        const single = app.pending.filter((p) => p.model === model);
        const fieldAt = single.length === 1 && single[0].field ? state?.fieldAt?.get(single[0].field) : undefined;
        const at = fieldAt ?? state?.at;
        if (!at) continue; // a deleted model: reported on the app by the CLI and tree view
        // `app` and `managePy` feed the "Make migrations for <app>" code action.
        out.push({ file: at.file, range: at.range, message: `makemigrations would write for ${app.app}: ${whats.join(", ")}`, data: { app: app.app, managePy: project.managePy } });
      }
    }
    return out;
  },
};

export const migrationGraph: Rule = {
  code: "lens.migration-graph",
  defaultSeverity: "error",
  description: "The migration graph is broken: conflicting leaves, a missing dependency, a cycle.",
  run(project) {
    const report = migrationsReport(project);
    const out: ReturnType<Rule["run"]> = [];
    for (const p of report.problems) {
      if (!p.at || p.kind === "duplicate-number" || p.kind === "conflict") continue;
      // A cycle's str() is only the list of nodes: name the error as Django's traceback does.
      const message = p.kind === "circular" ? `CircularDependencyError: ${p.message}` : p.message;
      out.push({ file: p.at.file, range: p.at.range, message, data: { kind: p.kind } });
    }
    for (const app of report.apps) {
      if (!app.conflicts.length) continue;
      for (const name of app.conflicts) {
        const m = report.graph.nodes.get(`${app.app}\u0000${name}`);
        if (m?.classAt) out.push({ file: m.classAt.file, range: m.classAt.range, message: conflictMessage(app.app, app.conflicts), data: { kind: "conflict" } });
      }
    }
    return out;
  },
};

export const migrationNumber: Rule = {
  code: "lens.migration-number",
  defaultSeverity: "hint",
  description: "Two migrations of one app share a number prefix (Django allows it; it often means a merge).",
  run(project) {
    const report = migrationsReport(project);
    return report.problems.filter((p) => p.kind === "duplicate-number" && p.at).map((p) => ({ file: p.at!.file, range: p.at!.range, message: p.message, data: { kind: p.kind } }));
  },
};
