// What the template features share: recognising a template by where it lives (a folder of a
// DjangoTemplates engine, whatever the languageId), the cursor's offset, and turning a lookup into
// locations (the file Django loads first, then the candidates it shadows).
import { templateDoc } from "../analysis/templates/check";
import { type TemplateLookup, findTemplate, isDjangoTemplate } from "../analysis/templates/loaders";
import type { TemplateDoc } from "../analysis/templates/parse";
import type { DjangoProject } from "../project/project";
import type { Location, Range } from "../python/types";
import type { FeatureContext } from "./context";

export const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface TemplateContext {
  project: DjangoProject;
  file: string;
  doc: TemplateDoc;
  offset: number;
}

/** The project whose template folders hold `file` (the file's own project first). */
export function templateProject(ctx: { session: FeatureContext["session"]; project: DjangoProject | undefined }, file: string): DjangoProject | null {
  if (file.endsWith(".py")) return null;
  const candidates = [ctx.project, ...ctx.session.workspace.projects()].filter((p): p is DjangoProject => !!p);
  return candidates.find((p) => isDjangoTemplate(p, file)) ?? null;
}

export function templateContext(ctx: FeatureContext): TemplateContext | null {
  const project = templateProject(ctx, ctx.file);
  if (!project) return null;
  const doc = templateDoc(project, ctx.file);
  if (!doc) return null;
  return { project, file: ctx.file, doc, offset: doc.lines.offset(ctx.position) };
}

/** The winner first, then the shadowed candidates: workspace files only. */
export function lookupLocations(found: TemplateLookup): Location[] {
  const out: Location[] = [];
  for (const c of found.candidates) if (c.file && !out.some((l) => l.file === c.file)) out.push({ file: c.file, range: ZERO });
  return out;
}

export function findForRef(tc: TemplateContext, name: string, isExtends: boolean): TemplateLookup {
  return findTemplate(tc.project, name, isExtends ? [tc.file] : []);
}

export function inRef(r: { start: number; end: number }, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}
