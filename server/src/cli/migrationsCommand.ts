// `django-lens migrations <dir> [--check]`: what makemigrations would write per app, leaves and
// conflicts (DESIGN.md's contract). --check exits 1 exactly when `makemigrations --check` would fail
// (pending operations, conflicting leaves, or a migration graph Django cannot build); apps whose
// analysis is unknown never fail it.
import { blockingProblems, migrationsReport } from "../analysis/migrations/report";
import { type Command, color, projectHeader, rel, table } from "./common";

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
    // What stops makemigrations (Django's exception and message), then hints; an addition to the
    // DESIGN.md contract: `problems` lists them, with 1-based places.
    const problems = report.problems.map((p) => {
      const o: Record<string, unknown> = { kind: p.kind, app: p.app, message: p.message };
      if (p.type) o.type = p.type;
      if (p.at) Object.assign(o, { file: rel(opts, p.at.file), line: p.at.range.start.line + 1 });
      return o;
    });
    const blocking = blockingProblems(report);
    if (blocking.length) failing = true;
    for (const p of blocking) texts.push(color.red(`  ${p.app}: ${p.type && p.type !== "CommandError" ? p.type + ": " : ""}${p.message}`));
    // One hint per shared number (the analysis gives one per migration, for each file's diagnostic).
    for (const m of new Set(report.problems.filter((p) => p.kind === "duplicate-number").map((p) => `  ${p.app}: ${p.message}`))) texts.push(color.dim(m));
    return { ...projectHeader(opts, project), apps, problems };
  });
  return { exitCode: opts.check && failing ? 1 : 0, json: { projects }, text: texts.join("\n\n") };
};

