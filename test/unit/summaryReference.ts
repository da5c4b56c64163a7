// FROZEN COPY of server/src/python/summary.ts before the TreeCursor rewrite: the golden test compares
// the fast summarizer against this one. Do not edit; it defines the expected output.
// Turns a tree-sitter Python tree into a ModuleSummary. Tolerant: ERROR nodes are searched for the
// statements and calls they still contain, so a half-typed file yields what can be read.
import type { Node, Tree } from "web-tree-sitter";
import type {
  CallExpr,
  CallSite,
  ClassDef,
  DictItem,
  Expr,
  FromName,
  FunctionDef,
  ImportName,
  Keyword,
  ModuleSummary,
  Param,
  Range,
  Stmt,
  StringLiteral,
} from "../../server/src/python/types";
import { decodeStringLiteral } from "../../server/src/python/strings";
import { dottedName } from "../../server/src/python/exprUtil";

function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function namedChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && c.type !== "comment") out.push(c);
  return out;
}

const STATEMENT_TYPES = new Set([
  "import_statement",
  "import_from_statement",
  "future_import_statement",
  "expression_statement",
  "class_definition",
  "function_definition",
  "decorated_definition",
  "if_statement",
  "try_statement",
  "for_statement",
  "while_statement",
  "with_statement",
  "match_statement",
  "return_statement",
  "delete_statement",
  "raise_statement",
  "assert_statement",
  "global_statement",
  "nonlocal_statement",
  "pass_statement",
  "break_statement",
  "continue_statement",
  "type_alias_statement",
  "print_statement",
  "exec_statement",
]);

class Summarizer {
  readonly calls: CallSite[] = [];
  readonly strings: StringLiteral[] = [];
  private scope: string[] = [];
  /** The call whose arguments are being converted, for string literals' `callee`. */
  private argContext: { callee: string | null; argument: number | string } | null = null;

  block(node: Node | null): Stmt[] {
    if (!node) return [];
    const out: Stmt[] = [];
    for (const child of namedChildren(node)) this.statement(child, out);
    return out;
  }

