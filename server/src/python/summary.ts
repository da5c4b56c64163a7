// Turns a tree-sitter Python tree into a ModuleSummary. Tolerant: ERROR nodes are searched for the
// statements and calls they still contain, so a half-typed file yields what can be read.
//
// Speed: web-tree-sitter's Node objects cost WASM round trips and allocations for every `.type`,
// `.namedChildren`, `.childForFieldName`, `.endPosition` and `.text`. So the tree is first copied
// into flat typed arrays by one cursor walk (cursorOps.ts: type id, field id, start and end index
// per node, children as first-child/next-sibling links, only what the summarizer can read); the
// summary is then built from those arrays in plain JS, comparing small kind codes instead of type
// names, slicing text from the source and computing positions from a line-start table.
// web-tree-sitter gives indices and columns in UTF-16 code units, the units of JS strings, and counts
// rows at "\n" only, like the line table. The output is exactly that of the former Node-based
// version: test/unit/summaryGolden.test.ts compares the two on fixtures, a generated project, tricky
// snippets and broken variants of them.
import type { Language, Node, Tree } from "web-tree-sitter";
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
} from "./types";
import { decodeStringLiteral } from "./strings";
import { dottedName } from "./exprUtil";
import { walkTree, type CursorWalk } from "./cursorOps";

// ---- node kinds: small integers for the type names the summarizer tests --------------------------

const K_OTHER = 0;
const KIND_NAMES = [
  "",
  "comment",
  "ERROR",
  "import_statement",
  "import_from_statement",
  "future_import_statement",
  "expression_statement",
  "class_definition",
  "function_definition",
  "decorated_definition",
  "if_statement",
  "try_statement",
  "aliased_import",
  "relative_import",
  "import_prefix",
  "dotted_name",
  "wildcard_import",
  "assignment",
  "augmented_assignment",
  "decorator",
  "except_clause",
  "except_group_clause",
  "else_clause",
  "finally_clause",
  "block",
  "case_clause",
  "keyword_argument",
  "identifier",
  "default_parameter",
  "typed_default_parameter",
  "typed_parameter",
  "list_splat_pattern",
  "dictionary_splat_pattern",
  "async",
  "call",
  "string",
  "concatenated_string",
  "integer",
  "float",
  "true",
  "false",
  "none",
  "attribute",
  "list",
  "tuple",
  "set",
  "expression_list",
  "pattern_list",
  "dictionary",
  "pair",
  "dictionary_splat",
  "parenthesized_expression",
  "binary_operator",
  "unary_operator",
  "subscript",
  "list_splat",
  "lambda",
  "list_comprehension",
  "set_comprehension",
  "dictionary_comprehension",
  "generator_expression",
  "string_content",
  "interpolation",
  "elif_clause",
] as const;
type KindName = (typeof KIND_NAMES)[number];
const KIND = Object.fromEntries(KIND_NAMES.map((n, i) => [n, i])) as Record<KindName, number>;
const K_COMMENT = KIND.comment;
const K_ERROR = KIND.ERROR;
const K_STRING = KIND.string;

