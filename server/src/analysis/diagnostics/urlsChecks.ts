// Django's URL checks (urls.E004, W001, W002, W003, W005, W010, 2_0.W001) as rules: one rule per
// check ID, all reading the same memoised analysis (analysis/urls/checks.ts).
import { urlChecks } from "../urls/checks";
import type { Rule, Severity } from "./types";

function urlCheckRule(code: string, defaultSeverity: Severity, description: string): Rule {
  return {
    code,
    defaultSeverity,
    description,
    run(project) {
      return urlChecks(project)
        .filter((c) => c.id === code)
        .map((c) => ({ file: c.at.file, range: c.at.range, message: c.message, data: c.hint ? { hint: c.hint } : undefined }));
    },
  };
}

export const URL_CHECK_RULES: Rule[] = [
  urlCheckRule("urls.E004", "error", "An entry of urlpatterns that is not a path() or re_path()."),
  urlCheckRule("urls.W001", "warning", "An include() regex ending with '$'."),
  urlCheckRule("urls.W002", "warning", "A route beginning with '/'."),
  urlCheckRule("urls.W003", "warning", "A URL name containing ':'."),
  urlCheckRule("urls.W005", "warning", "A URL namespace used more than once."),
  urlCheckRule("urls.W010", "warning", "A route with an unmatched '<' or '>' (Django 5.0+)."),
  urlCheckRule("2_0.W001", "warning", "A path() route that looks like a regex ('(?P<', '^' or '$')."),
];
