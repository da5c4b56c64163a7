// `django-lens resolve <dir> <path>...`: what django.urls.resolve() would pick for each path.
// Keyword arguments are Python's str() of the converted values. `uncertain` says why an answer
// may differ from Django's; `appendSlash` names the redirect CommonMiddleware would send.
import { resolvePath } from "../analysis/urls/resolve";
import { type Command, color, projectHeader, table } from "./common";
import { viewJson } from "./urlsCommand";

export const resolveCommand: Command = (ws, opts) => {
  if (opts.rest.length === 0) {
    return { exitCode: 2, json: { error: "resolve needs at least one path" }, text: "django-lens resolve <dir> <path>...: give at least one path" };
  }
  // As django.urls.resolve(): a path without its leading "/" does not match anything.
  const paths = opts.rest;
  const projects = ws.projects().map((project) => ({
    header: projectHeader(opts, project),
    resolved: paths.map((p) => {
      const r = resolvePath(project, p);
      return {
        path: p,
        match: r.match
          ? { route: r.match.route, name: r.match.name, view: viewJson(opts, r.match.url.view), kwargs: r.match.kwargs }
          : null,
        ...(r.uncertain ? { uncertain: r.uncertain } : {}),
        ...(r.appendSlash ? { appendSlash: r.appendSlash } : {}),
      };
    }),
  }));
  const text = projects
    .map((p) => {
      const rows = p.resolved.map((r) => {
        const m = r.match;
        const view = m?.view ? (m.view.file ? `${m.view.symbol} ${color.dim(`${m.view.file}:${m.view.line}`)}` : `${m.view.module}.${m.view.symbol}`) : "";
        const tail = [r.uncertain ? color.yellow(`(uncertain: ${r.uncertain})`) : "", r.appendSlash ? color.dim(`(APPEND_SLASH → ${r.appendSlash})`) : ""].filter(Boolean).join(" ");
        return m
          ? [r.path, color.green(m.route), m.name ? color.cyan(m.name) : color.dim("-"), `${view} ${JSON.stringify(m.kwargs)} ${tail}`.trim()]
          : [r.path, color.red("no match"), "", tail];
      });
      return `${color.bold(String(p.header.managePy))}\n${table(rows)}`;
    })
    .join("\n\n");
  return { exitCode: 0, json: { projects: projects.map((p) => ({ ...p.header, resolved: p.resolved })) }, text };
};
