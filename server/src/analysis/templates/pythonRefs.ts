// Template names written in Python: `render(request, "x.html")`, `render_to_string`,
// `get_template`, `select_template([...])`, `TemplateResponse`, `X.as_view(template_name=...)` and
// class attributes `template_name = "x.html"` (and `*_template_name`). A reference is `strict` when
// we are sure Django's template loaders will look it up (the callable is imported from Django, or
// the class is a view): only strict ones may be reported as not found.
import * as path from "node:path";
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { dottedName, keyword, stringValue, walkStatements } from "../../python/exprUtil";
import type { Expr, ModuleSummary, Range, Stmt } from "../../python/types";

export interface PythonTemplateRef {
  value: string;
  /** The string literal (quotes included). */
  range: Range;
  strict: boolean;
  /** Part of a list: Django picks the first that exists, so one missing name is no error. */
  inList: boolean;
}

/** Callable (last dotted part) → where its template argument is. */
const CALLS: Record<string, { index: number; keyword: string }> = {
  render: { index: 1, keyword: "template_name" },
  render_to_string: { index: 0, keyword: "template_name" },
  render_to_response: { index: 0, keyword: "template_name" },
  get_template: { index: 0, keyword: "template_name" },
  select_template: { index: 0, keyword: "template_name_list" },
  TemplateResponse: { index: 1, keyword: "template" },
  SimpleTemplateResponse: { index: 0, keyword: "template" },
};

const isTemplateAttr = (name: string) => name === "template_name" || name.endsWith("_template_name");

/** The references of one file; an edit that changes none of them (most edits) stops here. */
export function pythonTemplateRefs(project: DjangoProject, file: string): PythonTemplateRef[] {
  return project.index.memo(
    `template-refs-py:${file}`,
    () => {
      const summary = project.index.summary(file);
      return summary ? refsIn(summary) : [];
    },
    { equals: deepEqual },
  );
}

function refsIn(summary: ModuleSummary): PythonTemplateRef[] {
  const out: PythonTemplateRef[] = [];
  const fromDjango = djangoImports(summary.statements);
  const push = (e: Expr | undefined, strict: boolean) => {
    if (!e) return;
    const s = stringValue(e);
    if (s !== null) out.push({ value: s, range: e.range, strict, inList: false });
    else if (e.kind === "list" || e.kind === "tuple") {
      for (const item of e.elts) {
        const v = stringValue(item);
        if (v !== null) out.push({ value: v, range: item.range, strict, inList: true });
      }
    }
  };
  for (const { call, callee } of summary.calls) {
    if (!callee) continue;
    const last = callee.slice(callee.lastIndexOf(".") + 1);
    if (last === "as_view") {
      for (const kw of call.keywords) if (isTemplateAttr(kw.name)) push(kw.value, true);
      continue;
    }
    const spec = CALLS[last];
    if (!spec) continue;
    push(keyword(call, spec.keyword)?.value ?? call.args[spec.index], isDjangoCallable(callee, fromDjango));
  }
  for (const s of walkStatements(summary.statements)) {
    if (s.kind === "class") classRefs(s.body, s.bases, push);
  }
  return out;
}

function classRefs(body: Stmt[], bases: Expr[], push: (e: Expr | undefined, strict: boolean) => void): void {
  // Views are what Django's TemplateResponseMixin reads template_name from; a form widget's
  // template_name goes through the form renderer, whose folders differ.
  const isView = bases.some((b) => /View(Set)?$/.test(dottedName(b) ?? ""));
  for (const s of body) {
    if (s.kind !== "assign" || !s.value) continue;
    if (s.targets.some((t) => t.kind === "name" && isTemplateAttr(t.id))) push(s.value, isView);
  }
}

/** Local names bound by `from django… import x` / `import django…`. */
function djangoImports(stmts: Stmt[]): Set<string> {
  const out = new Set<string>();
  for (const s of walkStatements(stmts)) {
    if (s.kind === "from" && s.level === 0 && (s.module === "django" || s.module.startsWith("django.")) && s.names !== "*") {
      for (const n of s.names) out.add(n.asname ?? n.name);
    } else if (s.kind === "import") {
      for (const n of s.names) if (n.module.startsWith("django")) out.add(n.asname ?? n.module.split(".")[0]);
    }
  }
  return out;
}

function isDjangoCallable(callee: string, fromDjango: Set<string>): boolean {
  const head = callee.split(".")[0];
  return fromDjango.has(head) || callee.startsWith("django.");
}

/** The template name reference under a position, in a Python file. */
export function pythonRefAt(project: DjangoProject, file: string, pos: { line: number; character: number }): PythonTemplateRef | undefined {
  return pythonTemplateRefs(project, file).find((r) => within(r.range, pos));
}

export function within(r: Range, pos: { line: number; character: number }): boolean {
  if (pos.line < r.start.line || pos.line > r.end.line) return false;
  if (pos.line === r.start.line && pos.character < r.start.character) return false;
  if (pos.line === r.end.line && pos.character > r.end.character) return false;
  return true;
}

const SKIP = new Set(["node_modules", "__pycache__", "site-packages", "migrations", "venv", "env"]);

/** Python files of the project's source roots (through the index, so new files are seen). */
export function projectPythonFiles(project: DjangoProject): string[] {
  return project.index.memo(`python-files:${project.managePy}`, () => {
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = (dir: string, depth: number) => {
      if (depth > 12 || seen.has(dir) || out.length > 50000) return;
      seen.add(dir);
      for (const e of project.index.listDir(dir)) {
        if (e.name.startsWith(".")) continue;
        const p = path.join(dir, e.name);
        if (e.isDir) {
          if (!SKIP.has(e.name) && !project.index.exists(path.join(p, "pyvenv.cfg"))) visit(p, depth + 1);
        } else if (e.name.endsWith(".py")) out.push(p);
      }
    };
    for (const root of project.sourceRoots) visit(root, 0);
    return out;
  }, { equals: sameStrings }); // a new folder or non-Python file changes no list
}

function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
