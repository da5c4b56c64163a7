// `{% url "ns:name" %}` against the URL map: each namespace part may name an instance namespace or
// an application namespace (app_name), as reverse() accepts both.
import type { DjangoProject } from "../../project/project";
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
