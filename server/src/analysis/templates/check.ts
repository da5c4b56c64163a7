// The problems Django's template Parser would raise for one template, found statically: a tag or
// filter that is not registered given what is loaded, a `{% load %}` of a library that does not
// exist, and block tags that do not balance. Each kind only when the scope is fully known there;
// after the first cascade-prone problem (an unknown opener) its end tag is not reported again.
import type { DjangoProject } from "../../project/project";
import type { Range } from "../../python/types";
import { libraryTable } from "./libraries";
import { type TemplateDoc, type TagNode, parseTemplate } from "./parse";
import { applyLoad, blockTagsOf, initialScope } from "./scope";

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

export function checkTemplate(project: DjangoProject, file: string): TemplateProblem[] {
  return project.index.memo(`template-check:${project.managePy}:${project.options.settingsModule ?? ""}:${file}`, () => {
    const doc = templateDoc(project, file);
    return doc ? checkDoc(project, doc) : [];
  });
}

export function checkDoc(project: DjangoProject, doc: TemplateDoc): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const table = libraryTable(project);
  const scope = initialScope(project, table);
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
