// `django-lens migrations <dir> [--check]`: what makemigrations would write per app, leaves and
// conflicts (DESIGN.md's contract). --check exits 1 exactly when `makemigrations --check` would fail
// or an app has conflicting leaves; apps whose analysis is unknown never fail it.
import { migrationsReport } from "../analysis/migrations/report";
import { type Command, color, projectHeader, table } from "./common";

export const migrationsCommand: Command = (ws, opts) => {
  let failing = false;
  const texts: string[] = [];
  const projects = ws.projects().map((project) => {
    const report = migrationsReport(project);
    const apps = report.apps.map((a) => {
      const out: Record<string, unknown> = { app: a.app, leaves: a.leaves, conflicts: a.conflicts };
      if (a.status === "unknown") {
        out.pending = [];
        out.status = "unknown";
        out.reason = a.reason;
      } else {
        out.pending = a.pending.map((p) => (p.field !== undefined ? { operation: p.operation, model: p.model, field: p.field } : { operation: p.operation, model: p.model }));
        if (a.pending.length || a.conflicts.length) failing = true;
      }
      return out;
    });
    const rows = report.apps.map((a) => {
      const what =
        a.status === "unknown" ? color.dim(`unknown: ${a.reason}`) :
        a.conflicts.length ? color.red(`conflicting leaves: ${a.conflicts.join(", ")}`) :
        a.pending.length ? color.yellow(a.pending.map((p) => `${p.operation} ${p.model}${p.field ? "." + p.field : ""}`).join(", ")) :
        color.green("no changes");
      return [a.app, a.leaves.join(", "), what];
    });
    texts.push(`${color.bold(String(projectHeader(opts, project).managePy))}  Django ${report.version.major}.${report.version.minor}\n${table(rows)}`);
    for (const p of report.problems) if (p.kind !== "duplicate-number") texts.push(color.red(`  ${p.app}: ${p.message}`));
    return { ...projectHeader(opts, project), apps };
  });
  return { exitCode: opts.check && failing ? 1 : 0, json: { projects }, text: texts.join("\n\n") };
};
