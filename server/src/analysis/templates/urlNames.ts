// `{% url "ns:name" %}` against the URL map: each namespace part may name an instance namespace or
// an application namespace (app_name), as reverse() accepts both.
import type { DjangoProject } from "../../project/project";
import type { UrlNameNode, UrlNameTable } from "../urls/names";
import type { UrlInfo } from "../urls/types";
import { urlMap } from "../urls/urlMap";

export interface UrlNameLookup {
  matches: UrlInfo[];
  /** The map has no unknown parts: a name that matches nothing does not exist. */
  complete: boolean;
}

export function lookupUrlName(project: DjangoProject, name: string): UrlNameLookup {
  const map = urlMap(project);
  const parts = name.split(":");
  const viewName = parts.pop() ?? "";
  const matches = map.urls.filter(
    (u) =>
      u.urlName === viewName &&
      u.namespaces.length === parts.length &&
      parts.every((p, i) => u.namespaces[i] === p || u.appNames[i] === p),
  );
  return { matches, complete: map.complete && map.root !== null };
}

/**
 * `!lookupUrlName(...).matches.length` where the map is complete, read from the URL names'
 * projection (compared by value, so an edit that changes routes, views or lines but no name leaves
 * what reads it valid): the nodes whose namespaces match the name's parts, instance or application
 * namespace at each level, and whether one of them has the pattern name.
 */
export function urlNameMissing(table: UrlNameTable, name: string): boolean {
  if (!table.complete || !table.root) return false;
  const parts = name.split(":");
  const viewName = parts.pop() ?? "";
  let nodes: UrlNameNode[] = [table.root];
  for (const p of parts) {
    nodes = nodes.flatMap((n) => n.namespaces.filter((c) => c.namespace === p || c.appName === p).map((c) => c.node));
    if (!nodes.length) return true;
  }
  return !nodes.some((n) => n.names.has(viewName));
}

/** Every name `{% url %}` accepts, for completion: full instance names (`ns:inner:name`). */
export function urlNames(project: DjangoProject): { name: string; url: UrlInfo }[] {
  const seen = new Set<string>();
  const out: { name: string; url: UrlInfo }[] = [];
  for (const u of urlMap(project).urls) {
    if (!u.name || seen.has(u.name)) continue;
    seen.add(u.name);
    out.push({ name: u.name, url: u });
  }
  return out;
}
