// Go to definition and references for URLs in Python: a URL name in reverse()/redirect() → the
// pattern(s) it names; include("app.urls") → the URLconf; a view in a URLconf → its def/class;
// references from a pattern's name to every reverse()/redirect() that uses it.
import type { Location } from "../python/types";
import { allUrlNameRefs, reverseLookup, urlNameRefs } from "../analysis/urls/names";
import type { UrlInfo } from "../analysis/urls/types";
import { urlMap } from "../analysis/urls/urlMap";
import { type FeatureContext, contains } from "./context";

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function patternLocation(u: UrlInfo): Location {
  return u.entry.nameAt ?? u.entry.at;
}

/** The URL names reverse() would consider for a string under the cursor, or null. */
export function urlNameAt(ctx: FeatureContext): { name: string; candidates: UrlInfo[]; range: Location["range"] } | null {
  if (!ctx.project || !ctx.file.endsWith(".py")) return null;
  const ref = urlNameRefs(ctx.project, ctx.file).find((r) => contains(r.range, ctx.position));
  if (!ref) return null;
  const found = reverseLookup(urlMap(ctx.project), ref.name);
  return { name: ref.name, candidates: "error" in found ? [] : found.candidates, range: ref.range };
}

export function urlsDefinition(ctx: FeatureContext): Location[] | null {
  const project = ctx.project;
  if (!project || !ctx.file.endsWith(".py")) return null;
  const named = urlNameAt(ctx);
  if (named) return named.candidates.length ? named.candidates.map(patternLocation) : null;
  const map = urlMap(project);
  for (const u of map.urls) {
    const e = u.entry;
    if (e.viewAt && e.viewAt.file === ctx.file && contains(e.viewAt.range, ctx.position) && u.view?.file && u.view.range) {
      return [{ file: u.view.file, range: u.view.range }];
    }
    for (const inc of u.includes) {
      if (inc.targetAt && inc.targetAt.file === ctx.file && contains(inc.targetAt.range, ctx.position) && inc.target.kind === "module") {
        const mod = project.modules.resolveModule(inc.target.module);
        if (mod?.file) return [{ file: mod.file, range: ZERO }];
      }
    }
  }
  return null;
}

/** From a pattern's name (or a reverse() string) to every use of that name. */
export function urlsReferences(ctx: FeatureContext): Location[] | null {
  const project = ctx.project;
  if (!project || !ctx.file.endsWith(".py")) return null;
  const map = urlMap(project);
  let targets: UrlInfo[] = map.urls.filter((u) => u.entry.nameAt?.file === ctx.file && contains(u.entry.nameAt.range, ctx.position));
  if (!targets.length) targets = urlNameAt(ctx)?.candidates ?? [];
  if (!targets.length) return null;
  const out: Location[] = [];
  for (const ref of allUrlNameRefs(project)) {
    const found = reverseLookup(map, ref.name);
    if (!("error" in found) && found.candidates.some((c) => targets.some((t) => t.entry === c.entry))) out.push({ file: ref.file, range: ref.range });
  }
  return out;
}
