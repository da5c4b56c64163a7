// Small readers over Expr used by every analysis.
import type { CallExpr, ClassDef, Expr, FunctionDef, Keyword, Stmt } from "./types";

/** `a.b.c` for a chain of names and attributes, else null. */
export function dottedName(e: Expr): string | null {
  if (e.kind === "name") return e.id;
  if (e.kind === "attr") {
    const base = dottedName(e.object);
    return base === null ? null : `${base}.${e.attr}`;
  }
  return null;
}

export function keyword(call: CallExpr, name: string): Keyword | undefined {
  return call.keywords.find((k) => k.name === name);
}

/** A string literal's value when it is exact, else null. */
export function stringValue(e: Expr | null | undefined): string | null {
  return e && e.kind === "str" && e.exact && !e.bytes ? e.value : null;
}

/** Walks statements depth-first, including both branches of if/try and nested bodies. */
export function* walkStatements(stmts: Stmt[]): Generator<Stmt> {
  for (const s of stmts) {
    yield s;
    switch (s.kind) {
      case "if":
        yield* walkStatements(s.body);
        yield* walkStatements(s.orelse);
        break;
      case "try":
        yield* walkStatements(s.body);
        for (const h of s.handlers) yield* walkStatements(h);
        yield* walkStatements(s.orelse);
        yield* walkStatements(s.finalbody);
        break;
      case "other":
        yield* walkStatements(s.body);
        break;
      default:
        break;
    }
  }
}

export function classes(stmts: Stmt[]): ClassDef[] {
  const out: ClassDef[] = [];
  for (const s of topLevel(stmts)) if (s.kind === "class") out.push(s);
  return out;
}

export function functions(stmts: Stmt[]): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (const s of topLevel(stmts)) if (s.kind === "def") out.push(s);
  return out;
}

/** Statements of one scope: through if/try/with blocks, not into class or function bodies. */
export function* topLevel(stmts: Stmt[]): Generator<Stmt> {
  for (const s of stmts) {
    yield s;
    if (s.kind === "if") {
      yield* topLevel(s.body);
      yield* topLevel(s.orelse);
    } else if (s.kind === "try") {
      yield* topLevel(s.body);
      for (const h of s.handlers) yield* topLevel(h);
      yield* topLevel(s.orelse);
      yield* topLevel(s.finalbody);
    } else if (s.kind === "other") yield* topLevel(s.body);
  }
}

/** Names bound by assignment targets (`a`, `a, b`), ignoring attributes and subscripts. */
export function targetNames(e: Expr): string[] {
  if (e.kind === "name") return [e.id];
  if (e.kind === "tuple" || e.kind === "list") return e.elts.flatMap(targetNames);
  if (e.kind === "starred") return targetNames(e.value);
  return [];
}

/** The last assignment to `name` in one scope (class body or module), or undefined. */
export function assignedValue(stmts: Stmt[], name: string): Expr | undefined {
  let found: Expr | undefined;
  for (const s of topLevel(stmts)) {
    if (s.kind === "assign" && s.value && s.targets.some((t) => t.kind === "name" && t.id === name)) {
      found = s.value;
    }
  }
  return found;
}
