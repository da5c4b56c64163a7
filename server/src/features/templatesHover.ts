// Hover in templates: a one-line description for built-in tags and filters (and the library a
// custom one comes from); for a template name, in a template or in Python, the file Django loads
// and the ones it shadows.
import { type Hover, MarkupKind } from "vscode-languageserver";
import { BUILTIN_FILTERS, DJANGO_LIBRARIES } from "../analysis/templates/builtins";
import type { TemplateLookup } from "../analysis/templates/loaders";
import { findTemplate } from "../analysis/templates/loaders";
import { tagAt } from "../analysis/templates/parse";
import { pythonRefAt } from "../analysis/templates/pythonRefs";
import { scopeAt } from "../analysis/templates/scope";
import type { DjangoProject } from "../project/project";
import type { FeatureContext } from "./context";
import { type TemplateContext, findForRef, inRef, templateContext } from "./templatesShared";

export function templateHover(ctx: FeatureContext): Hover | null {
  if (ctx.file.endsWith(".py")) {
    if (!ctx.project) return null;
    const ref = pythonRefAt(ctx.project, ctx.file, ctx.position);
    return ref ? { contents: lookupMarkdown(ctx.project, findTemplate(ctx.project, ref.value)), range: ref.range } : null;
  }
  const tc = templateContext(ctx);
  return tc ? hoverIn(tc) : null;
}

function hoverIn(tc: TemplateContext): Hover | null {
  const { doc, offset, project } = tc;
  const range = (r: { start: number; end: number }) => doc.lines.range(r.start, r.end);
  const nameRefs = [...(doc.extendsRef ? [{ ref: doc.extendsRef, ext: true }] : []), ...doc.includes.map((ref) => ({ ref, ext: false }))];
  const named = nameRefs.find((n) => inRef(n.ref, offset));
  if (named) return { contents: lookupMarkdown(project, findForRef(tc, named.ref.value, named.ext)), range: range(named.ref) };
  const filter = doc.filters.find((f) => inRef(f, offset));
  if (filter) {
    const src = scopeAt(project, doc, filter.start).filters.get(filter.value);
    const builtin = BUILTIN_FILTERS.find((f) => f.name === filter.value);
    const lib = src?.library;
    const text = !src ? `Filter \`${filter.value}\`: not built in nor loaded here.`
      : lib ? `Filter \`${filter.value}\` from \`{% load ${lib.name} %}\`${describe(lib.module, filter.value, "filters")}`
      : `Filter \`${filter.value}\`: ${builtin?.description ?? "built in."}`;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range: range(filter) };
  }
  const tag = tagAt(doc, offset);
  if (tag && offset >= tag.bits[0].start && offset <= tag.bits[0].start + tag.name.length) {
    const src = scopeAt(project, doc, tag.token.start).tags.get(tag.name);
    if (!src) return null;
    const text = src.library
      ? `Tag \`${tag.name}\` from \`{% load ${src.library.name} %}\`${src.builtin ? ": " + src.builtin.description : ` (${src.library.module})`}`
      : `Tag \`${tag.name}\`: ${src.builtin?.description ?? "built in."}`;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range: range({ start: tag.bits[0].start, end: tag.bits[0].start + tag.name.length }) };
  }
  return null;
}

function describe(module: string, name: string, kind: "filters" | "tags"): string {
  const lib = DJANGO_LIBRARIES.find((l) => l.module === module);
  const d = lib?.[kind].find((x) => x.name === name)?.description;
  return d ? `: ${d}` : ` (${module})`;
}

function lookupMarkdown(project: DjangoProject, found: TemplateLookup): { kind: typeof MarkupKind.Markdown; value: string } {
  const lines: string[] = [];
  const w = found.winner;
  if (!w) lines.push(found.uncertain ? `\`${found.name}\`: not found in the workspace (${found.why}).` : `\`${found.name}\`: no template loader finds it.`);
  else lines.push(`\`${found.name}\` → ${w.file ? `\`${project.relative(w.file, project.root)}\`` : `bundled with \`${w.app ?? "a locmem loader"}\``}`);
  const shadowed = found.candidates.slice(w ? 1 : 0).filter((c) => c.file);
  if (shadowed.length) lines.push("", "Shadows:", ...shadowed.map((c) => `- \`${project.relative(c.file!, project.root)}\``));
  return { kind: MarkupKind.Markdown, value: lines.join("\n") };
}