const STATEMENT_TYPES = new Set<string>([
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

/**
 * Kinds whose children are looked up by field: only their children's field ids are read from the
 * cursor. (A field lookup on any other kind would find nothing, so this list must hold every kind the
 * summarizer calls `field()`/`fieldChildren()` on.)
 */
const FIELD_PARENTS: KindName[] = [
  "import_statement",
  "aliased_import",
  "import_from_statement",
  "future_import_statement",
  "augmented_assignment",
  "assignment",
  "decorated_definition",
  "class_definition",
  "function_definition",
  "if_statement",
  "elif_clause",
  "else_clause",
  "try_statement",
  "default_parameter",
  "typed_default_parameter",
  "keyword_argument",
  "attribute",
  "pair",
  "binary_operator",
  "unary_operator",
  "subscript",
  "lambda",
  "call",
  "interpolation",
];

/**
 * Kinds whose descendants never matter: their text is all the summarizer reads, and nothing inside
 * them can be a call or a string. The walk does not enter them.
 */
const OPAQUE = new Set<string>([
  // Not dotted_name nor import_prefix: error recovery can put an ERROR node, which may hold calls and
  // strings, inside them.
  "identifier",
  "integer",
  "float",
  "true",
  "false",
  "none",
  "comment",
  "string_start",
  "string_content",
  "string_end",
  "escape_sequence",
  "escape_interpolation",
  "type_conversion",
  "ellipsis",
  "line_continuation",
]);

/** Named kinds whose range and text are never read (comments are skipped everywhere, string ends too). */
const NO_RANGE = new Set<string>(["comment", "string_end"]);

// Per node type id flags.
const F_NAMED = 1;
const F_STATEMENT = 2;
const F_DESCEND = 4;
const F_RANGE = 8;
const ERROR_FLAGS = F_NAMED | F_DESCEND | F_RANGE;

/** The FIELD_PARENTS whose fields can hold a token (anonymous node): `operator`. */
const ANON_FIELD_PARENTS: KindName[] = ["augmented_assignment", "binary_operator", "unary_operator"];

interface LanguageTables {
  /** Per node type id: the kind code. */
  kind: Int32Array;
  /** Per node type id: F_* flags. */
  flags: Uint8Array;
  /** Per node type id: its name as `Node.type` reports it. */
  names: string[];
  /** Per kind code: whether named children's field ids are needed. */
  fieldParent: Uint8Array;
  /** Per kind code: whether anonymous children's field ids are needed. */
  anonFieldParent: Uint8Array;
  field: {
    name: number;
    alias: number;
    module_name: number;
    left: number;
    right: number;
    operator: number;
    type: number;
    definition: number;
    condition: number;
    consequence: number;
    alternative: number;
    body: number;
    superclasses: number;
    parameters: number;
    value: number;
    object: number;
    attribute: number;
    key: number;
    argument: number;
    subscript: number;
    function: number;
    arguments: number;
    expression: number;
  };
}

const tablesByLanguage = new WeakMap<Language, LanguageTables>();

function tablesFor(language: Language): LanguageTables {
  const cached = tablesByLanguage.get(language);
  if (cached) return cached;
  const count = language.types.length;
  const kind = new Int32Array(count);
  const flags = new Uint8Array(count);
  const names: string[] = new Array<string>(count);
  for (let id = 0; id < count; id++) {
    const name = language.types[id] || "ERROR";
    names[id] = name;
    kind[id] = (KIND as Record<string, number>)[name] ?? K_OTHER;
    if (!language.nodeTypeIsNamed(id)) flags[id] = 0;
    else if (name === "ERROR") flags[id] = ERROR_FLAGS;
    else {
      flags[id] = F_NAMED | (OPAQUE.has(name) ? 0 : F_DESCEND) | (NO_RANGE.has(name) ? 0 : F_RANGE);
    }
    if (STATEMENT_TYPES.has(name)) flags[id] |= F_STATEMENT;
  }
  const fieldParent = new Uint8Array(KIND_NAMES.length);
  for (const k of FIELD_PARENTS) fieldParent[KIND[k]] = 1;
  const anonFieldParent = new Uint8Array(KIND_NAMES.length);
  for (const k of ANON_FIELD_PARENTS) anonFieldParent[KIND[k]] = 1;
  // -1 never matches a child's field id (0 means "no field").
  const fid = (n: string): number => language.fieldIdForName(n) ?? -1;
  const t: LanguageTables = {
    kind,
    flags,
    names,
    fieldParent,
    anonFieldParent,
    field: {
      name: fid("name"),
      alias: fid("alias"),
      module_name: fid("module_name"),
      left: fid("left"),
      right: fid("right"),
      operator: fid("operator"),
      type: fid("type"),
      definition: fid("definition"),
      condition: fid("condition"),
      consequence: fid("consequence"),
      alternative: fid("alternative"),
      body: fid("body"),
      superclasses: fid("superclasses"),
      parameters: fid("parameters"),
      value: fid("value"),
      object: fid("object"),
      attribute: fid("attribute"),
      key: fid("key"),
      argument: fid("argument"),
      subscript: fid("subscript"),
      function: fid("function"),
      arguments: fid("arguments"),
      expression: fid("expression"),
    },
  };
  tablesByLanguage.set(language, t);
  return t;
}

// ---- the flat tree ---------------------------------------------------------------------------------

// Reused between calls (summarize is synchronous and not re-entrant); grown on demand.
let capacity = 0;
let typeA: Int32Array = new Int32Array(0);
let kindA: Int32Array = new Int32Array(0);
/** F_* flags of each node. */
let flagA: Uint8Array = new Uint8Array(0);
let fieldA: Int32Array = new Int32Array(0);
let startA: Int32Array = new Int32Array(0);
let endA: Int32Array = new Int32Array(0);
let firstA: Int32Array = new Int32Array(0);
let nextA: Int32Array = new Int32Array(0);
let parentA: Int32Array = new Int32Array(0);
let lineStarts: Int32Array = new Int32Array(0);
let lineTotal = 0;

function grow(min: number): void {
  let cap = Math.max(1024, capacity * 2);
  while (cap < min) cap *= 2;
  const g32 = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  const g8 = (a: Uint8Array): Uint8Array => {
    const b = new Uint8Array(cap);
    b.set(a);
    return b;
  };
  typeA = g32(typeA);
  kindA = g32(kindA);
  flagA = g8(flagA);
  fieldA = g32(fieldA);
  startA = g32(startA);
  endA = g32(endA);
  firstA = g32(firstA);
  nextA = g32(nextA);
  parentA = g32(parentA);
  capacity = cap;
}

/**
 * Copies the tree into the flat arrays with one cursor; `count` bounds the number of nodes. The
 * children of anonymous and OPAQUE nodes are not visited (the summarizer never reads them). Start and
 * end are read for the nodes whose range or text can be read: named nodes (but comments and string
 * ends), nodes in a field, and the first child of a string (its prefix). Field ids are read for the
 * children of FIELD_PARENTS (anonymous ones only under operators, the only fields holding tokens).
 */
function buildFlat(cursor: CursorWalk, t: LanguageTables, count: number): number {
  if (count > capacity) grow(count);
  const kindOf = t.kind;
  const flagsOf = t.flags;
  const typeCount = kindOf.length;
  const fieldParent = t.fieldParent;
  const anonFieldParent = t.anonFieldParent;
  let typeL = typeA;
  let kindL = kindA;
  let flagL = flagA;
  let fieldL = fieldA;
  let startL = startA;
  let endL = endA;
  let firstL = firstA;
  let nextL = nextA;
  let parentL = parentA;
  let n = 0;

  const record = (parent: number): number => {
    if (n >= capacity) {
      // Not expected: `count` is the number of visible nodes.
      grow(n + 1);
      typeL = typeA;
      kindL = kindA;
      flagL = flagA;
      fieldL = fieldA;
      startL = startA;
      endL = endA;
      firstL = firstA;
      nextL = nextA;
      parentL = parentA;
    }
    const i = n++;
    const typeId = cursor.typeId();
    typeL[i] = typeId;
    let kind: number;
    let flags: number;
    if (typeId < typeCount) {
      kind = kindOf[typeId];
      flags = flagsOf[typeId];
    } else {
      // ts_builtin_sym_error (65535): an ERROR node.
      kind = K_ERROR;
      flags = ERROR_FLAGS;
    }
    kindL[i] = kind;
    flagL[i] = flags;
    parentL[i] = parent;
    firstL[i] = -1;
    nextL[i] = -1;
    let field = 0;
    let needRange = (flags & F_RANGE) !== 0;
    if (parent >= 0) {
      const parentKind = kindL[parent];
      if ((flags & F_NAMED ? fieldParent : anonFieldParent)[parentKind]) {
        field = cursor.fieldId();
        if (field !== 0) needRange = true;
      }
      // `child(0)` of a string: its prefix and quote.
      if (parentKind === K_STRING && firstL[parent] === -1) needRange = true;
    }
    fieldL[i] = field;
    if (needRange) {
      startL[i] = cursor.startIndex();
      endL[i] = cursor.endIndex();
    } else {
      startL[i] = -1;
      endL[i] = -1;
    }
    return i;
  };

  let cur = record(-1);
  for (;;) {
    if (flagL[cur] & F_DESCEND && cursor.gotoFirstChild()) {
      const child = record(cur);
      firstL[cur] = child;
      cur = child;
      continue;
    }
    for (;;) {
      if (cur === 0) return n;
      const parent = parentL[cur];
      if (cursor.gotoNextSibling()) {
        const sib = record(parent);
        nextL[cur] = sib;
        cur = sib;
        break;
      }
      cursor.gotoParent();
      cur = parent;
    }
  }
}

function buildLines(text: string): void {
  let count = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
  if (lineStarts.length < count) lineStarts = new Int32Array(Math.max(count, lineStarts.length * 2));
  lineStarts[0] = 0;
  let k = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts[k++] = i + 1;
  lineTotal = count;
  lastRow = 0;
}

let lastRow = 0;

function rowOf(index: number): number {
  // Ranges are mostly asked for in source order: try the last row first.
  const r = lastRow;
  if (lineStarts[r] <= index && (r + 1 >= lineTotal || index < lineStarts[r + 1])) return r;
  let lo = 0;
  let hi = lineTotal - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  lastRow = lo;
  return lo;
}

function rangeOf(node: number): Range {
  const s = startA[node];
  const e = endA[node];
  const sr = rowOf(s);
  const er = e === s ? sr : rowOf(e);
  return {
    start: { line: sr, character: s - lineStarts[sr] },
    end: { line: er, character: e - lineStarts[er] },
  };
}

/** Whether the node is one that `namedChildren()` of the former version kept (named, not a comment). */
function isNamedChild(c: number): boolean {
  return (flagA[c] & F_NAMED) !== 0 && kindA[c] !== K_COMMENT;
}

/** First named non-comment child, or -1. */
function firstNamed(node: number): number {
  for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) return c;
  return -1;
}

/** The first child with the field, or -1 (as `childForFieldName`). */
function fieldChild(node: number, field: number): number {
  for (let c = firstA[node]; c >= 0; c = nextA[c]) if (fieldA[c] === field) return c;
  return -1;
}

class Summarizer {
  readonly calls: CallSite[] = [];
  readonly strings: StringLiteral[] = [];
  /** Qualified names of the enclosing definitions, innermost last ("" at module level). */
  private scopes: string[] = [""];
  private scopeDepth = 0;
  // The call whose arguments are being converted, for string literals' `callee` and `argument`.
  private argActive = false;
  private argCallee: string | null = null;
  private argArgument: number | string = 0;

  constructor(
    private readonly src: string,
    private readonly t: LanguageTables,
  ) {}

  private pushScope(name: string): void {
    const d = this.scopeDepth++;
    // As `scope.join(".")` of the former version.
    this.scopes[d + 1] = d === 0 ? name : `${this.scopes[d]}.${name}`;
  }

  private text(node: number): string {
    return this.src.slice(startA[node], endA[node]);
  }

  private type(node: number): string {
    const id = typeA[node];
    return id < this.t.names.length ? this.t.names[id] : "ERROR";
  }

  block(node: number): Stmt[] {
    const out: Stmt[] = [];
    if (node < 0) return out;
    for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) this.statement(c, out);
    return out;
  }

  /** Appends the statements of a block to `out`. */
  private blockInto(node: number, out: Stmt[]): void {
    for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) this.statement(c, out);
  }

  statement(node: number, out: Stmt[]): void {
    const range = rangeOf(node);
    const F = this.t.field;
    const kind = kindA[node];
    switch (kind) {
      case KIND.import_statement: {
        const names: ImportName[] = [];
        for (let n = firstA[node]; n >= 0; n = nextA[n]) {
          if (fieldA[n] !== F.name) continue;
          if (kindA[n] === KIND.aliased_import) {
            const nm = fieldChild(n, F.name);
            const alias = fieldChild(n, F.alias);
            if (nm >= 0) names.push({ module: this.text(nm), asname: alias >= 0 ? this.text(alias) : null, range: rangeOf(n) });
          } else names.push({ module: this.text(n), asname: null, range: rangeOf(n) });
        }
        out.push({ kind: "import", names, range });
        return;
      }
      case KIND.import_from_statement:
      case KIND.future_import_statement: {
        const mod = fieldChild(node, F.module_name);
        let module = "";
        let level = 0;
        if (kind === KIND.future_import_statement) module = "__future__";
        else if (mod >= 0 && kindA[mod] === KIND.relative_import) {
          for (let c = firstA[mod]; c >= 0; c = nextA[c]) {
            if (!isNamedChild(c)) continue;
            if (kindA[c] === KIND.import_prefix) level = endA[c] - startA[c];
            else if (kindA[c] === KIND.dotted_name) module = this.text(c);
          }
        } else if (mod >= 0) module = this.text(mod);
        let names: FromName[] | "*" = [];
        let wildcard = false;
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (isNamedChild(c) && kindA[c] === KIND.wildcard_import) {
            wildcard = true;
            break;
          }
        }
        if (wildcard) names = "*";
        else {
          for (let n = firstA[node]; n >= 0; n = nextA[n]) {
            if (fieldA[n] !== F.name) continue;
            if (kindA[n] === KIND.aliased_import) {
              const nm = fieldChild(n, F.name);
              const alias = fieldChild(n, F.alias);
              if (nm >= 0) names.push({ name: this.text(nm), asname: alias >= 0 ? this.text(alias) : null, range: rangeOf(n) });
            } else names.push({ name: this.text(n), asname: null, range: rangeOf(n) });
          }
        }
        out.push({ kind: "from", module, level, names, moduleRange: mod >= 0 ? rangeOf(mod) : range, range });
        return;
      }
      case KIND.expression_statement: {
        for (let child = firstA[node]; child >= 0; child = nextA[child]) {
          if (!isNamedChild(child)) continue;
          const ck = kindA[child];
          if (ck === KIND.assignment) out.push(this.assignment(child, range));
          else if (ck === KIND.augmented_assignment) {
            const left = fieldChild(child, F.left);
            const right = fieldChild(child, F.right);
            const opNode = fieldChild(child, F.operator);
            const op = opNode >= 0 ? this.text(opNode) : "";
            if (left >= 0 && right >= 0) {
              out.push({ kind: "augassign", target: this.expr(left), op, value: this.expr(right), range });
            }
          } else out.push({ kind: "expr", value: this.expr(child), range });
        }
        return;
      }
      case KIND.decorated_definition: {
        const decorators: Expr[] = [];
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (isNamedChild(c) && kindA[c] === KIND.decorator) {
            const e = firstNamed(c);
            if (e >= 0) decorators.push(this.expr(e));
          }
        }
        const def = fieldChild(node, F.definition);
        if (def >= 0 && kindA[def] === KIND.class_definition) out.push(this.classDef(def, decorators, range));
        else if (def >= 0 && kindA[def] === KIND.function_definition) out.push(this.functionDef(def, decorators, range));
        return;
      }
      case KIND.class_definition:
        out.push(this.classDef(node, [], range));
        return;
      case KIND.function_definition:
        out.push(this.functionDef(node, [], range));
        return;
      case KIND.if_statement: {
        const test = this.exprOrUnknown(fieldChild(node, F.condition), node);
        const body = this.block(fieldChild(node, F.consequence));
        // elif chains become nested ifs in orelse, as in Python's own AST.
        out.push({ kind: "if", test, body, orelse: this.elseChain(this.nextAlternative(firstA[node])), range });
        return;
      }
      case KIND.try_statement: {
        const body = this.block(fieldChild(node, F.body));
        const handlers: Stmt[][] = [];
        let orelse: Stmt[] = [];
        let finalbody: Stmt[] = [];
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (!isNamedChild(c)) continue;
          const ck = kindA[c];
          if (ck === KIND.except_clause || ck === KIND.except_group_clause) {
            handlers.push(this.block(this.namedChildOfKind(c, KIND.block)));
          } else if (ck === KIND.else_clause) orelse = this.block(fieldChild(c, F.body));
          else if (ck === KIND.finally_clause) {
            finalbody = this.block(this.namedChildOfKind(c, KIND.block));
          }
        }
        out.push({ kind: "try", body, handlers, orelse, finalbody, range });
        return;
      }
      case K_ERROR: {
        // Recover what the broken region still holds.
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (!isNamedChild(c)) continue;
          if (flagA[c] & F_STATEMENT || kindA[c] === K_ERROR) this.statement(c, out);
          else this.scan(c);
        }
        return;
      }
      default: {
        const body: Stmt[] = [];
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (!isNamedChild(c)) continue;
          const ck = kindA[c];
          if (ck === KIND.block) this.blockInto(c, body);
          else if (ck === KIND.else_clause || ck === KIND.finally_clause || ck === KIND.except_clause || ck === KIND.case_clause) {
            for (let b = firstA[c]; b >= 0; b = nextA[b]) if (isNamedChild(b) && kindA[b] === KIND.block) this.blockInto(b, body);
          } else this.scan(c);
        }
        out.push({ kind: "other", type: this.type(node), body, range });
      }
    }
  }

  private namedChildOfKind(node: number, kind: number): number {
    for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c) && kindA[c] === kind) return c;
    return -1;
  }

  /** The first node from `c` on (c and its following siblings) in the `alternative` field, or -1. */
  private nextAlternative(c: number): number {
    const alt = this.t.field.alternative;
    for (; c >= 0; c = nextA[c]) if (fieldA[c] === alt) return c;
    return -1;
  }

  private elseChain(first: number): Stmt[] {
    if (first < 0) return [];
    const F = this.t.field;
    if (kindA[first] === KIND.else_clause) return this.block(fieldChild(first, F.body));
    const test = this.exprOrUnknown(fieldChild(first, F.condition), first);
    const body = this.block(fieldChild(first, F.consequence));
    return [{ kind: "if", test, body, orelse: this.elseChain(this.nextAlternative(nextA[first])), range: rangeOf(first) }];
  }

  private assignment(node: number, range: Range): Stmt {
    // `a = b = 1` nests assignments on the right; flatten to one statement with two targets.
    const F = this.t.field;
    const targets: Expr[] = [];
    let cur = node;
    let annotation: Expr | null = null;
    let value: Expr | null = null;
    while (cur >= 0 && kindA[cur] === KIND.assignment) {
      const left = fieldChild(cur, F.left);
      if (left >= 0) targets.push(this.expr(left));
      const type = fieldChild(cur, F.type);
      if (type >= 0 && !annotation) {
        const inner = firstNamed(type);
        annotation = this.expr(inner >= 0 ? inner : type);
      }
      const right = fieldChild(cur, F.right);
      if (right < 0) break;
      if (kindA[right] === KIND.assignment) cur = right;
      else {
        value = this.expr(right);
        break;
      }
    }
    return { kind: "assign", targets, value, annotation, range };
  }

  private classDef(node: number, decorators: Expr[], range: Range): ClassDef {
    const F = this.t.field;
    const nameNode = fieldChild(node, F.name);
    const name = nameNode >= 0 ? this.text(nameNode) : "";
    const bases: Expr[] = [];
    const keywords: Keyword[] = [];
    const sup = fieldChild(node, F.superclasses);
    if (sup >= 0) {
      for (let a = firstA[sup]; a >= 0; a = nextA[a]) {
        if (!isNamedChild(a)) continue;
        if (kindA[a] === KIND.keyword_argument) {
          const k = this.keyword(a);
          if (k) keywords.push(k);
        } else bases.push(this.expr(a));
      }
    }
    this.pushScope(name);
    const body = this.block(fieldChild(node, F.body));
    this.scopeDepth--;
    return {
      kind: "class",
      name,
      nameRange: nameNode >= 0 ? rangeOf(nameNode) : range,
      bases,
      keywords,
      decorators,
      body,
      docstring: docstringOf(body),
      range,
    };
  }

  private functionDef(node: number, decorators: Expr[], range: Range): FunctionDef {
    const F = this.t.field;
    const nameNode = fieldChild(node, F.name);
    const name = nameNode >= 0 ? this.text(nameNode) : "";
    const params: Param[] = [];
    const ps = fieldChild(node, F.parameters);
    if (ps >= 0) {
      for (let p = firstA[ps]; p >= 0; p = nextA[p]) {
        if (!isNamedChild(p)) continue;
        switch (kindA[p]) {
          case KIND.identifier:
            params.push({ name: this.text(p), star: "", default: null, range: rangeOf(p) });
            break;
          case KIND.default_parameter:
          case KIND.typed_default_parameter: {
            const r = rangeOf(p);
            const n = fieldChild(p, F.name);
            const v = fieldChild(p, F.value);
            params.push({ name: n >= 0 ? this.text(n) : "", star: "", default: v >= 0 ? this.expr(v) : null, range: r });
            break;
          }
          case KIND.typed_parameter: {
            const r = rangeOf(p);
            const inner = firstNamed(p);
            const ik = inner >= 0 ? kindA[inner] : -1;
            const star = ik === KIND.list_splat_pattern ? "*" : ik === KIND.dictionary_splat_pattern ? "**" : "";
            let id = "";
            if (star) {
              const x = firstNamed(inner);
              id = x >= 0 ? this.text(x) : "";
            } else id = inner >= 0 ? this.text(inner) : "";
            params.push({ name: id, star, default: null, range: r });
            break;
          }
          case KIND.list_splat_pattern: {
            const x = firstNamed(p);
            params.push({ name: x >= 0 ? this.text(x) : "", star: "*", default: null, range: rangeOf(p) });
            break;
          }
          case KIND.dictionary_splat_pattern: {
            const x = firstNamed(p);
            params.push({ name: x >= 0 ? this.text(x) : "", star: "**", default: null, range: rangeOf(p) });
            break;
          }
          default:
            break;
        }
      }
    }
    this.pushScope(name);
    const body = this.block(fieldChild(node, F.body));
    this.scopeDepth--;
    let isAsync = false;
    for (let c = firstA[node]; c >= 0; c = nextA[c]) {
      if (kindA[c] === KIND.async) {
        isAsync = true;
        break;
      }
    }
    return {
      kind: "def",
      name,
      nameRange: nameNode >= 0 ? rangeOf(nameNode) : range,
      params,
      decorators,
      isAsync,
      body,
      range,
    };
  }

  private keyword(node: number): Keyword | null {
    const F = this.t.field;
    const n = fieldChild(node, F.name);
    const v = fieldChild(node, F.value);
    if (n < 0 || v < 0) return null;
    return { name: this.text(n), value: this.expr(v), range: rangeOf(node), nameRange: rangeOf(n) };
  }

  private exprOrUnknown(node: number, parent: number): Expr {
    return node >= 0 ? this.expr(node) : { kind: "unknown", text: "", range: rangeOf(parent) };
  }

  /** Records calls and strings inside a node we do not model. */
  scan(node: number): void {
    const k = kindA[node];
    if (k === KIND.call || k === K_STRING || k === KIND.concatenated_string) {
      this.expr(node);
      return;
    }
    for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) this.scan(c);
  }

  private scanChildren(node: number): void {
    for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) this.scan(c);
  }

  expr(node: number): Expr {
    const range = rangeOf(node);
    const F = this.t.field;
    const kind = kindA[node];
    switch (kind) {
      case KIND.identifier:
        return { kind: "name", id: this.text(node), range };
      case K_STRING:
      case KIND.concatenated_string:
        return this.string(node, range);
      case KIND.integer:
      case KIND.float: {
        const raw = this.text(node);
        const value = numberValue(raw);
        return { kind: "num", value, raw, range };
      }
      case KIND.true:
        return { kind: "const", value: true, range };
      case KIND.false:
        return { kind: "const", value: false, range };
      case KIND.none:
        return { kind: "const", value: null, range };
      case KIND.attribute: {
        const obj = fieldChild(node, F.object);
        const attr = fieldChild(node, F.attribute);
        if (obj < 0 || attr < 0) return this.unknown(node, range);
        return { kind: "attr", object: this.expr(obj), attr: this.text(attr), range, attrRange: rangeOf(attr) };
      }
      case KIND.call:
        return this.call(node, range);
      case KIND.list:
      case KIND.tuple:
      case KIND.set:
      case KIND.expression_list:
      case KIND.pattern_list: {
        const elts: Expr[] = [];
        for (let c = firstA[node]; c >= 0; c = nextA[c]) if (isNamedChild(c)) elts.push(this.expr(c));
        const k = kind === KIND.list ? "list" : kind === KIND.set ? "set" : "tuple";
        return { kind: k, elts, range };
      }
      case KIND.dictionary: {
        const items: DictItem[] = [];
        for (let c = firstA[node]; c >= 0; c = nextA[c]) {
          if (!isNamedChild(c)) continue;
          const ck = kindA[c];
          if (ck === KIND.pair) {
            const k = fieldChild(c, F.key);
            const v = fieldChild(c, F.value);
            if (k >= 0 && v >= 0) items.push({ key: this.expr(k), value: this.expr(v) });
          } else if (ck === KIND.dictionary_splat) {
            const v = firstNamed(c);
            if (v >= 0) items.push({ key: null, value: this.expr(v) });
          } else this.scan(c);
        }
        return { kind: "dict", items, range };
      }
      case KIND.parenthesized_expression: {
        const inner = firstNamed(node);
        return inner >= 0 ? this.expr(inner) : this.unknown(node, range);
      }
      case KIND.binary_operator: {
        const l = fieldChild(node, F.left);
        const r = fieldChild(node, F.right);
        const opNode = fieldChild(node, F.operator);
        const op = opNode >= 0 ? this.text(opNode) : "";
        if (l < 0 || r < 0) return this.unknown(node, range);
        return { kind: "binop", op, left: this.expr(l), right: this.expr(r), range };
      }
      case KIND.unary_operator: {
        const a = fieldChild(node, F.argument);
        const opNode = fieldChild(node, F.operator);
        const op = opNode >= 0 ? this.text(opNode) : "";
        if (a < 0) return this.unknown(node, range);
        return { kind: "unary", op, operand: this.expr(a), range };
      }
      case KIND.subscript: {
        const v = fieldChild(node, F.value);
        const s = fieldChild(node, F.subscript);
        if (v < 0 || s < 0) return this.unknown(node, range);
        return { kind: "subscript", value: this.expr(v), index: this.expr(s), range };
      }
      case KIND.list_splat:
      case KIND.dictionary_splat: {
        const v = firstNamed(node);
        if (v < 0) return this.unknown(node, range);
        return { kind: "starred", value: this.expr(v), double: kind === KIND.dictionary_splat, range };
      }
      case KIND.lambda: {
        const body = fieldChild(node, F.body);
        this.scan(body >= 0 ? body : node);
        return { kind: "lambda", range };
      }
      case KIND.list_comprehension:
      case KIND.set_comprehension:
      case KIND.dictionary_comprehension:
      case KIND.generator_expression:
        this.scanChildren(node);
        return { kind: "comprehension", range };
      default:
        return this.unknown(node, range);
    }
  }

  private unknown(node: number, range: Range): Expr {
    this.scanChildren(node);
    const text = this.text(node);
    return { kind: "unknown", text: text.length > 200 ? text.slice(0, 200) : text, range };
  }

  private string(node: number, range: Range): Expr {
    let value = "";
    let exact = true;
    let bytes = false;
    if (kindA[node] === KIND.concatenated_string) {
      for (let part = firstA[node]; part >= 0; part = nextA[part]) {
        if (!isNamedChild(part)) continue;
        if (kindA[part] !== K_STRING) {
          exact = false;
          continue;
        }
        this.stringPart(part, value, exact, bytes);
        value = this.partValue;
        exact = this.partExact;
        bytes = this.partBytes;
      }
    } else {
      this.stringPart(node, value, exact, bytes);
      value = this.partValue;
      exact = this.partExact;
      bytes = this.partBytes;
    }
    const lit: StringLiteral = {
      value,
      exact,
      range,
      callee: this.argActive ? this.argCallee : null,
      argument: this.argActive ? this.argArgument : null,
    };
    this.strings.push(lit);
    return { kind: "str", value, exact, bytes, range };
  }

  // stringPart's results (set as it returns; strings nested in its fields are done before).
  private partValue = "";
  private partExact = true;
  private partBytes = false;

  private stringPart(part: number, value: string, exact: boolean, bytes: boolean): void {
    const start = firstA[part];
    const p = prefixFlags(start >= 0 ? this.text(start) : "");
    if (p & PREFIX_BYTES) bytes = true;
    const raw = (p & PREFIX_RAW) !== 0;
    for (let c = firstA[part]; c >= 0; c = nextA[c]) {
      if (!(flagA[c] & F_NAMED)) continue;
      const ck = kindA[c];
      if (ck === KIND.string_content) value += decodeStringLiteral(this.text(c), raw);
      else if (ck === KIND.interpolation) {
        exact = false;
        const e = fieldChild(c, this.t.field.expression);
        if (e >= 0) this.scan(e);
      }
    }
    this.partValue = value;
    this.partExact = exact;
    this.partBytes = bytes;
  }

  private call(node: number, range: Range): CallExpr {
    const F = this.t.field;
    const fnNode = fieldChild(node, F.function);
    const savedActive = this.argActive;
    const savedCallee = this.argCallee;
    const savedArgument = this.argArgument;
    this.argActive = false;
    const func: Expr = fnNode >= 0 ? this.expr(fnNode) : { kind: "unknown", text: "", range };
    const callee = dottedName(func);
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    const argsNode = fieldChild(node, F.arguments);
    if (argsNode >= 0) {
      let index = 0;
      for (let a = firstA[argsNode]; a >= 0; a = nextA[a]) {
        if (!isNamedChild(a)) continue;
        this.argActive = true;
        this.argCallee = callee;
        if (kindA[a] === KIND.keyword_argument) {
          const n = fieldChild(a, F.name);
          this.argArgument = n >= 0 ? this.text(n) : "";
          const k = this.keyword(a);
          if (k) keywords.push(k);
        } else {
          this.argArgument = index++;
          args.push(this.expr(a));
        }
      }
    }
    this.argActive = savedActive;
    this.argCallee = savedCallee;
    this.argArgument = savedArgument;
    const call: CallExpr = { kind: "call", func, args, keywords, range };
    this.calls.push({ call, callee, scope: this.scopes[this.scopeDepth] });
    return call;
  }
}

