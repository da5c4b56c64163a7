// `django-lens urls <dir>`: every pattern reachable from ROOT_URLCONF, in resolution order.
// JSON per DESIGN.md; `view.module` is added (the defining module), and for views outside the
// workspace `file` and `line` are null. `incomplete` lists what could not be read statically and
// `cycles` the include cycles (both only when there are any).
import type { ViewTarget } from "../analysis/urls/types";
import { urlMap } from "../analysis/urls/urlMap";
import { type CliOptions, type Command, color, projectHeader, rel, table } from "./common";

export function viewJson(opts: CliOptions, v: ViewTarget | null): Record<string, unknown> | null {
  if (!v) return null;
  return {
    file: v.file ? rel(opts, v.file) : null,
    line: v.file && v.range ? v.range.start.line + 1 : null,
    symbol: v.symbol,
    module: v.module,
  };
}

export const urlsCommand: Command = (ws, opts) => {
  const projects = ws.projects().map((project) => {
    const map = urlMap(project);
    const out: Record<string, unknown> = {
      ...projectHeader(opts, project),
      rootUrlconf: map.rootUrlconf,
      urls: map.urls.map((u) => ({
        route: u.route,
        name: u.name,
        view: viewJson(opts, u.view),
        source: { file: rel(opts, u.entry.at.file), line: u.entry.at.range.start.line + 1 },
        ...(u.conditional ? { conditional: true } : {}),
      })),
    };
    if (!map.complete || map.problems.length) {
      out.incomplete = map.problems.map((p) => ({
        reason: p.reason,
        file: p.at ? rel(opts, p.at.file) : null,
        line: p.at ? p.at.range.start.line + 1 : null,
      }));
    }
    if (map.cycles.length) {
      out.cycles = map.cycles.map((c) => ({ route: c.route, urlconf: c.urlconf, file: rel(opts, c.at.file), line: c.at.range.start.line + 1 }));
    }
    return out;
  });
  const text = projects
    .map((p) => {
      const urls = p.urls as { route: string; name: string | null; view: Record<string, unknown> | null; conditional?: boolean }[];
      const rows = urls.map((u) => [
        "/" + u.route + (u.conditional ? color.dim(" (if)") : ""),
        u.name ? color.cyan(u.name) : color.dim("-"),
        u.view ? (u.view.file ? `${u.view.symbol} ${color.dim(`${u.view.file}:${u.view.line}`)}` : `${u.view.module}.${u.view.symbol}`) : color.red("(unknown view)"),
      ]);
      const lines = [`${color.bold(String(p.managePy))}  ROOT_URLCONF ${p.rootUrlconf ?? color.dim("(unknown)")}  ${urls.length} patterns`, table(rows)];
      for (const i of (p.incomplete as { reason: string; file: string | null; line: number | null }[] | undefined) ?? []) {
        lines.push(color.yellow(`  incomplete: ${i.reason}${i.file ? color.dim(` (${i.file}:${i.line})`) : ""}`));
      }
      for (const c of (p.cycles as { route: string; urlconf: string; file: string; line: number }[] | undefined) ?? []) {
        lines.push(color.red(`  include cycle: '${c.route}' includes ${c.urlconf} again ${color.dim(`(${c.file}:${c.line})`)}`));
      }
      return lines.join("\n");
    })
    .join("\n\n");
  return { exitCode: 0, json: { projects }, text };
};
