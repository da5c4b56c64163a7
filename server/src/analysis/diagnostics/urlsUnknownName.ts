// lens.unknown-url-name: a reverse()/reverse_lazy()/redirect()/resolve_url() name Django's reverse()
// would not find. Only when the whole URL map is known: anything dynamic silences it.
import { allUrlNameRefs, reverseLookup } from "../urls/names";
import { urlMap } from "../urls/urlMap";
import type { Rule } from "./types";

export const unknownUrlName: Rule = {
  code: "lens.unknown-url-name",
  defaultSeverity: "error",
  description: "A URL name passed to reverse(), redirect() or resolve_url() that no pattern has.",
  run(project) {
    const map = urlMap(project);
    if (!map.root || !map.complete) return [];
    const out = [];
    for (const ref of allUrlNameRefs(project)) {
      if (ref.otherUrlconf) continue;
      // redirect("/path/") and redirect("page.html") are URLs, not names, when reverse() fails.
      if (ref.kind === "redirect" && (ref.name.includes("/") || ref.name.includes("."))) continue;
      const found = reverseLookup(map, ref.name);
      if ("error" in found) out.push({ file: ref.file, range: ref.range, message: found.error, data: { name: ref.name } });
    }
    return out;
  },
};
