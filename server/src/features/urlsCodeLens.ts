// Code lens above each view (a def or class in the workspace that some URL pattern routes to)
// listing the route(s) it serves: "/shop/products/<int:pk>/ · shop:product-detail", several
// joined with " | ", or "N routes · names…" with the full list in the tooltip when long. Clicking
// runs the client's `djangoLens.showUrlMap`. The view → routes map is built once per URL map.
import type { CodeLens, Command } from "vscode-languageserver";
import type { DjangoProject } from "../project/project";
import type { Range } from "../python/types";
import type { UrlInfo } from "../analysis/urls/types";
import { urlMap } from "../analysis/urls/urlMap";
import type { Session } from "../session/session";

export const SHOW_URL_MAP_COMMAND = "djangoLens.showUrlMap";

/** At most this many routes are joined in the title; more become "N routes". */
const MAX_JOINED = 3;
const MAX_TITLE = 160;

export interface ViewRoutes {
  /** The view's name range (its `def`/`class` line). */
  range: Range;
  symbol: string;
  urls: UrlInfo[];
}

/** file → the routed views defined in it, in source order. Memoised on the URL map's reads. */
export function viewRoutes(project: DjangoProject): Map<string, ViewRoutes[]> {
  const key = `urls-view-routes:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`;
  return project.index.memo(key, () => {
    const byFile = new Map<string, Map<string, ViewRoutes>>();
    for (const u of urlMap(project).urls) {
      const v = u.view;
      if (!v?.file || !v.range) continue;
      let views = byFile.get(v.file);
      if (!views) byFile.set(v.file, (views = new Map()));
      const k = `${v.range.start.line}:${v.range.start.character}`;
      let entry = views.get(k);
      if (!entry) views.set(k, (entry = { range: v.range, symbol: v.symbol, urls: [] }));
      entry.urls.push(u);
    }
    const out = new Map<string, ViewRoutes[]>();
    for (const [file, views] of byFile) {
      out.set(
        file,
        [...views.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
      );
    }
    return out;
  });
}

export function describeRoute(u: UrlInfo): string {
  return `/${u.route}${u.name ? ` · ${u.name}` : ""}`;
}

/** The lens title and tooltip for the routes of one view. */
export function lensTitle(urls: UrlInfo[]): { title: string; tooltip: string } {
  const items = urls.map(describeRoute);
  const tooltip = items.join("\n");
  const joined = items.join("  |  ");
  if (items.length <= MAX_JOINED && joined.length <= MAX_TITLE) return { title: joined, tooltip };
  const names = [...new Set(urls.map((u) => u.name).filter((n): n is string => !!n))];
  let title = `${items.length} routes`;
  if (names.length) {
    let list = "";
    for (const n of names) {
      const next = list ? `${list}, ${n}` : n;
      if (title.length + 3 + next.length > MAX_TITLE) {
        list = list ? `${list}, …` : "…";
        break;
      }
      list = next;
    }
    title += ` · ${list}`;
  }
  return { title, tooltip };
}

export function urlsCodeLens(session: Session, file: string): CodeLens[] {
  if (!file.endsWith(".py")) return [];
  // A view routed by several projects (a shared app) shows the routes of all of them.
  const merged = new Map<string, { range: Range; urls: UrlInfo[] }>();
  for (const project of session.workspace.projects()) {
    for (const v of viewRoutes(project).get(file) ?? []) {
      const k = `${v.range.start.line}:${v.range.start.character}`;
      const hit = merged.get(k);
      if (hit) hit.urls.push(...v.urls);
      else merged.set(k, { range: v.range, urls: [...v.urls] });
    }
  }
  const out: CodeLens[] = [];
  for (const v of merged.values()) {
    const { title, tooltip } = lensTitle(v.urls);
    // `tooltip` is LSP 3.18's Command.tooltip: clients that know it show the full list on hover.
    const command: Command & { tooltip: string } = { title, command: SHOW_URL_MAP_COMMAND, tooltip };
    out.push({ range: v.range, command });
  }
  return out;
}
