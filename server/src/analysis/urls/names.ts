// URL names: where Python code names them (reverse(), reverse_lazy(), redirect(), resolve_url(),
// DRF's reverse()) and what Django's reverse() would find for a name, walking namespaces the way
// URLResolver does (an application namespace stands for its default or last-deployed instance).
import type { DjangoProject } from "../../project/project";
import { keyword, stringValue } from "../../python/exprUtil";
import type { CallExpr, Expr, Range } from "../../python/types";
import { projectPythonFiles } from "../templates/pythonRefs";
import { moduleCtx, originOf } from "./context";
import type { ResolverNode, UrlInfo, UrlMap } from "./types";

const REVERSE = new Set([
  "django.urls.reverse",
  "django.urls.reverse_lazy",
  "django.urls.base.reverse",
  "django.urls.base.reverse_lazy",
  "rest_framework.reverse.reverse",
  "rest_framework.reverse.reverse_lazy",
]);
const REDIRECT = new Set(["django.shortcuts.redirect", "django.shortcuts.resolve_url"]);

export interface UrlNameRef {
  file: string;
  /** The string literal's range (quotes included). */
  range: Range;
  name: string;
  call: CallExpr;
  kind: "reverse" | "redirect";
  /** Positional arguments when the call shows them literally, else null. */
  args: Expr[] | null;
  /** Keyword argument names when the call shows them literally, else null. */
  kwargs: string[] | null;
  /** reverse(..., urlconf=...): another URLconf, not ROOT_URLCONF. */
  otherUrlconf: boolean;
}

function literalList(e: Expr | undefined): Expr[] | null {
  if (!e || (e.kind === "const" && e.value === null)) return [];
  if ((e.kind === "list" || e.kind === "tuple") && !e.elts.some((x) => x.kind === "starred")) return e.elts;
  return null;
}

function literalKeys(e: Expr | undefined): string[] | null {
  if (!e || (e.kind === "const" && e.value === null)) return [];
  if (e.kind !== "dict") return null;
  const keys: string[] = [];
  for (const item of e.items) {
    const k = item.key ? stringValue(item.key) : null;
    if (k === null) return null;
    keys.push(k);
  }
  return keys;
}

/** URL-name references in one Python file; memoised per file. */
export function urlNameRefs(project: DjangoProject, file: string): UrlNameRef[] {
  return project.index.memo(`url-name-refs:${project.managePy}:${file}`, () => {
    const module = project.modules.moduleOfFile(file);
    const ctx = module ? moduleCtx(project, module) : null;
    if (!ctx || ctx.file !== file) return [];
    const out: UrlNameRef[] = [];
    for (const site of ctx.summary.calls) {
      const call = site.call;
      const o = originOf(ctx, call.func);
      if (!o || (!REVERSE.has(o) && !REDIRECT.has(o))) continue;
      const first = call.args[0] ?? keyword(call, REVERSE.has(o) ? "viewname" : "to")?.value;
      const name = stringValue(first);
      if (!first || name === null) continue;
      if (REVERSE.has(o)) {
        out.push({
          file,
          range: first.range,
          name,
          call,
          kind: "reverse",
          args: literalList(call.args[2] ?? keyword(call, "args")?.value),
          kwargs: literalKeys(call.args[3] ?? keyword(call, "kwargs")?.value),
          otherUrlconf: !!(call.args[1] ?? keyword(call, "urlconf")),
        });
      } else {
        const rest = call.args.slice(1);
        const kws = call.keywords.filter((k) => k.name !== "permanent" && k.name !== "preserve_request");
        const dynamic = rest.some((x) => x.kind === "starred") || kws.some((k) => !k.name);
        out.push({ file, range: first.range, name, call, kind: "redirect", args: dynamic ? null : rest, kwargs: dynamic ? null : kws.map((k) => k.name), otherUrlconf: false });
      }
    }
    return out;
  });
}

/** Every URL-name reference in the project's Python files. */
export function allUrlNameRefs(project: DjangoProject): UrlNameRef[] {
  return project.index.memo(`url-name-refs-all:${project.managePy}`, () => projectPythonFiles(project).flatMap((f) => urlNameRefs(project, f)));
}

/** Namespaced resolvers directly below a resolver (through includes without a namespace). */
function namespaced(node: ResolverNode, out: ResolverNode[] = []): ResolverNode[] {
  for (const c of node.children) {
    if (c.kind !== "resolver") continue;
    if (c.namespace !== null) out.push(c);
    else namespaced(c, out);
  }
  return out;
}

function endpointsBelow(map: UrlMap, node: ResolverNode, out: UrlInfo[] = []): UrlInfo[] {
  for (const c of node.children) {
    if (c.kind === "endpoint") out.push(map.urls[c.index]);
    else if (c.kind === "resolver" && c.namespace === null) endpointsBelow(map, c, out);
  }
  return out;
}

export type ReverseLookup = { candidates: UrlInfo[] } | { error: string };

/** The patterns reverse(viewname) would consider, or Django's NoReverseMatch message. */
export function reverseLookup(map: UrlMap, viewname: string): ReverseLookup {
  if (!map.root) return { error: "no URL map" };
  const parts = viewname.split(":");
  const view = parts.pop()!;
  let resolver = map.root;
  const resolved: string[] = [];
  for (let ns of parts) {
    const below = namespaced(resolver);
    // Django fills these dicts iterating patterns in reverse: the first namespace wins, and an
    // app's instance list ends with the first deployed one.
    const instances = below.filter((r) => r.appName === ns).map((r) => r.namespace!);
    if (instances.length && !instances.includes(ns)) ns = instances[instances.length - 1];
    const next = below.find((r) => r.namespace === ns);
    if (!next) {
      return { error: resolved.length ? `'${ns}' is not a registered namespace inside '${resolved.join(":")}'` : `'${ns}' is not a registered namespace` };
    }
    resolved.push(ns);
    resolver = next;
  }
  const candidates = endpointsBelow(map, resolver).filter((u) => u.urlName === view);
  if (!candidates.length) return { error: `Reverse for '${view}' not found. '${view}' is not a valid view function or pattern name.` };
  return { candidates };
}

/** All names reverse() accepts (namespaced as written in the map), for completion. */
export function reversibleNames(map: UrlMap): string[] {
  const names = new Set<string>();
  for (const u of map.urls) if (u.name !== null) names.add(u.name);
  return [...names];
}

/**
 * Parameters of a candidate when every part of its chain is a path() route (regex patterns go
 * through Django's normalize(), which we do not model), else null.
 */
export function routeParams(u: UrlInfo): { params: string[]; defaults: string[] } | null {
  if (u.chain.some((p) => p.spec.kind === "regex")) return null;
  const params = u.chain.flatMap((p) => Object.keys(p.converters));
  const defaults: string[] = [];
  if (u.entry.kwargs === "unknown") return null;
  defaults.push(...Object.keys(u.entry.kwargs));
  for (const inc of u.includes) {
    if (inc.kwargs === "unknown") return null;
    defaults.push(...Object.keys(inc.kwargs));
  }
  return { params, defaults };
}
