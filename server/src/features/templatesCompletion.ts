// Completion in templates (tag names, filters, template names in {% extends %}/{% include %},
// libraries in {% load %}, parent block names in {% block %}, URL names in {% url %}) and of
// template names in Python's render(...) and friends. Plain text items: Neovim has no snippets.
import { type CompletionItem, CompletionItemKind, type Range } from "vscode-languageserver";
import { BUILTIN_FILTERS } from "../analysis/templates/builtins";
import { libraryTable } from "../analysis/templates/libraries";
import { templateFiles } from "../analysis/templates/loaders";
import { pythonRefAt } from "../analysis/templates/pythonRefs";
import { scopeAt } from "../analysis/templates/scope";
import { urlNames } from "../analysis/templates/urlNames";
import type { DjangoProject } from "../project/project";
import type { FeatureContext } from "./context";
import { parentBlockNames } from "./templatesDefinition";
import { type TemplateContext, templateContext } from "./templatesShared";

export function templateCompletion(ctx: FeatureContext): CompletionItem[] | null {
  if (ctx.file.endsWith(".py")) {
    if (!ctx.project) return null;
    const ref = pythonRefAt(ctx.project, ctx.file, ctx.position);
    if (!ref) return null;
    // From after the opening quote to the cursor.
    const start = { line: ref.range.start.line, character: ref.range.start.character + 1 };
    return templateNameItems(ctx.project, { start, end: ctx.position });
  }
  const tc = templateContext(ctx);
  return tc ? completionIn(tc, ctx) : null;
}

function completionIn(tc: TemplateContext, ctx: FeatureContext): CompletionItem[] | null {
  const { doc, offset, project } = tc;
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  const before = doc.text.slice(lineStart, offset);
  const blockAt = before.lastIndexOf("{%");
  const varAt = before.lastIndexOf("{{");
  const inBlock = blockAt >= 0 && blockAt > varAt && !before.slice(blockAt).includes("%}");
  const inVar = varAt >= 0 && varAt > blockAt && !before.slice(varAt).includes("}}");
  if (!inBlock && !inVar) return null;
  const inner = before.slice((inBlock ? blockAt : varAt) + 2);
  const replace = (typed: string): Range => ({ start: { line: ctx.position.line, character: ctx.position.character - typed.length }, end: ctx.position });
  const filter = /\|\s*(\w*)$/.exec(inner);
  if (filter) return filterItems(project, tc, replace(filter[1]));
  if (inVar) return null;
  let m: RegExpExecArray | null;
  if ((m = /^\s*(\w*)$/.exec(inner))) {
    const scope = scopeAt(project, doc, lineStart + blockAt);
    return [...scope.tags].map(([name, src]) => ({
      label: name,
      kind: CompletionItemKind.Keyword,
      detail: src.library ? `{% load ${src.library.name} %}` : "built-in tag",
      documentation: src.builtin?.description,
      textEdit: { range: replace(m![1]), newText: name },
    }));
  }
  if ((m = /^\s*(?:extends|include)\s+["']([^"']*)$/.exec(inner))) return templateNameItems(project, replace(m[1]));
  if ((m = /^\s*load\s+(?:[\w.]+\s+)*([\w.]*)$/.exec(inner))) {
    return [...libraryTable(project).byName.values()].map((lib) => ({
      label: lib.name,
      kind: CompletionItemKind.Module,
      detail: lib.module,
      textEdit: { range: replace(m![1]), newText: lib.name },
    }));
  }
  if ((m = /^\s*block\s+(\w*)$/.exec(inner))) {
    return parentBlockNames(project, tc.file, doc).map((name) => ({ label: name, kind: CompletionItemKind.Field, detail: "block of the parent template", textEdit: { range: replace(m![1]), newText: name } }));
  }
  if ((m = /^\s*url\s+["']([^"']*)$/.exec(inner))) {
    return urlNames(project).map(({ name, url }) => ({ label: name, kind: CompletionItemKind.Reference, detail: "/" + url.route, textEdit: { range: replace(m![1]), newText: name } }));
  }
  return null;
}

function filterItems(project: DjangoProject, tc: TemplateContext, range: Range): CompletionItem[] {
  const scope = scopeAt(project, tc.doc, tc.offset);
  return [...scope.filters].map(([name, src]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: src.library ? `{% load ${src.library.name} %}` : "built-in filter",
    documentation: src.library ? undefined : BUILTIN_FILTERS.find((f) => f.name === name)?.description,
    textEdit: { range, newText: name },
  }));
}

function templateNameItems(project: DjangoProject, range: Range): CompletionItem[] {
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const t of templateFiles(project)) {
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    out.push({ label: t.name, kind: CompletionItemKind.File, detail: project.relative(t.file, project.root), textEdit: { range, newText: t.name } });
  }
  return out;
}
