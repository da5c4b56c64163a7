// Template diagnostics: names no loader finds, tags/filters/libraries Django's parser would reject,
// unbalanced block tags, and {% url %} names the URL map does not have. Each stays silent where the
// analysis is not sure (a loader or library we cannot see, an incomplete URL map).
//
// Incremental, in three layers of memos, each declared with `equals` so that an edit whose result
// comes out the same stops there:
// - per file: a Python file's template references, a template's facts (whether it can be read, its
//   problems, the names it looks up, its {% url %} names); a keystroke re-reads one file;
// - per group (an app's folder: its Python files and its templates): the group's findings, checked
//   against the small project-wide projections (the template names), read once per group rather
//   than once per file, since a memo's dependencies are checked again when something it reads may
//   have changed; the {% url %} names are checked in one memo apart (see urlFindings);
// - the project: the groups' findings concatenated in file order; each rule picks its code.
import * as path from "node:path";
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { type TemplateProblemKind, templateFacts } from "../templates/check";
import { templateExists, templateMissing, templateNameTable } from "../templates/loaders";
import { projectPythonFiles, pythonTemplateRefs } from "../templates/pythonRefs";
import { urlNameMissing } from "../templates/urlNames";
import { djangoTemplateFiles } from "../templates/usages";
import { type UrlNameTable, urlNameTable } from "../urls/names";
import type { Finding, Rule } from "./types";

type Raw = Omit<Finding, "code" | "severity">;
type ByCode = Map<string, Raw[]>;

const NOT_FOUND = "lens.template-not-found";
const URL_NAME = "lens.unknown-url-name";
const PROBLEM_CODES: Record<TemplateProblemKind, string> = {
  "unknown-tag": "lens.unknown-template-tag",
  "unknown-filter": "lens.unknown-template-filter",
  "unknown-library": "lens.unknown-template-library",
  unbalanced: "lens.unbalanced-template-tag",
};

const projectKey = (project: DjangoProject) => `${project.managePy}:${project.options.settingsModule ?? ""}`;

interface Groups {
  /** Group → its Python files and Django templates. */
  members: Map<string, { python: string[]; templates: string[] }>;
  templates: Set<string>;
}

/**
 * Files grouped by app, roughly: a Python file by its folder, a template by the folder above its
 * loader folder (`shop/templates/shop/x.html` with `shop/views.py`), so that a view and the
 * templates it names are checked together and share their dependencies.
 */
function fileGroups(project: DjangoProject): Groups {
  // Recomputed only when a file list changes (both are cutoff memos), and then it differs.
  return project.index.memo(`template-groups:${projectKey(project)}`, () => {
    const members: Groups["members"] = new Map();
    const group = (key: string) => {
      let g = members.get(key);
      if (!g) members.set(key, (g = { python: [], templates: [] }));
      return g;
    };
    for (const file of projectPythonFiles(project)) group(path.dirname(file)).python.push(file);
    const templates = djangoTemplateFiles(project);
    for (const t of templates) {
      const source = t.file.slice(0, t.file.length - t.name.length - 1);
      group(path.dirname(source)).templates.push(t.file);
    }
    return { members, templates: new Set(templates.map((t) => t.file)) };
  });
}

function push(out: ByCode, code: string, f: Raw): void {
  const list = out.get(code);
  if (list) list.push(f);
  else out.set(code, [f]);
}

/** The findings of one group, by file (only files that have some), for every template rule. */
function groupFindings(project: DjangoProject, key: string): Map<string, ByCode> {
  return project.index.memo(
    `template-findings-group:${projectKey(project)}:${key}`,
    () => {
      const byFile = new Map<string, ByCode>();
      const groups = fileGroups(project);
      const group = groups.members.get(key);
      if (!group) return byFile;
      let out: ByCode = new Map();
      const done = (file: string) => {
        if (out.size) byFile.set(file, out);
        out = new Map();
      };
      // A Django template's facts say whether it can be read: no dependency of its own for that.
      const known = new Map<string, boolean>();
      const exists = (file: string) => {
        let e = known.get(file);
        if (e === undefined) known.set(file, (e = groups.templates.has(file) ? templateFacts(project, file).readable : templateExists(project, file)));
        return e;
      };
      const notFound = (file: string, name: string, range: Raw["range"], skip: string[]) => {
        if (templateMissing(project, name, skip, templateNameTable(project), exists)) {
          push(out, NOT_FOUND, { file, range, message: `TemplateDoesNotExist: no template loader finds '${name}'`, data: { name } });
        }
      };
      for (const file of group.python) {
        for (const r of pythonTemplateRefs(project, file)) if (r.strict && !r.inList) notFound(file, r.value, r.range, []);
        done(file);
      }
      for (const file of group.templates) {
        const facts = templateFacts(project, file);
        for (const n of facts.names) notFound(file, n.value, n.range, n.extends ? [file] : []);
        for (const p of facts.problems) push(out, PROBLEM_CODES[p.kind], { file, range: p.range, message: p.message, data: { name: p.name } });
        done(file);
      }
      return byFile;
    },
    { equals: deepEqual },
  );
}

