// Template diagnostics: names no loader finds, tags/filters/libraries Django's parser would reject,
// unbalanced block tags, and {% url %} names the URL map does not have. Each stays silent where the
// analysis is not sure (a loader or library we cannot see, an incomplete URL map).
import type { DjangoProject } from "../../project/project";
import { checkTemplate, templateDoc } from "../templates/check";
import { findTemplate } from "../templates/loaders";
import type { TemplateProblemKind } from "../templates/check";
import { lookupUrlName } from "../templates/urlNames";
import { djangoTemplateFiles, templateUsages } from "../templates/usages";
import type { Finding, Rule } from "./types";

type Raw = Omit<Finding, "code" | "severity">;

export const templateNotFound: Rule = {
  code: "lens.template-not-found",
  defaultSeverity: "error",
  description: "A template name that none of the configured template loaders would find.",
  run(project) {
    const out: Raw[] = [];
    for (const u of templateUsages(project)) {
      if (!u.strict) continue;
      const found = findTemplate(project, u.name, u.skip);
      if (found.winner || found.uncertain) continue;
      out.push({ file: u.at.file, range: u.at.range, message: `TemplateDoesNotExist: no template loader finds '${u.name}'`, data: { name: u.name } });
    }
    return out;
  },
};

function problemRule(code: string, kind: TemplateProblemKind, description: string): Rule {
  return {
    code,
    defaultSeverity: "error",
    description,
    run(project: DjangoProject) {
      const out: Raw[] = [];
      for (const t of djangoTemplateFiles(project)) {
        for (const p of checkTemplate(project, t.file)) {
          if (p.kind === kind) out.push({ file: t.file, range: p.range, message: p.message, data: { name: p.name } });
        }
      }
      return out;
    },
  };
}

export const unknownTemplateTag = problemRule("lens.unknown-template-tag", "unknown-tag", "A template tag that is neither built in nor in a loaded library.");
export const unknownTemplateFilter = problemRule("lens.unknown-template-filter", "unknown-filter", "A template filter that is neither built in nor in a loaded library.");
export const unknownTemplateLibrary = problemRule("lens.unknown-template-library", "unknown-library", "{% load %} of a library no installed app provides.");
export const unbalancedTemplateTag = problemRule("lens.unbalanced-template-tag", "unbalanced", "A block tag without its end tag, or an end tag without its block.");

export const unknownUrlName: Rule = {
  code: "lens.unknown-url-name",
  defaultSeverity: "error",
  description: "{% url %} names a URL pattern the URL map does not have (only when the map is complete).",
  run(project) {
    const out: Raw[] = [];
    for (const t of djangoTemplateFiles(project)) {
      const doc = templateDoc(project, t.file);
      for (const u of doc?.urls ?? []) {
        if (!u.name || u.asVar) continue;
        const found = lookupUrlName(project, u.name.value);
        if (!found.complete || found.matches.length) continue;
        out.push({
          file: t.file,
          range: doc!.lines.range(u.name.start, u.name.end),
          message: `NoReverseMatch: '${u.name.value}' is not a valid view function or pattern name.`,
          data: { name: u.name.value },
        });
      }
    }
    return out;
  },
};

export const TEMPLATE_RULES: Rule[] = [templateNotFound, unknownTemplateTag, unknownTemplateFilter, unknownTemplateLibrary, unbalancedTemplateTag, unknownUrlName];