  statement(node: Node, out: Stmt[]): void {
    const range = rangeOf(node);
    switch (node.type) {
      case "import_statement": {
        const names: ImportName[] = [];
        for (const n of node.childrenForFieldName("name")) {
          if (!n) continue;
          if (n.type === "aliased_import") {
            const nm = n.childForFieldName("name");
            const alias = n.childForFieldName("alias");
            if (nm) names.push({ module: nm.text, asname: alias?.text ?? null, range: rangeOf(n) });
          } else names.push({ module: n.text, asname: null, range: rangeOf(n) });
        }
        out.push({ kind: "import", names, range });
        return;
      }
      case "import_from_statement":
      case "future_import_statement": {
        const mod = node.childForFieldName("module_name");
        let module = "";
        let level = 0;
        if (node.type === "future_import_statement") module = "__future__";
        else if (mod?.type === "relative_import") {
          for (const c of namedChildren(mod)) {
            if (c.type === "import_prefix") level = c.text.length;
            else if (c.type === "dotted_name") module = c.text;
          }
        } else if (mod) module = mod.text;
        let names: FromName[] | "*" = [];
        if (namedChildren(node).some((c) => c.type === "wildcard_import")) names = "*";
        else {
          for (const n of node.childrenForFieldName("name")) {
            if (!n) continue;
            if (n.type === "aliased_import") {
              const nm = n.childForFieldName("name");
              const alias = n.childForFieldName("alias");
              if (nm) names.push({ name: nm.text, asname: alias?.text ?? null, range: rangeOf(n) });
            } else names.push({ name: n.text, asname: null, range: rangeOf(n) });
          }
        }
        out.push({ kind: "from", module, level, names, moduleRange: mod ? rangeOf(mod) : range, range });
        return;
      }
      case "expression_statement": {
        for (const child of namedChildren(node)) {
          if (child.type === "assignment") out.push(this.assignment(child, range));
          else if (child.type === "augmented_assignment") {
            const left = child.childForFieldName("left");
            const right = child.childForFieldName("right");
            const op = child.childForFieldName("operator")?.text ?? "";
            if (left && right) {
              out.push({ kind: "augassign", target: this.expr(left), op, value: this.expr(right), range });
            }
          } else out.push({ kind: "expr", value: this.expr(child), range });
        }
        return;
      }
      case "decorated_definition": {
        const decorators: Expr[] = [];
        for (const c of namedChildren(node)) {
          if (c.type === "decorator") {
            const e = namedChildren(c)[0];
            if (e) decorators.push(this.expr(e));
          }
        }
        const def = node.childForFieldName("definition");
        if (def?.type === "class_definition") out.push(this.classDef(def, decorators, range));
        else if (def?.type === "function_definition") out.push(this.functionDef(def, decorators, range));
        return;
      }
      case "class_definition":
        out.push(this.classDef(node, [], range));
        return;
      case "function_definition":
        out.push(this.functionDef(node, [], range));
        return;
      case "if_statement": {
        const test = this.exprOrUnknown(node.childForFieldName("condition"), node);
        const body = this.block(node.childForFieldName("consequence"));
        // elif chains become nested ifs in orelse, as in Python's own AST.
        const alternatives = node.childrenForFieldName("alternative").filter((n): n is Node => !!n);
        out.push({ kind: "if", test, body, orelse: this.elseChain(alternatives), range });
        return;
      }
      case "try_statement": {
        const body = this.block(node.childForFieldName("body"));
        const handlers: Stmt[][] = [];
        let orelse: Stmt[] = [];
        let finalbody: Stmt[] = [];
        for (const c of namedChildren(node)) {
          if (c.type === "except_clause" || c.type === "except_group_clause") {
            const blk = namedChildren(c).find((x) => x.type === "block") ?? null;
            handlers.push(this.block(blk));
          } else if (c.type === "else_clause") orelse = this.block(c.childForFieldName("body"));
          else if (c.type === "finally_clause") {
            finalbody = this.block(namedChildren(c).find((x) => x.type === "block") ?? null);
          }
        }
        out.push({ kind: "try", body, handlers, orelse, finalbody, range });
        return;
      }
      case "ERROR": {
        // Recover what the broken region still holds.
        for (const c of namedChildren(node)) {
          if (STATEMENT_TYPES.has(c.type) || c.type === "ERROR") this.statement(c, out);
          else this.scan(c);
        }
        return;
      }
      default: {
        const body: Stmt[] = [];
        for (const c of namedChildren(node)) {
          if (c.type === "block") body.push(...this.block(c));
          else if (c.type === "else_clause" || c.type === "finally_clause" || c.type === "except_clause") {
            for (const b of namedChildren(c)) if (b.type === "block") body.push(...this.block(b));
          } else if (c.type === "case_clause") {
            for (const b of namedChildren(c)) if (b.type === "block") body.push(...this.block(b));
          } else this.scan(c);
        }
        out.push({ kind: "other", type: node.type, body, range });
      }
    }
  }

  private elseChain(alternatives: Node[]): Stmt[] {
    if (alternatives.length === 0) return [];
    const [first, ...rest] = alternatives;
    if (first.type === "else_clause") return this.block(first.childForFieldName("body"));
    const test = this.exprOrUnknown(first.childForFieldName("condition"), first);
    const body = this.block(first.childForFieldName("consequence"));
    return [{ kind: "if", test, body, orelse: this.elseChain(rest), range: rangeOf(first) }];
  }

  private assignment(node: Node, range: Range): Stmt {
    // `a = b = 1` nests assignments on the right; flatten to one statement with two targets.
    const targets: Expr[] = [];
    let cur: Node | null = node;
    let annotation: Expr | null = null;
    let value: Expr | null = null;
    while (cur && cur.type === "assignment") {
      const left = cur.childForFieldName("left");
      if (left) targets.push(this.expr(left));
      const type = cur.childForFieldName("type");
      if (type && !annotation) annotation = this.expr(namedChildren(type)[0] ?? type);
      const right = cur.childForFieldName("right");
      if (!right) break;
      if (right.type === "assignment") cur = right;
      else {
        value = this.expr(right);
        break;
      }
    }
    return { kind: "assign", targets, value, annotation, range };
  }

  private classDef(node: Node, decorators: Expr[], range: Range): ClassDef {
    const nameNode = node.childForFieldName("name");
    const name = nameNode?.text ?? "";
    const bases: Expr[] = [];
    const keywords: Keyword[] = [];
    const sup = node.childForFieldName("superclasses");
    if (sup) {
      for (const a of namedChildren(sup)) {
        if (a.type === "keyword_argument") {
          const k = this.keyword(a);
          if (k) keywords.push(k);
        } else bases.push(this.expr(a));
      }
    }
    this.scope.push(name);
    const bodyNode = node.childForFieldName("body");
    const body = this.block(bodyNode);
    this.scope.pop();
    return {
      kind: "class",
      name,
      nameRange: nameNode ? rangeOf(nameNode) : range,
      bases,
      keywords,
      decorators,
      body,
      docstring: docstringOf(body),
      range,
    };
  }

