// django.urls.resolve() over the URL map's tree: ordered matching, include prefixes consumed
// before their children are tried, converters applied (a value a converter rejects moves on to
// the next pattern), extra kwargs overriding captured ones. Where something we cannot read sits
// before or on the way to the answer, the answer says it is uncertain.
import type { DjangoProject } from "../../project/project";
import { readSettings } from "../settings/settings";
import { truthy, setting } from "./context";
import { matchPattern } from "./routes";
import type { EndpointNode, ResolverNode, UnknownNode, UrlInfo, UrlMap } from "./types";
import { joinRoute, urlMap } from "./urlMap";

export interface ResolveMatch {
  route: string;
  name: string | null;
  url: UrlInfo;
  /** Python str() of each keyword argument the view would get. */
  kwargs: Record<string, string>;
  args: string[];
}

export interface ResolveResult {
  path: string;
  match: ResolveMatch | null;
  /** Why the answer may differ from Django's (dynamic patterns, custom converters …). */
  uncertain: string | null;
  /** With APPEND_SLASH and CommonMiddleware, the path Django would redirect to. */
  appendSlash: string | null;
}

interface Partial {
  route: string;
  url: UrlInfo;
  kwargs: Record<string, string>;
  args: string[];
}

class Resolver {
  uncertain: string | null = null;

  private note(why: string): void {
    this.uncertain ??= why;
  }

  resolver(node: ResolverNode, path: string): Partial | null {
    const m = matchPattern(node.pattern, path);
    if (!m) {
      if (node.pattern.problem) this.note(node.pattern.problem);
      return null;
    }
    if (m.uncertain) this.note(m.uncertain);
    if (node.broken) this.note(node.broken);
    for (const child of node.children) {
      const sub = child.kind === "resolver" ? this.resolver(child, m.rest) : child.kind === "endpoint" ? this.endpoint(child, m.rest) : this.unknown(child);
      if (!sub) continue;
      if (node.kwargs === "unknown") this.note("include() kwargs that are not literal");
      const kwargs = { ...m.kwargs, ...(node.kwargs === "unknown" ? {} : node.kwargs), ...sub.kwargs };
      const args = Object.keys(kwargs).length ? sub.args : [...m.args, ...sub.args];
      const current = child.kind === "resolver" ? child.pattern.text : "";
      return { route: joinRoute(current, sub.route), url: sub.url, kwargs, args };
    }
    return null;
  }

  private unknown(node: UnknownNode): null {
    this.note(`patterns we cannot read come first: ${node.reason}`);
    return null;
  }

  private endpoint(node: EndpointNode, path: string): Partial | null {
    const m = matchPattern(node.pattern, path);
    if (!m) {
      if (node.pattern.problem) this.note(node.pattern.problem);
      return null;
    }
    if (m.uncertain) this.note(m.uncertain);
    const url = node.url;
    if (url.conditional) this.note("the pattern is added under a condition we cannot decide");
    const extra = node.entry.kwargs;
    if (extra === "unknown") this.note("path() kwargs that are not literal");
    return { route: node.pattern.text, url, kwargs: { ...m.kwargs, ...(extra === "unknown" ? {} : extra) }, args: m.args };
  }
}

function resolveIn(map: UrlMap, path: string): { match: ResolveMatch | null; uncertain: string | null } {
  if (!map.root) return { match: null, uncertain: map.problems[0]?.reason ?? "no URL map" };
  const r = new Resolver();
  const p = r.resolver(map.root, path);
  if (!p) return { match: null, uncertain: r.uncertain };
  return { match: { route: p.route, name: p.url.name, url: p.url, kwargs: p.kwargs, args: p.args }, uncertain: r.uncertain };
}

export function resolvePath(project: DjangoProject, path: string): ResolveResult {
  const map = urlMap(project);
  const { match, uncertain } = resolveIn(map, path);
  let appendSlash: string | null = null;
  if (!match && !path.endsWith("/") && appendSlashActive(project)) {
    const withSlash = resolveIn(map, path + "/");
    if (withSlash.match && !withSlash.uncertain) appendSlash = path + "/";
  }
  return { path, match, uncertain, appendSlash };
}

function appendSlashActive(project: DjangoProject): boolean {
  const middleware = readSettings(project).middleware;
  const common = !!middleware?.items.some((m) => m.value === "django.middleware.common.CommonMiddleware" && !m.maybe);
  return common && truthy(setting(project, "APPEND_SLASH")) === true;
}
