// `django-lens templates <dir> [<name>...]`: for each template name (default: every name the
// project writes down), the file Django's loaders would load and the existing candidates in loader
// order. JSON per DESIGN.md; `file` is null when nothing is found or the winner is inside Django
// (then `external` names the app), and `unknown` says why the answer may be incomplete.
import { findTemplate } from "../analysis/templates/loaders";
import { templateUsages } from "../analysis/templates/usages";
import { type Command, color, projectHeader, rel, table } from "./common";

interface TemplateJson {
  name: string;
  file: string | null;
  candidates: string[];
  external?: string;
  unknown?: string;
}

export const templatesCommand: Command = (ws, opts) => {
  const projects = ws.projects().map((project) => {
    const names = opts.rest.length ? opts.rest : [...new Set(templateUsages(project).map((u) => u.name))].sort();
    const templates = names.map((name): TemplateJson => {
      const found = findTemplate(project, name);
      const out: TemplateJson = {
        name,
        file: found.winner?.file ? rel(opts, found.winner.file) : null,
        candidates: found.candidates.flatMap((c) => (c.file ? [rel(opts, c.file)] : [])),
      };
      if (found.winner && !found.winner.file && found.winner.app) out.external = found.winner.app;
      if (found.uncertain && found.why) out.unknown = found.why;
      return out;
    });
    return { header: projectHeader(opts, project), templates };
  });
  const text = projects
    .map((p) => {
      const rows = p.templates.map((t) => [
        t.name,
        t.file ? t.file : t.external ? color.dim(`(${t.external})`) : t.unknown ? color.yellow("(not found here)") : color.red("(not found)"),
        t.candidates.length > 1 ? color.dim(`shadows ${t.candidates.slice(t.file ? 1 : 0).join(", ")}`) : "",
      ]);
      return `${color.bold(String(p.header.managePy))}  ${p.templates.length} templates\n${table(rows)}`;
    })
    .join("\n\n");
  return { exitCode: 0, json: { projects: projects.map((p) => ({ ...p.header, templates: p.templates })) }, text };
};
