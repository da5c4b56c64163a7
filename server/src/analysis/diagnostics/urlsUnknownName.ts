// lens.unknown-url-name: a reverse()/reverse_lazy()/redirect()/resolve_url() name Django's reverse()
// would not find. Only when the whole URL map is known: anything dynamic silences it. Checked per
// file (urlsNameFindings.ts).
import type { Rule } from "./types";
import { urlNameFindingsOf } from "./urlsNameFindings";

export const unknownUrlName: Rule = {
  code: "lens.unknown-url-name",
  defaultSeverity: "error",
  description: "A URL name passed to reverse(), redirect() or resolve_url() that no pattern has.",
  run(project) {
    return urlNameFindingsOf(project, "unknownName");
  },
};
