// Definition in templates and for template names in Python: {% extends %}/{% include %} and
// render(..., "x.html") → the file Django loads (shadowed candidates follow), {% block %} → the
// block it overrides up the extends chain, {% load lib %} → the templatetags module, a custom tag
// or filter → its function, {% url "name" %} → the URL pattern.
import { templateDoc } from "../analysis/templates/check";
import { libraryTable } from "../analysis/templates/libraries";
import type { TemplateDoc } from "../analysis/templates/parse";
import { tagAt } from "../analysis/templates/parse";
import { pythonRefAt } from "../analysis/templates/pythonRefs";
import { scopeAt } from "../analysis/templates/scope";
import { lookupUrlName } from "../analysis/templates/urlNames";
import { findTemplate } from "../analysis/templates/loaders";
import type { DjangoProject } from "../project/project";
import type { Location } from "../python/types";
import type { FeatureContext } from "./context";
import { ZERO, type TemplateContext, findForRef, inRef, lookupLocations, templateContext } from "./templatesShared";

export function templateDefinition(ctx: FeatureContext): Location[] | null {
  if (ctx.file.endsWith(".py")) {
    if (!ctx.project) return null;
    const ref = pythonRefAt(ctx.project, ctx.file, ctx.position);
    return ref ? lookupLocations(findTemplate(ctx.project, ref.value)) : null;
  }
  const tc = templateContext(ctx);
  return tc ? definitionIn(tc) : null;
}

function definitionIn(tc: TemplateContext): Location[] | null {
  const { doc, offset, project } = tc;
  if (doc.extendsRef && inRef(doc.extendsRef, offset)) return lookupLocations(findForRef(tc, doc.extendsRef.value, true));
  const inc = doc.includes.find((r) => inRef(r, offset));
  if (inc) return lookupLocations(findForRef(tc, inc.value, false));
  const block = doc.blocks.find((b) => inRef(b.name, offset));
  if (block) return parentBlock(project, tc.file, doc, block.name.value);
  for (const load of doc.loads) {
    const lib = load.libraries.find((r) => inRef(r, offset));
    if (!lib) continue;
    const found = libraryTable(project).byName.get(lib.value);
    return found?.file ? [{ file: found.file, range: ZERO }] : null;
  }
  const url = doc.urls.find((u) => u.name && inRef(u.name, offset));
  if (url?.name) {
    const matches = lookupUrlName(project, url.name.value).matches;
    return matches.length ? matches.map((m) => m.entry.nameAt ?? m.entry.at) : null;
  }
  const filter = doc.filters.find((f) => inRef(f, offset));
  if (filter) {
    const at = scopeAt(project, doc, filter.start).filters.get(filter.value)?.library?.filters.get(filter.value)?.at;
    return at ? [at] : null;
  }
  const tag = tagAt(doc, offset);
  if (tag && offset >= tag.bits[0].start && offset <= tag.bits[0].start + tag.name.length) {
    const src = scopeAt(project, doc, tag.token.start).tags.get(tag.name);
    const at = src?.library?.tags.get(tag.name)?.at;
    return at ? [at] : null;
  }
  return null;
}

/** The same-named block in the nearest ancestor that defines it. */
function parentBlock(project: DjangoProject, file: string, doc: TemplateDoc, name: string): Location[] | null {
  const history = [file];
  let current = doc;
  for (let depth = 0; depth < 20 && current.extendsRef; depth++) {
    const parent = findTemplate(project, current.extendsRef.value, history).winner?.file;
    if (!parent) return null;
    const parentDoc = templateDoc(project, parent);
    if (!parentDoc) return null;
    const block = parentDoc.blocks.find((b) => b.name.value === name);
    if (block) return [{ file: parent, range: parentDoc.lines.range(block.name.start, block.name.end) }];
    history.push(parent);
    current = parentDoc;
  }
  return null;
}

/** Block names the parent chain defines (for completion), nearest first. */
export function parentBlockNames(project: DjangoProject, file: string, doc: TemplateDoc): string[] {
  const out: string[] = [];
  const history = [file];
  let current = doc;
  for (let depth = 0; depth < 20 && current.extendsRef; depth++) {
    const parent = findTemplate(project, current.extendsRef.value, history).winner?.file;
    const parentDoc = parent ? templateDoc(project, parent) : null;
    if (!parent || !parentDoc) break;
    for (const b of parentDoc.blocks) if (!out.includes(b.name.value)) out.push(b.name.value);
    history.push(parent);
    current = parentDoc;
  }
  return out;
}
