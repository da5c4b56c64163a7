// lens.url-arguments: reverse()/redirect() with arguments no pattern of that name accepts, by
// count (positional) or by names (keywords), as Django's _reverse_with_prefix filters candidates.
// Only for literal arguments and path() routes; regex patterns are left alone. Checked per file
// (urlsNameFindings.ts).
import type { Rule } from "./types";
import { urlNameFindingsOf } from "./urlsNameFindings";

export const urlArgumentCount: Rule = {
  code: "lens.url-arguments",
  defaultSeverity: "error",
  description: "reverse() or redirect() passes arguments that do not fit any pattern with that name.",
  run(project) {
    return urlNameFindingsOf(project, "arguments");
  },
};
