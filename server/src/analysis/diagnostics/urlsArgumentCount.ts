// lens.url-arguments: reverse()/redirect() with arguments no pattern of that name accepts, by
// count (positional) or by names (keywords), as Django's _reverse_with_prefix filters candidates.
// Only for literal arguments and path() routes; regex patterns are left alone.
import { allUrlNameRefs, reverseLookup, routeParams } from "../urls/names";
import { urlMap } from "../urls/urlMap";
import type { Rule } from "./types";

export const urlArgumentCount: Rule = {
  code: "lens.url-arguments",
  defaultSeverity: "error",
  description: "reverse() or redirect() passes arguments that do not fit any pattern with that name.",
  run(project) {
    const map = urlMap(project);
    if (!map.root || !map.complete) return [];
    const out = [];
    for (const ref of allUrlNameRefs(project)) {
      if (ref.otherUrlconf || ref.args === null || ref.kwargs === null) continue;
      if (ref.args.length && ref.kwargs.length) continue; // Django raises ValueError: a different problem
      const found = reverseLookup(map, ref.name);
      if ("error" in found) continue;
      const shapes = found.candidates.map(routeParams);
      if (shapes.some((s) => s === null)) continue;
      const fits = shapes.some((s) => {
        const { params, defaults } = s!;
        if (ref.args!.length) return ref.args!.length === params.length;
        const given = new Set(ref.kwargs!);
        const all = new Set([...params, ...defaults]);
        return params.every((p) => given.has(p) || defaults.includes(p)) && [...given].every((k) => all.has(k));
      });
      if (fits) continue;
      const expected = [...new Set(shapes.map((s) => `(${s!.params.join(", ")})`))].join(" or ");
      const given = ref.args.length ? `${ref.args.length} positional argument${ref.args.length === 1 ? "" : "s"}` : ref.kwargs.length ? `keyword arguments (${ref.kwargs.join(", ")})` : "no arguments";
      out.push({
        file: ref.file,
        range: ref.range,
        message: `Reverse for '${ref.name}' with ${given} cannot match: the pattern takes ${expected}.`,
        data: { name: ref.name },
      });
    }
    return out;
  },
};
