// The problems Django's template Parser would raise for one template, found statically: a tag or
// filter that is not registered given what is loaded, a `{% load %}` of a library that does not
// exist, and block tags that do not balance. Each kind only when the scope is fully known there;
// after the first cascade-prone problem (an unknown opener) its end tag is not reported again.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import type { Range } from "../../python/types";
import { type Library, type LibraryTable, libraryTable } from "./libraries";
import { type TemplateDoc, type TagNode, parseTemplate } from "./parse";
import { applyLoad, blockTagsOf, djangoVersionFor, initialScope } from "./scope";

export type TemplateProblemKind = "unknown-tag" | "unknown-filter" | "unknown-library" | "unbalanced";

export interface TemplateProblem {
  kind: TemplateProblemKind;
  range: Range;
  message: string;
  name: string;
}

/** The parsed template of a file, memoised on the file's text. */
export function templateDoc(project: DjangoProject, file: string): TemplateDoc | null {
  return project.index.memo(`template-doc:${file}`, () => {
    const text = project.index.text(file);
    return text === null ? null : parseTemplate(text);
  });
}

interface Open {
  tag: TagNode;
  end: string[];
  middle: string[];
}

/**
 * Everything a template's check reads besides its own text: the library table without the
 * registrations' locations (an edit that moves a function in a templatetags module changes no
 * check) and the Django version. An edit that leaves it equal re-checks no template.
 */
export interface CheckContext {
  table: LibraryTable;
  version: { major: number; minor: number } | null;
}

