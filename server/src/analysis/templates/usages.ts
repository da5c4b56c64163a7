// Every template name the project writes down (Python references and {% extends %}/{% include %}
// in its Django templates), with where; the CLI's default list and the not-found rule read this.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { templateDoc } from "./check";
import { TEMPLATE_EXTENSIONS, type TemplateFile, templateFiles } from "./loaders";
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
  const seen = new Set<string>();
  return templateFiles(project).filter((t) => {
    if (t.backend !== "django" || seen.has(t.file) || !TEMPLATE_EXTENSIONS.has(path.extname(t.file).toLowerCase())) return false;
    seen.add(t.file);
    return true;
  });
}

export function templateUsages(project: DjangoProject): TemplateUsage[] {
  return project.index.memo(`template-usages:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const out: TemplateUsage[] = [];
    for (const file of projectPythonFiles(project)) {
      for (const r of pythonTemplateRefs(project, file)) {
        out.push({ name: r.value, at: { file, range: r.range }, strict: r.strict && !r.inList, skip: [], from: "python" });
      }
    }
    for (const t of djangoTemplateFiles(project)) {
      const doc = templateDoc(project, t.file);
      if (!doc) continue;
      const at = (r: { start: number; end: number }) => ({ file: t.file, range: doc.lines.range(r.start, r.end) });
      if (doc.extendsRef) out.push({ name: doc.extendsRef.value, at: at(doc.extendsRef), strict: true, skip: [t.file], from: "extends" });
      for (const inc of doc.includes) out.push({ name: inc.value, at: at(inc), strict: true, skip: [], from: "include" });
    }
    return out;
  });
}