  private functionDef(node: Node, decorators: Expr[], range: Range): FunctionDef {
    const nameNode = node.childForFieldName("name");
    const name = nameNode?.text ?? "";
    const params: Param[] = [];
    const ps = node.childForFieldName("parameters");
    if (ps) {
      for (const p of namedChildren(ps)) {
        const r = rangeOf(p);
        switch (p.type) {
          case "identifier":
            params.push({ name: p.text, star: "", default: null, range: r });
            break;
          case "default_parameter":
          case "typed_default_parameter": {
            const n = p.childForFieldName("name");
            const v = p.childForFieldName("value");
            params.push({ name: n?.text ?? "", star: "", default: v ? this.expr(v) : null, range: r });
            break;
          }
          case "typed_parameter": {
            const inner = namedChildren(p)[0];
            const star = inner?.type === "list_splat_pattern" ? "*" : inner?.type === "dictionary_splat_pattern" ? "**" : "";
            const id = star ? namedChildren(inner)[0]?.text ?? "" : inner?.text ?? "";
            params.push({ name: id, star, default: null, range: r });
            break;
          }
          case "list_splat_pattern":
            params.push({ name: namedChildren(p)[0]?.text ?? "", star: "*", default: null, range: r });
            break;
          case "dictionary_splat_pattern":
            params.push({ name: namedChildren(p)[0]?.text ?? "", star: "**", default: null, range: r });
            break;
          default:
            break;
        }
      }
    }
    this.scope.push(name);
    const body = this.block(node.childForFieldName("body"));
    this.scope.pop();
    const isAsync = node.children.some((c) => c?.type === "async");
    return {
      kind: "def",
      name,
      nameRange: nameNode ? rangeOf(nameNode) : range,
      params,
      decorators,
      isAsync,
      body,
      range,
    };
  }

  private keyword(node: Node): Keyword | null {
    const n = node.childForFieldName("name");
    const v = node.childForFieldName("value");
    if (!n || !v) return null;
    return { name: n.text, value: this.expr(v), range: rangeOf(node), nameRange: rangeOf(n) };
  }

  private exprOrUnknown(node: Node | null, parent: Node): Expr {
    return node ? this.expr(node) : { kind: "unknown", text: "", range: rangeOf(parent) };
  }

  /** Records calls and strings inside a node we do not model. */
  scan(node: Node): void {
    if (node.type === "call" || node.type === "string" || node.type === "concatenated_string") {
      this.expr(node);
      return;
    }
    for (const c of namedChildren(node)) this.scan(c);
  }

  expr(node: Node): Expr {
    const range = rangeOf(node);
    switch (node.type) {
      case "identifier":
        return { kind: "name", id: node.text, range };
      case "string":
      case "concatenated_string":
        return this.string(node, range);
      case "integer":
      case "float": {
        const raw = node.text;
        const value = Number(raw.replace(/_/g, "").replace(/[jJlL]$/, ""));
        return { kind: "num", value, raw, range };
      }
      case "true":
        return { kind: "const", value: true, range };
      case "false":
        return { kind: "const", value: false, range };
      case "none":
        return { kind: "const", value: null, range };
      case "attribute": {
        const obj = node.childForFieldName("object");
        const attr = node.childForFieldName("attribute");
        if (!obj || !attr) return this.unknown(node, range);
        return { kind: "attr", object: this.expr(obj), attr: attr.text, range, attrRange: rangeOf(attr) };
      }
      case "call":
        return this.call(node, range);
      case "list":
      case "tuple":
      case "set":
      case "expression_list":
      case "pattern_list": {
        const elts = namedChildren(node).map((c) => this.expr(c));
        const kind = node.type === "list" ? "list" : node.type === "set" ? "set" : "tuple";
        return { kind, elts, range };
      }
      case "dictionary": {
        const items: DictItem[] = [];
        for (const c of namedChildren(node)) {
          if (c.type === "pair") {
            const k = c.childForFieldName("key");
            const v = c.childForFieldName("value");
            if (k && v) items.push({ key: this.expr(k), value: this.expr(v) });
          } else if (c.type === "dictionary_splat") {
            const v = namedChildren(c)[0];
            if (v) items.push({ key: null, value: this.expr(v) });
          } else this.scan(c);
        }
        return { kind: "dict", items, range };
      }
      case "parenthesized_expression": {
        const inner = namedChildren(node)[0];
        return inner ? this.expr(inner) : this.unknown(node, range);
      }
      case "binary_operator": {
        const l = node.childForFieldName("left");
        const r = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text ?? "";
        if (!l || !r) return this.unknown(node, range);
        return { kind: "binop", op, left: this.expr(l), right: this.expr(r), range };
      }
      case "unary_operator": {
        const a = node.childForFieldName("argument");
        const op = node.childForFieldName("operator")?.text ?? "";
        if (!a) return this.unknown(node, range);
        return { kind: "unary", op, operand: this.expr(a), range };
      }
      case "subscript": {
        const v = node.childForFieldName("value");
        const s = node.childForFieldName("subscript");
        if (!v || !s) return this.unknown(node, range);
        return { kind: "subscript", value: this.expr(v), index: this.expr(s), range };
      }
      case "list_splat":
      case "dictionary_splat": {
        const v = namedChildren(node)[0];
        if (!v) return this.unknown(node, range);
        return { kind: "starred", value: this.expr(v), double: node.type === "dictionary_splat", range };
      }
      case "lambda":
        this.scan(node.childForFieldName("body") ?? node);
        return { kind: "lambda", range };
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        for (const c of namedChildren(node)) this.scan(c);
        return { kind: "comprehension", range };
      default:
        return this.unknown(node, range);
    }
  }

