// `django-lens check <dir>`: every diagnostic rule on every project, 1-based positions, exit 1 when
// any finding is an error (DESIGN.md's contract).
import { runRules } from "../analysis/diagnostics/registry";
import type { Finding } from "../analysis/diagnostics/types";
import { type Command, color, projectHeader, rel } from "./common";

export const checkCommand: Command = (ws, opts) => {
  let errors = 0;
  const texts: string[] = [];
  const projects = ws.projects().map((project) => {
    const { findings, failures } = runRules(project);
    for (const f of failures) process.stderr.write(`django-lens: rule ${f.code} failed: ${f.error}\n`);
    const sorted = [...findings].sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
    errors += sorted.filter((f) => f.severity === "error").length;
    const diagnostics = sorted.map((f: Finding) => ({
      file: rel(opts, f.file),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      code: f.code,
      severity: f.severity,
      message: f.message,
    }));
    const header = projectHeader(opts, project);
    texts.push(
      [
        color.bold(String(header.managePy)) + color.dim(`  ${diagnostics.length} finding${diagnostics.length === 1 ? "" : "s"}`),
        ...diagnostics.map((d) => {
          const sev = d.severity === "error" ? color.red(d.severity) : d.severity === "warning" ? color.yellow(d.severity) : d.severity;
          return `  ${d.file}:${d.line}:${d.column}  ${sev}  ${color.cyan(d.code)}  ${d.message}`;
        }),
      ].join("\n"),
    );
    return { ...header, diagnostics };
  });
  const json = { projects };
  return { exitCode: errors > 0 ? 1 : 0, json, text: texts.join("\n\n") };
};
