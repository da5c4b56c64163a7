// Every template name the project writes down (Python references and {% extends %}/{% include %}
// in its Django templates), with where; the CLI's default list and the not-found rule read this.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { templateFacts } from "./check";
import { TEMPLATE_EXTENSIONS, type TemplateFile, sameTemplateFiles, templateFiles } from "./loaders";
import { projectPythonFiles, pythonTemplateRefs } from "./pythonRefs";

export interface TemplateUsage {
  name: string;
  at: Location;
  /** Django surely looks it up through the loaders (a missing one is an error). */
  strict: boolean;
  /** {% extends %}: Django skips the extending file itself when looking the parent up. */
  skip: string[];
  from: "python" | "extends" | "include";
}

/** The Django-language template files of the project, once each, that diagnostics read. */
export function djangoTemplateFiles(project: DjangoProject): TemplateFile[] {
  return project.index.memo(
    `template-django-files:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const seen = new Set<string>();
      return templateFiles(project).filter((t) => {
        if (t.backend !== "django" || seen.has(t.file) || !TEMPLATE_EXTENSIONS.has(path.extname(t.file).toLowerCase())) return false;
        seen.add(t.file);
        return true;
      });
    },
    { equals: sameTemplateFiles },
  );
}

/** The template names one Python file writes down. */
export function pythonFileUsages(project: DjangoProject, file: string): TemplateUsage[] {
  return pythonTemplateRefs(project, file).map((r) => ({ name: r.value, at: { file, range: r.range }, strict: r.strict && !r.inList, skip: [], from: "python" }));
}

/** The {% extends %} and {% include %} names of one Django template. */
export function templateFileUsages(project: DjangoProject, file: string): TemplateUsage[] {
  return templateFacts(project, file).names.map((n) => ({
    name: n.value,
    at: { file, range: n.range },
    strict: true,
    skip: n.extends ? [file] : [],
    from: n.extends ? "extends" : "include",
  }));
}

export function templateUsages(project: DjangoProject): TemplateUsage[] {
  return project.index.memo(`template-usages:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const out: TemplateUsage[] = [];
    for (const file of projectPythonFiles(project)) out.push(...pythonFileUsages(project, file));
    for (const t of djangoTemplateFiles(project)) out.push(...templateFileUsages(project, t.file));
    return out;
  });
}