/** The {% url %} names of one group's templates, with where. */
function groupUrls(project: DjangoProject, key: string): { file: string; value: string; range: Raw["range"] }[] {
  return project.index.memo(
    `template-urls-group:${projectKey(project)}:${key}`,
    () => (fileGroups(project).members.get(key)?.templates ?? []).flatMap((file) => templateFacts(project, file).urls.map((u) => ({ file, ...u }))),
    { equals: deepEqual },
  );
}

/**
 * {% url %} names the URL map does not have, by file. Apart from the groups' findings: the URL map
 * depends on every models.py (admin URLs), so whatever reads it is checked after each keystroke
 * there; here that is this one memo, not every group.
 */
function urlFindings(project: DjangoProject): Map<string, Raw[]> {
  return project.index.memo(
    `template-url-findings:${projectKey(project)}`,
    () => {
      const out = new Map<string, Raw[]>();
      let table: UrlNameTable | undefined;
      for (const key of fileGroups(project).members.keys()) {
        for (const u of groupUrls(project, key)) {
          table ??= urlNameTable(project);
          if (!urlNameMissing(table, u.value)) continue;
          const f: Raw = { file: u.file, range: u.range, message: `NoReverseMatch: '${u.value}' is not a valid view function or pattern name.`, data: { name: u.value } };
          const list = out.get(u.file);
          if (list) list.push(f);
          else out.set(u.file, [f]);
        }
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/** Rule code → the project's findings: Python files first, then templates, each in file order. */
export function templateFindings(project: DjangoProject): ByCode {
  return project.index.memo(`template-findings:${projectKey(project)}`, () => {
    const byFile = new Map<string, ByCode>();
    for (const key of fileGroups(project).members.keys()) for (const [file, found] of groupFindings(project, key)) byFile.set(file, found);
    for (const [file, found] of urlFindings(project)) {
      const cur = byFile.get(file);
      byFile.set(file, new Map([...(cur ?? []), [URL_NAME, found]]));
    }
    const out: ByCode = new Map();
    const add = (file: string) => {
      for (const [code, list] of byFile.get(file) ?? []) {
        const cur = out.get(code);
        if (cur) cur.push(...list);
        else out.set(code, [...list]);
      }
    };
    if (byFile.size) {
      for (const file of projectPythonFiles(project)) add(file);
      for (const t of djangoTemplateFiles(project)) add(t.file);
    }
    return out;
  });
}

function rule(code: string, description: string): Rule {
  return { code, defaultSeverity: "error", description, run: (project) => templateFindings(project).get(code) ?? [] };
}

export const templateNotFound = rule(NOT_FOUND, "A template name that none of the configured template loaders would find.");
export const unknownTemplateTag = rule(PROBLEM_CODES["unknown-tag"], "A template tag that is neither built in nor in a loaded library.");
export const unknownTemplateFilter = rule(PROBLEM_CODES["unknown-filter"], "A template filter that is neither built in nor in a loaded library.");
export const unknownTemplateLibrary = rule(PROBLEM_CODES["unknown-library"], "{% load %} of a library no installed app provides.");
export const unbalancedTemplateTag = rule(PROBLEM_CODES.unbalanced, "A block tag without its end tag, or an end tag without its block.");
export const unknownUrlName = rule(URL_NAME, "{% url %} names a URL pattern the URL map does not have (only when the map is complete).");

export const TEMPLATE_RULES: Rule[] = [templateNotFound, unknownTemplateTag, unknownTemplateFilter, unknownTemplateLibrary, unbalancedTemplateTag, unknownUrlName];
