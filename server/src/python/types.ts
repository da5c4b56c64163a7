// The per-file summary of a Python module: a small, serialisable syntax tree of what later analyses
// read (module and class level statements, every call and string literal) with 0-based UTF-16
// positions. It knows nothing of Django.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A place in a file: `file` is an absolute path. */
export interface Location {
  file: string;
  range: Range;
}

export type Expr =
  | StrExpr
  | { kind: "num"; value: number; raw: string; range: Range }
  | { kind: "const"; value: boolean | null; range: Range }
  | { kind: "name"; id: string; range: Range }
  | { kind: "attr"; object: Expr; attr: string; range: Range; attrRange: Range }
  | CallExpr
  | { kind: "list" | "tuple" | "set"; elts: Expr[]; range: Range }
  | { kind: "dict"; items: DictItem[]; range: Range }
  | { kind: "binop"; op: string; left: Expr; right: Expr; range: Range }
  | { kind: "unary"; op: string; operand: Expr; range: Range }
  | { kind: "subscript"; value: Expr; index: Expr; range: Range }
  | { kind: "starred"; value: Expr; double: boolean; range: Range }
  | { kind: "lambda"; range: Range }
  | { kind: "comprehension"; range: Range }
  /** Anything else (conditional expressions, f-strings with fields, await, …): opaque. */
  | { kind: "unknown"; text: string; range: Range };

export interface StrExpr {
  kind: "str";
  value: string;
  /** False for f-strings with replacement fields and for concatenations we could not join. */
  exact: boolean;
  bytes: boolean;
  range: Range;
}

export interface Keyword {
  name: string;
  value: Expr;
  range: Range;
  nameRange: Range;
}

export interface CallExpr {
  kind: "call";
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
  range: Range;
}

export interface DictItem {
  /** null for a `**spread` item. */
  key: Expr | null;
  value: Expr;
}

export interface ImportName {
  /** Dotted module name as written (`os.path`). */
  module: string;
  asname: string | null;
  range: Range;
}

export interface FromName {
  name: string;
  asname: string | null;
  range: Range;
}

export type Stmt =
  | { kind: "import"; names: ImportName[]; range: Range }
  | {
      kind: "from";
      module: string;
      level: number;
      /** "*" for a star import. */
      names: FromName[] | "*";
      moduleRange: Range;
      range: Range;
    }
  | { kind: "assign"; targets: Expr[]; value: Expr | null; annotation: Expr | null; range: Range }
  | { kind: "augassign"; target: Expr; op: string; value: Expr; range: Range }
  | { kind: "expr"; value: Expr; range: Range }
  | ClassDef
  | FunctionDef
  | { kind: "if"; test: Expr; body: Stmt[]; orelse: Stmt[]; range: Range }
  | { kind: "try"; body: Stmt[]; handlers: Stmt[][]; orelse: Stmt[]; finalbody: Stmt[]; range: Range }
  /** Loops, `with`, `del`, `return`, …: their nested definitions are kept in `body`. */
  | { kind: "other"; type: string; body: Stmt[]; range: Range };

export interface ClassDef {
  kind: "class";
  name: string;
  nameRange: Range;
  bases: Expr[];
  keywords: Keyword[];
  decorators: Expr[];
  body: Stmt[];
  docstring: string | null;
  range: Range;
}

export interface Param {
  name: string;
  /** "*", "**" or "" */
  star: string;
  default: Expr | null;
  range: Range;
}

export interface FunctionDef {
  kind: "def";
  name: string;
  nameRange: Range;
  params: Param[];
  decorators: Expr[];
  isAsync: boolean;
  /** Statements of the body, kept at the same detail as module level. */
  body: Stmt[];
  range: Range;
}

export interface StringLiteral {
  value: string;
  exact: boolean;
  range: Range;
  /** The call whose positional or keyword argument this literal is, if any. */
  callee: string | null;
  /** Index of the positional argument, or the keyword's name. */
  argument: number | string | null;
}

export interface CallSite {
  call: CallExpr;
  /** The callee as a dotted name (`reverse`, `django.urls.reverse`, `self.client.get`), or null. */
  callee: string | null;
  /** Qualified name of the enclosing definition (`ProductView.get_context`), "" at module level. */
  scope: string;
}

export interface ModuleSummary {
  statements: Stmt[];
  calls: CallSite[];
  strings: StringLiteral[];
  /** Ranges of syntax errors; the rest of the file is still summarised. */
  errors: Range[];
  lineCount: number;
}
