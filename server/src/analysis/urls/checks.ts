// Django's URL system checks, statically: check_resolver() over the followed tree (urls.E004,
// W001, W002, W003, 2_0.W001, W010 on 5.x) and check_url_namespaces_unique (urls.W005), with
// Django's IDs and wording. Where the tree is not fully known or a pattern sits under an undecided
// `if`, the check stays silent rather than guess (an include's own pattern is only checked by
// Django when its children report nothing, which we cannot know for an incomplete subtree).
import { atLeast } from "../../project/djangoVersion";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { setting, truthy } from "./context";
import type { CompiledPattern } from "./routes";
import type { ResolverNode } from "./types";
import { urlMap } from "./urlMap";

export interface UrlCheck {
  id: string;
  message: string;
  hint?: string;
  at: Location;
}

function describe(p: CompiledPattern, name: string | null): string {
  return `'${p.text}'` + (name !== null ? ` [name='${name}']` : "");
}

/** What the checks read from the settings and the Django version (read once, so the memo records them). */
interface CheckOptions {
  appendSlash: boolean;
  django5: boolean;
}

function patternChecks(opts: CheckOptions, p: CompiledPattern, name: string | null, at: Location): UrlCheck[] {
  if (p.spec.kind === "locale" || p.pyRegex === null) return [];
  const out: UrlCheck[] = [];
  const rx = p.pyRegex;
  if (opts.appendSlash && (rx.startsWith("/") || rx.startsWith("^/") || rx.startsWith("^\\/")) && !rx.endsWith("/")) {
    out.push({
      id: "urls.W002",
      message: `Your URL pattern ${describe(p, name)} has a route beginning with a '/'. Remove this slash as it is unnecessary. If this pattern is targeted in an include(), ensure the include() pattern has a trailing '/'.`,
      at,
    });
  }
  if (p.spec.kind === "route") {
    const route = p.spec.route;
    if (opts.django5) {
      let open = 0;
      for (const ch of route.replace(/[^<>]/g, "")) {
        if (ch === "<") open++;
        else if (--open < 0) {
          out.push({ id: "urls.W010", message: `Your URL pattern ${describe(p, name)} has an unmatched '>' bracket.`, at });
          open = 0;
        }
      }
      if (open > 0) out.push({ id: "urls.W010", message: `Your URL pattern ${describe(p, name)} has an unmatched '<' bracket.`, at });
    }
    if (route.includes("(?P<") || route.startsWith("^") || route.endsWith("$")) {
      out.push({
        id: "2_0.W001",
        message: `Your URL pattern ${describe(p, name)} has a route that contains '(?P<', begins with a '^', or ends with a '$'. This was likely an oversight when migrating to django.urls.path().`,
        at,
      });
    }
  } else if (!p.isEndpoint && rx.endsWith("$") && !rx.endsWith("\\$")) {
    out.push({
      id: "urls.W001",
      message: `Your URL pattern ${describe(p, name)} uses include with a route ending with a '$'. Remove the dollar from the route to avoid problems including URLs.`,
      at,
    });
  }
  return out;
}

// A resolver's messages depend on nothing but its subtree and the options, and subtrees that did not
// change are the same objects after an edit (urlMap.ts): remember them per node.
const CHECKED = new WeakMap<ResolverNode, { opts: string; result: UrlCheck[] | null }>();

/** Returns null when the resolver's messages cannot be known. Do not change the array: it is shared. */
function checkResolver(opts: CheckOptions, node: ResolverNode): UrlCheck[] | null {
  const key = `${opts.appendSlash}:${opts.django5}`;
  const hit = CHECKED.get(node);
  if (hit?.opts === key) return hit.result;
  const result = checkResolverNow(opts, node);
  CHECKED.set(node, { opts: key, result });
  return result;
}

function checkResolverNow(opts: CheckOptions, node: ResolverNode): UrlCheck[] | null {
  if (node.broken) return null;
  const out: UrlCheck[] = [];
  let known = true;
  for (const child of node.children) {
    if (child.kind === "unknown") {
      if (child.invalid && !child.invalid.conditional && child.invalid.repr !== null) {
        out.push({
          id: "urls.E004",
          message: `Your URL pattern ${child.invalid.repr} is invalid. Ensure that urlpatterns is a list of path() and/or re_path() instances.`,
          hint: child.invalid.hint ?? undefined,
          at: child.at,
        });
      } else known = false;
    } else if (child.kind === "endpoint") {
      if (child.entry.conditional) continue;
      const name = child.entry.name;
      if (name !== null && name.includes(":")) {
        out.push({
          id: "urls.W003",
          message: `Your URL pattern ${describe(child.pattern, name)} has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.`,
          at: child.entry.at,
        });
      }
      for (const c of patternChecks(opts, child.pattern, name, child.entry.at)) out.push(c);
    } else {
      if (child.include?.conditional) continue;
      const sub = checkResolver(opts, child);
      if (sub === null) known = false;
      else for (const c of sub) out.push(c);
    }
  }
  if (out.length) return out;
  if (!known) return null;
  return node.include ? patternChecks(opts, node.pattern, null, node.include.at) : [];
}

/** _load_all_namespaces: every namespace, joined with its parents, with where it is set. */
function namespaces(node: ResolverNode, parents: string[], out: { ns: string; at: Location; conditional: boolean }[]): void {
  for (const c of node.children) {
    if (c.kind === "resolver" && c.namespace !== null && c.include) {
      out.push({ ns: [...parents, c.namespace].join(":"), at: c.include.at, conditional: !!c.include.conditional });
    }
  }
  for (const c of node.children) if (c.kind === "resolver") namespaces(c, c.namespace !== null ? [...parents, c.namespace] : parents, out);
}

export function urlChecks(project: DjangoProject): UrlCheck[] {
  return project.index.memo(`url-checks:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`, () => {
    const map = urlMap(project);
    if (!map.root) return [];
    const opts: CheckOptions = { appendSlash: truthy(setting(project, "APPEND_SLASH")) !== false, django5: atLeast(project.djangoVersion(), 5, 0) };
    const out = [...(checkResolver(opts, map.root) ?? [])];
    const all: { ns: string; at: Location; conditional: boolean }[] = [];
    namespaces(map.root, [], all);
    const seen = new Map<string, number>();
    for (const n of all) {
      if (n.conditional) continue;
      const count = (seen.get(n.ns) ?? 0) + 1;
      seen.set(n.ns, count);
      if (count === 2) {
        out.push({ id: "urls.W005", message: `URL namespace '${n.ns}' isn't unique. You may not be able to reverse all URLs in this namespace`, at: n.at });
      }
    }
    return out;
  });
}