export function checkContext(project: DjangoProject): CheckContext {
  return project.index.memo(
    `template-check-context:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const full = libraryTable(project);
      const copies = new Map<Library, Library>();
      const strip = (lib: Library): Library => {
        let c = copies.get(lib);
        if (!c) {
          const regs = (m: Library["tags"]) => new Map([...m].map(([k, r]) => [k, r.end === undefined ? { name: r.name, at: null } : { name: r.name, at: null, end: r.end }]));
          c = { ...lib, tags: regs(lib.tags), filters: regs(lib.filters) };
          copies.set(lib, c);
        }
        return c;
      };
      const table: LibraryTable = {
        byName: new Map([...full.byName].map(([k, lib]) => [k, strip(lib)])),
        complete: full.complete,
        builtins: full.builtins.map(strip),
        builtinsComplete: full.builtinsComplete,
      };
      const v = djangoVersionFor(project);
      return { table, version: v && { major: v.major, minor: v.minor } };
    },
    { equals: deepEqual },
  );
}

/**
 * What the diagnostics need of one template, small and comparable: whether it can be read, its
 * problems, the template names it looks up and its {% url %} names, with their ranges. Read from
 * the file's text and the check context only, so a keystroke re-checks this file alone, and one
 * that changes none of these stops here.
 */
export interface TemplateFacts {
  readable: boolean;
  problems: TemplateProblem[];
  /** {% extends %} (Django skips the extending file itself) and {% include %} names. */
  names: { value: string; range: Range; extends: boolean }[];
  /** Literal {% url %} names whose NoReverseMatch Django would raise (not `as var`). */
  urls: { value: string; range: Range }[];
}

export function templateFacts(project: DjangoProject, file: string): TemplateFacts {
  return project.index.memo(
    `template-facts:${project.managePy}:${project.options.settingsModule ?? ""}:${file}`,
    () => {
      // The text, not templateDoc: one dependency fewer for every template on every check of validity.
      const text = project.index.text(file);
      if (text === null) return { readable: false, problems: [], names: [], urls: [] };
      const doc = parseTemplate(text);
      const r = (x: { start: number; end: number }) => doc.lines.range(x.start, x.end);
      const names: TemplateFacts["names"] = [];
      if (doc.extendsRef) names.push({ value: doc.extendsRef.value, range: r(doc.extendsRef), extends: true });
      for (const inc of doc.includes) names.push({ value: inc.value, range: r(inc), extends: false });
      const urls: TemplateFacts["urls"] = [];
      for (const u of doc.urls) if (u.name && !u.asVar) urls.push({ value: u.name.value, range: r(u.name) });
      return { readable: true, problems: checkDoc(project, doc, checkContext(project)), names, urls };
    },
    { equals: deepEqual },
  );
}

export function checkTemplate(project: DjangoProject, file: string): TemplateProblem[] {
  return templateFacts(project, file).problems;
}

export function checkDoc(project: DjangoProject, doc: TemplateDoc, context?: CheckContext): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const table = context?.table ?? libraryTable(project);
  const scope = context ? initialScope(project, table, context.version) : initialScope(project, table);
  const range = (start: number, end: number) => doc.lines.range(start, end);
  const line = (tag: TagNode) => doc.lines.position(tag.token.start).line + 1;
  const nameRange = (tag: TagNode) => range(tag.bits[0].start, tag.bits[0].start + tag.name.length);
  const stack: Open[] = [];
  const unknownOpeners = new Set<string>();
  let loadIndex = 0;
  // Recomputed only when a {% load %} changed the scope.
  let blocks: ReturnType<typeof blockTagsOf> | null = null;
  let filterIndex = 0;
  const filtersUpTo = (offset: number) => {
    for (; filterIndex < doc.filters.length && doc.filters[filterIndex].start < offset; filterIndex++) {
      const f = doc.filters[filterIndex];
      if (!scope.open && !scope.filters.has(f.value)) {
        out.push({ kind: "unknown-filter", range: range(f.start, f.end), message: `Invalid filter: '${f.value}'`, name: f.value });
      }
    }
  };
  for (const tag of doc.tags) {
    filtersUpTo(tag.token.start);
    blocks ??= blockTagsOf(scope);
    const top = stack[stack.length - 1];
    const block = blocks.get(tag.name);
    if (tag.name === "load" && doc.loads[loadIndex]?.tag === tag) {
      blocks = null;
      for (const missing of applyLoad(scope, doc.loads[loadIndex++], table)) {
        if (!table.complete) continue;
        const known = [...table.byName.keys()].sort().join(", ");
        out.push({
          kind: "unknown-library",
          range: range(missing.start, missing.end),
          message: `'${missing.value}' is not a registered tag library. Must be one of: ${known}`,
          name: missing.value,
        });
      }
      continue;
    }
    if (block) {
      stack.push({ tag, end: block.end, middle: block.middle });
      continue;
    }
    if (scope.tags.has(tag.name)) continue;
    if (top && (top.end.includes(tag.name) || top.middle.includes(tag.name))) {
      if (tag.name === "endblock" && top.tag.name === "block" && tag.bits[1] && tag.bits[1].text !== top.tag.bits[1]?.text) {
        out.push({
          kind: "unbalanced",
          range: nameRange(tag),
          message: `Invalid block tag on line ${line(tag)}: '${tag.token.contents}', expected 'endblock' or 'endblock ${top.tag.bits[1]?.text ?? ""}'`,
          name: tag.name,
        });
      }
      if (top.end.includes(tag.name)) stack.pop();
      continue;
    }
    const closes = stack.findIndex((o) => o.end.includes(tag.name));
    const isStructural = closes >= 0 || [...blocks.values()].some((b) => b.end.includes(tag.name) || b.middle.includes(tag.name));
    // A library we cannot read may register or consume any tag.
    if (scope.consumed.has(tag.name) || scope.open) continue;
    if (isStructural) {
      const expected = top ? [...top.middle, ...top.end].map((n) => `'${n}'`).join(", ") : null;
      out.push({
        kind: "unbalanced",
        range: nameRange(tag),
        message: expected
          ? `Invalid block tag on line ${line(tag)}: '${tag.name}', expected ${expected}`
          : `Invalid block tag on line ${line(tag)}: '${tag.name}'. Did you forget to register or load this tag?`,
        name: tag.name,
      });
      // Recover: the tag closes an outer block, so the ones above it were left open.
      if (closes >= 0) {
        for (const o of stack.splice(closes + 1)) out.push(unclosed(doc, o));
        if (stack[closes].end.includes(tag.name)) stack.pop();
      }
      continue;
    }
    if (tag.name.startsWith("end") && unknownOpeners.has(tag.name.slice(3))) continue;
    unknownOpeners.add(tag.name);
    out.push({
      kind: "unknown-tag",
      range: nameRange(tag),
      message: `Invalid block tag on line ${line(tag)}: '${tag.name}'. Did you forget to register or load this tag?`,
      name: tag.name,
    });
  }
  filtersUpTo(doc.text.length + 1);
  for (const o of stack) out.push(unclosed(doc, o));
  if (doc.unclosedComment) {
    const t = doc.unclosedComment;
    out.push({ kind: "unbalanced", range: doc.lines.range(t.bits[0].start, t.bits[0].start + t.name.length), message: `Unclosed tag on line ${doc.lines.position(t.token.start).line + 1}: 'comment'. Looking for one of: endcomment.`, name: "comment" });
  }
  return out;
}

function unclosed(doc: TemplateDoc, o: Open): TemplateProblem {
  const t = o.tag;
  return {
    kind: "unbalanced",
    range: doc.lines.range(t.bits[0].start, t.bits[0].start + t.name.length),
    message: `Unclosed tag on line ${doc.lines.position(t.token.start).line + 1}: '${t.name}'. Looking for one of: ${[...o.middle, ...o.end].join(", ")}.`,
    name: t.name,
  };
}
