// Document links: template names ({% extends %}, {% include %}, and render(...) and friends in
// Python) to the file Django loads, and {% static %} paths to the file the staticfiles finders find.
import type { DocumentLink } from "vscode-languageserver";
import { templateDoc } from "../analysis/templates/check";
import { findTemplate } from "../analysis/templates/loaders";
import { pythonTemplateRefs } from "../analysis/templates/pythonRefs";
import { findStaticFile } from "../analysis/templates/staticFiles";
import type { Session } from "../session/session";
import { fileToUri } from "./convert";
import { templateProject } from "./templatesShared";

export function templateLinks(session: Session, file: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  if (file.endsWith(".py")) {
    const project = session.projectFor(file);
    if (!project) return out;
    for (const ref of pythonTemplateRefs(project, file)) {
      const target = findTemplate(project, ref.value).winner?.file;
      // The link covers the name, not its quotes.
      const range = { start: { line: ref.range.start.line, character: ref.range.start.character + 1 }, end: { line: ref.range.end.line, character: ref.range.end.character - 1 } };
      if (target) out.push({ range, target: fileToUri(target), tooltip: project.relative(target, project.root) });
    }
    return out;
  }
  const project = templateProject({ session, project: session.projectFor(file) }, file);
  const doc = project ? templateDoc(project, file) : null;
  if (!project || !doc) return out;
  const link = (r: { start: number; end: number }, target: string | null | undefined) => {
    if (target) out.push({ range: doc.lines.range(r.start, r.end), target: fileToUri(target), tooltip: project.relative(target, project.root) });
  };
  if (doc.extendsRef) link(doc.extendsRef, findTemplate(project, doc.extendsRef.value, [file]).winner?.file);
  for (const inc of doc.includes) link(inc, findTemplate(project, inc.value).winner?.file);
  for (const s of doc.statics) link(s, findStaticFile(project, s.value));
  return out;
}