  private unknown(node: Node, range: Range): Expr {
    for (const c of namedChildren(node)) this.scan(c);
    const text = node.text;
    return { kind: "unknown", text: text.length > 200 ? text.slice(0, 200) : text, range };
  }

  private string(node: Node, range: Range): Expr {
    const parts = node.type === "concatenated_string" ? namedChildren(node) : [node];
    let value = "";
    let exact = true;
    let bytes = false;
    for (const part of parts) {
      if (part.type !== "string") {
        exact = false;
        continue;
      }
      const start = part.child(0);
      const prefix = (start?.text ?? "").replace(/['"]/g, "").toLowerCase();
      if (prefix.includes("b")) bytes = true;
      for (const c of part.namedChildren) {
        if (!c) continue;
        if (c.type === "string_content") value += decodeStringLiteral(c.text, prefix.includes("r"));
        else if (c.type === "interpolation") {
          exact = false;
          const e = c.childForFieldName("expression");
          if (e) this.scan(e);
        }
      }
    }
    const lit: StringLiteral = {
      value,
      exact,
      range,
      callee: this.argContext?.callee ?? null,
      argument: this.argContext?.argument ?? null,
    };
    this.strings.push(lit);
    return { kind: "str", value, exact, bytes, range };
  }

  private call(node: Node, range: Range): CallExpr {
    const fnNode = node.childForFieldName("function");
    const saved = this.argContext;
    this.argContext = null;
    const func: Expr = fnNode ? this.expr(fnNode) : { kind: "unknown", text: "", range };
    const callee = dottedName(func);
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    const argsNode = node.childForFieldName("arguments");
    if (argsNode) {
      let index = 0;
      for (const a of namedChildren(argsNode)) {
        if (a.type === "keyword_argument") {
          const n = a.childForFieldName("name");
          this.argContext = { callee, argument: n?.text ?? "" };
          const k = this.keyword(a);
          if (k) keywords.push(k);
        } else {
          this.argContext = { callee, argument: index++ };
          args.push(this.expr(a));
        }
      }
    }
    this.argContext = saved;
    const call: CallExpr = { kind: "call", func, args, keywords, range };
    this.calls.push({ call, callee, scope: this.scope.join(".") });
    return call;
  }
}

function docstringOf(body: Stmt[]): string | null {
  const first = body[0];
  if (first?.kind === "expr" && first.value.kind === "str") return first.value.value;
  return null;
}

function collectErrors(node: Node, out: Range[]): void {
  if (!node.hasError && !node.isMissing) return;
  if (node.isMissing || node.type === "ERROR") {
    out.push(rangeOf(node));
    if (node.type !== "ERROR") return;
  }
  for (const c of node.children) if (c) collectErrors(c, out);
}

export function summarize(tree: Tree, lineCount: number): ModuleSummary {
  const s = new Summarizer();
  const statements = s.block(tree.rootNode);
  const errors: Range[] = [];
  if (tree.rootNode.hasError) collectErrors(tree.rootNode, errors);
  return { statements, calls: s.calls, strings: s.strings, errors, lineCount };
}
