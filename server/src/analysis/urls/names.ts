// URL names: where Python code names them (reverse(), reverse_lazy(), redirect(), resolve_url(),
// DRF's reverse()) and what Django's reverse() would find for a name, walking namespaces the way
// URLResolver does (an application namespace stands for its default or last-deployed instance).
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { keyword, stringValue } from "../../python/exprUtil";
import type { CallExpr, Expr, Range } from "../../python/types";
import { projectPythonFiles } from "../templates/pythonRefs";
import { moduleNames, originOf } from "./context";
import type { ResolverNode, UrlInfo, UrlMap } from "./types";
import { urlMap } from "./urlMap";

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
  return project.index.memo(`url-name-refs:${project.managePy}:${file}`, () => readUrlNameRefs(project, file));
}

/**
 * URL-name references in one Python file, not memoised (for memos that read them on their way to
 * a smaller result). The file counts only when its module name resolves to it; that is asked last,
 * as most files name no URL.
 */
export function readUrlNameRefs(project: DjangoProject, file: string): UrlNameRef[] {
  const module = project.modules.moduleOfFile(file);
  const summary = module ? project.index.summary(file) : null;
  if (!module || !summary) return [];
  const ctx = { module, ...moduleNames(project, file, summary) };
  const out: UrlNameRef[] = [];
  for (const site of summary.calls) {
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
  if (out.length && project.modules.resolveModule(module)?.file !== file) return [];
  return out;
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

function endpointsBelow(node: ResolverNode, out: UrlInfo[] = []): UrlInfo[] {
  for (const c of node.children) {
    if (c.kind === "endpoint") out.push(c.url);
    else if (c.kind === "resolver" && c.namespace === null) endpointsBelow(c, out);
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
  const candidates = endpointsBelow(resolver).filter((u) => u.urlName === view);
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

/** What a candidate pattern accepts, as `routeParams` says (null: a regex somewhere, not checked). */
export type UrlShape = { params: string[]; defaults: string[] } | null;

/** A resolver as reverse() sees it: its names (through includes without a namespace) and namespaces. */
export interface UrlNameNode {
  /** Pattern name → the shape of each candidate, in resolution order. */
  names: Map<string, UrlShape[]>;
  /** Namespaced resolvers directly below, in order. */
  namespaces: { namespace: string; appName: string | null; node: UrlNameNode }[];
}

/** The URL map as reverse() checks need it: names, namespaces and argument shapes, nothing else. */
export interface UrlNameTable {
  root: UrlNameNode | null;
  /** The map has no unknown parts. */
  complete: boolean;
}

// Subtrees of the map that did not change are the same objects (urlMap.ts): so are their nodes here,
// which makes both building the table and comparing it with the last one cheap after an edit.
const NAME_NODES = new WeakMap<ResolverNode, UrlNameNode>();

function nameNode(node: ResolverNode): UrlNameNode {
  let hit = NAME_NODES.get(node);
  if (!hit) NAME_NODES.set(node, (hit = buildNameNode(node)));
  return hit;
}

function buildNameNode(node: ResolverNode): UrlNameNode {
  const out: UrlNameNode = { names: new Map(), namespaces: [] };
  const visit = (n: ResolverNode) => {
    for (const c of n.children) {
      if (c.kind === "endpoint") {
        if (c.url.urlName === null) continue;
        let list = out.names.get(c.url.urlName);
        if (!list) out.names.set(c.url.urlName, (list = []));
        list.push(routeParams(c.url));
      } else if (c.kind === "resolver") {
        if (c.namespace !== null) out.namespaces.push({ namespace: c.namespace, appName: c.appName, node: nameNode(c) });
        else visit(c);
      }
    }
  };
  visit(node);
  return out;
}

/**
 * A projection of the URL map, compared by value: an edit that changes routes, views or places but
 * no name, namespace or argument shape keeps it, and what reads it (the per-file reverse() checks)
 * stays valid.
 */
export function urlNameTable(project: DjangoProject): UrlNameTable {
  return project.index.memo(
    `url-name-table:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`,
    () => {
      const map = urlMap(project);
      return { root: map.root ? nameNode(map.root) : null, complete: map.complete };
    },
    { equals: deepEqual },
  );
}

/** reverseLookup over the name table: the candidates' shapes, or Django's NoReverseMatch message. */
export function reverseShapes(table: UrlNameTable, viewname: string): { shapes: UrlShape[] } | { error: string } {
  if (!table.root) return { error: "no URL map" };
  const parts = viewname.split(":");
  const view = parts.pop()!;
  let resolver = table.root;
  const resolved: string[] = [];
  for (let ns of parts) {
    const below = resolver.namespaces;
    const instances = below.filter((r) => r.appName === ns).map((r) => r.namespace);
    if (instances.length && !instances.includes(ns)) ns = instances[instances.length - 1];
    const next = below.find((r) => r.namespace === ns);
    if (!next) {
      return { error: resolved.length ? `'${ns}' is not a registered namespace inside '${resolved.join(":")}'` : `'${ns}' is not a registered namespace` };
    }
    resolved.push(ns);
    resolver = next.node;
  }
  const shapes = resolver.names.get(view);
  if (!shapes) return { error: `Reverse for '${view}' not found. '${view}' is not a valid view function or pattern name.` };
  return { shapes };
}