const PREFIX_BYTES = 1;
const PREFIX_RAW = 2;

/** Whether a string's opening (its prefix letters and quotes) makes bytes and a raw string. */
function prefixFlags(start: string): number {
  let flags = 0;
  for (let i = 0; i < start.length; i++) {
    const c = start.charCodeAt(i);
    if (c === 0x62 || c === 0x42) flags |= PREFIX_BYTES; // b B
    else if (c === 0x72 || c === 0x52) flags |= PREFIX_RAW; // r R
    else if (c !== 0x22 && c !== 0x27 && !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) {
      // Anything but quotes and ASCII letters: as the former version computed it.
      const prefix = start.replace(/['"]/g, "").toLowerCase();
      return (prefix.includes("b") ? PREFIX_BYTES : 0) | (prefix.includes("r") ? PREFIX_RAW : 0);
    }
  }
  return flags;
}

/** The value of an integer or float literal. */
function numberValue(raw: string): number {
  const last = raw.charCodeAt(raw.length - 1);
  // No "_" and no j J l L suffix: nothing to strip.
  if (raw.indexOf("_") < 0 && last !== 0x6a && last !== 0x4a && last !== 0x6c && last !== 0x4c) return Number(raw);
  return Number(raw.replace(/_/g, "").replace(/[jJlL]$/, ""));
}

function docstringOf(body: Stmt[]): string | null {
  const first = body[0];
  if (first?.kind === "expr" && first.value.kind === "str") return first.value.value;
  return null;
}

// Syntax errors are rare, so they are still collected with Node objects (only down paths that hold
// an error).
function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function collectErrors(node: Node, out: Range[]): void {
  if (!node.hasError && !node.isMissing) return;
  if (node.isMissing || node.type === "ERROR") {
    out.push(nodeRange(node));
    if (node.type !== "ERROR") return;
  }
  for (const c of node.children) if (c) collectErrors(c, out);
}

/**
 * The source as the tree's indices see it, when the caller did not pass it: the root node's text,
 * behind a stand-in for what precedes the root (blank lines only) that keeps indices and rows.
 */
function sourceOf(root: Node): string {
  const { row, column } = root.startPosition;
  const before = root.startIndex;
  return " ".repeat(Math.max(0, before - column - row)) + "\n".repeat(row) + " ".repeat(column) + root.text;
}

/**
 * Summarises a parsed module. Pass `text`, the exact string the tree was parsed from, to save
 * reading it back from the tree.
 */
export function summarize(tree: Tree, lineCount: number, text?: string): ModuleSummary {
  const root = tree.rootNode;
  const src = text ?? sourceOf(root);
  const t = tablesFor(tree.language);
  const count = root.descendantCount;
  const cursor = walkTree(tree);
  try {
    buildFlat(cursor, t, count);
  } finally {
    cursor.delete();
  }
  buildLines(src);
  const s = new Summarizer(src, t);
  const statements = s.block(0);
  const errors: Range[] = [];
  if (root.hasError) collectErrors(root, errors);
  return { statements, calls: s.calls, strings: s.strings, errors, lineCount };
}
