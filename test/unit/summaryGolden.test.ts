// Golden test for the summarizer: the fast cursor-based summarize() must give exactly the output of
// the frozen Node-based reference (summaryReference.ts) on fixtures, a generated project, tricky
// snippets and many deterministically broken variants of them.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateProject } from "../../bench/generate";
import { countLines, ensureParser, parseSummary, parseTree } from "../../server/src/python/parser";
import { rawCursorActive, setRawCursor } from "../../server/src/python/cursorOps";
import { summarize } from "../../server/src/python/summary";
import { summarize as referenceSummarize } from "./summaryReference";

const ROOT = path.join(__dirname, "..", "..");

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) pyFiles(p, out);
    else if (d.name.endsWith(".py")) out.push(p);
  }
  return out.sort();
}

const SNIPPETS: Record<string, string> = {
  empty: "",
  onlyComment: "# just a comment\n",
  nul: "\0\0\0",
  garbage: ")))]]]",
  defParen: "def (",
  classKw: "class",
  deepList: "x = [" + "[".repeat(3000),
  deepCall: "y = " + "f(".repeat(400) + "1" + ")".repeat(400) + "\n",
  replacement: "\uFFFD\uFFFD",
  ifElseTab: "if:\n\telse",
  loneSurrogate: 'x = "\uD800"\ny = reverse("\uDC00a")\n',
  syntaxError: "from django.db import models\n\nclass A(models.Model):\n    name = models.CharField(max_length=\n\nclass B(models.Model):\n    title = models.CharField(max_length=10)\n",
  errorNodes: "def f(:\n    x = call(1, 2\n    return g(\"a\", b=)\nclass C(\n    z = 3\n@dec(\nasync def h(): pass\nfrom . import\nimport\nx = = 1\n",
  missingColon: "if x\n    y = 1\nelse\n    y = 2\nwhile True\n    pass\n",
  unclosedString: 'a = "abc\nb = f"{x\nc = """never\n',
  fstrings: 'a = f"{x}/{y!r:>10}" f\'lit\'\nb = f"{f(\'n\')}" "x"\nc = rf"\\d{n}" F"{x=}"\nd = f"""multi\n{line}\n"""\ne = f"{{esc}}"\n',
  concatenated: 'a = ("one"\n     "two" \'three\'\n     b"four")\nb = "x\\ty" r"\\d+" \'\\u00e9\' "\\N{BULLET}" "\\x4" "\\101\\7"\nc = u"uni" Rb"raw" BR"x"\n',
  escapes: 'a = "\\a\\b\\f\\n\\r\\t\\v\\\\\\\'\\"\\\n"\nb = \'\\U0001F600\\u00e9\\x41\\0\\777\\q\'\n',
  decorators: "@a\n@b.c(1, k=2)\n@d[0]\n@(lambda f: f)\nclass K(Base, metaclass=M, **kw):\n    @property\n    def p(self): return 1\n    @p.setter\n    def p(self, v): ...\n    @staticmethod\n    async def s(*, a=1, b: int = 2, **rest): pass\n",
  nestedClasses: 'class A:\n    """Doc A."""\n    class B:\n        class C:\n            x = reverse("c")\n        def m(self):\n            class D:\n                y = path("d/", v)\n            return D\n    z = 1\n',
  elifChain: "if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelif d:\n    pass\nelse:\n    x = 4\nif e: y = 1\nelse: y = 2\n",
  tryAll: "try:\n    import a\nexcept ImportError as e:\n    a = None\nexcept (ValueError, TypeError):\n    pass\nexcept* OSError:\n    b()\nelse:\n    c = 1\nfinally:\n    d()\ntry:\n    pass\nfinally:\n    e = 2\n",
  match: 'match cmd:\n    case ["go", direction]:\n        go(direction)\n    case {"k": v, **rest}:\n        pass\n    case Point(x=0, y=0) | None:\n        origin()\n    case str() as s if s.startswith("x"):\n        x(s)\n    case _:\n        default = reverse("d")\nmatch = 1\ncase = match\n',
  lambdaComp: 'f = lambda x, *a, k=1, **kw: g(x, "s")\nl = [h(i) for i in range(3) if i]\ns = {"a" for _ in x}\nd = {k: v("z") for k, v in items}\ng = (j for j in y)\nn = lambda: (yield)\n',
  walrus: 'if (n := len(a)) > 10:\n    print(f"{n} items")\nwhile chunk := read(): pass\n[y := f(x), y**2]\n',
  starArgs: 'def f(a, /, b, *args, c, d=1, **kwargs): pass\ndef g(*, x): pass\ndef h(a: int, *b: str, **c: "T") -> None: pass\ncall(*args, **kwargs, k=1)\nfirst, *rest = items\nx = [*a, *b]\ny = {**d, "k": 1}\nprint >> sys.stderr, "x"\nexec "code"\n',
  unicode: 'name = "café 😀 日本語"\nx = reverse("é😀x"); y = "𝔘𝔫𝔦"\nclass Ünïcode:\n    ñ = "ß"\n    def 函数(self): return path("路径/", v, name="名")\n# comment 😀\nz = "\\N{EM DASH}" + "\\u2014"\n',
  crlf: 'import os\r\nfrom django.urls import path\r\n\r\nclass A:\r\n    x = "a\\\r\nb"\r\n    def f(self):\r\n        return reverse("x")\r\n\r\nurlpatterns = [\r\n    path("a/", view, name="a"),\r\n]\r\n',
  crOnly: "a = 1\rb = reverse('x')\rc = 3\n",
  tabs: 'class A:\n\tx = 1\n\tdef f(self):\n\t\treturn g("t\\tab")\n\tif x:\n\t\ty = "\t"\n',
  misc: 'import os.path as p, sys\nfrom ..base import (A as B, C)\nfrom .settings import *\nfrom . import views\nfrom __future__ import annotations\nfrom .. import *\nx: int = 5\ny: List[int]\na = b = c = d()\na.b[c] += 1\nx -= f()\nx //= 2\nn = -1 + +2 * ~3 ** 4 // 5 % 6 @ m\nt = 1_000, 0x1F, 1.5e3, 3j, 10L, 0o7, .5\nnone, true = None, True\nflag = not x and y or z\nc = a if b else d\naw = await q()\ndel a[0], b\nglobal g\nnonlocal n\nassert x, "msg"\nraise E("m") from e\nwith open("f") as fh, ctx():\n    data = fh.read()\nfor i in range(3):\n    s = str(i)\nelse:\n    done()\nwhile x:\n    break\nelse:\n    continue\ntype Alias = list[int]\nreturn q(1)\nx = a[1:2, ::3]\ny = obj.attr.sub(1)(2)[3].z\nz = (1,)\ne = ()\nem = {}\nst = {1, 2}\nx = yield from gen()\nx = `repr`\n',
  comments: "x = [  # c1\n    1,  # c2\n    # c3\n    f(2),\n]\nclass A(  # c\n    B,\n):\n    # body comment\n    pass\ndef g(\n    a,  # c\n    # c\n    b=1,\n): pass\n",
  deepIndent: Array.from({ length: 60 }, (_, i) => "    ".repeat(i) + `if c${i}:\n`).join("") + "    ".repeat(60) + 'x = reverse("deep")\n',
  asyncStuff: "async def f():\n    async with a as b:\n        await c()\n    async for x in y:\n        pass\nasync = 1\nawait\n",
  printExec: 'print "hello"\nprint("hi", file=sys.stderr)\nexec("x = 1")\n',
  keywordsAsNames: "type = 1\nmatch(x)\nprint = 3\nexec = 4\nasync_ = 5\n",
  typedParams: "def f(self, a: int = 1, *args: Any, b: 'str' = \"s\", **kw: Dict[str, int]) -> 'R':\n    pass\n",
  slicesAndSubscripts: "a[1]\na[1, 2]\na[b:c]\na[::]\nx = d[\"k\"][0]\n",
  unterminatedEverything: "class A(models.Model:\n    x = models.CharField(max_length=1\n    def f(self\n        return reverse('a'\n",
  bom: "\uFEFFimport os\nx = 1\n",
  longString: 'x = "' + "a".repeat(500) + '"\ny = ' + "q + ".repeat(100) + "1\n",
};

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ["(", ")", "[", "]", "{", "}", ":", "'", '"', '"""', "\n", "\t", "    ", "=", ",", ".", "@", "*", "**", "\\", "#", "f'", "lambda", "def ", "class ", "if ", "else", "elif x:", "try:", "except", "finally:", "match x:", "case 1:", "import ", "from . import ", "é", "😀", "\r\n", "async ", "await ", ":=", "->", "\0"];

function mutations(text: string, seed: number, count: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = text;
    const edits = 1 + Math.floor(r() * 4);
    for (let e = 0; e < edits; e++) {
      const pos = Math.floor(r() * (t.length + 1));
      const op = r();
      if (op < 0.2) t = t.slice(0, pos);
      else if (op < 0.55) t = t.slice(0, pos) + t.slice(pos + 1 + Math.floor(r() * 20));
      else t = t.slice(0, pos) + JUNK[Math.floor(r() * JUNK.length)] + t.slice(pos);
    }
    out.push(t);
  }
  return out;
}

function check(name: string, text: string): void {
  const tree = parseTree(text);
  try {
    const lineCount = countLines(text);
    const expected = referenceSummarize(tree, lineCount);
    const actual = summarize(tree, lineCount, text);
    const e = JSON.stringify(expected);
    const a = JSON.stringify(actual);
    if (e !== a) {
      // Deep-equal first for a readable diff.
      assert.deepStrictEqual(actual, expected, `summary differs for ${name}`);
      assert.equal(a, e, `summary JSON (key order) differs for ${name}`);
    }
    assert.deepStrictEqual(actual, expected, `summary differs for ${name}`);
    // Without the text (fallback path) the output is the same too.
    assert.deepStrictEqual(summarize(tree, lineCount), expected, `summary without text differs for ${name}`);
    // And with web-tree-sitter's public TreeCursor instead of direct binding calls.
    setRawCursor(false);
    try {
      assert.deepStrictEqual(summarize(tree, lineCount, text), expected, `summary with the public cursor differs for ${name}`);
    } finally {
      setRawCursor(true);
    }
  } finally {
    tree.delete();
  }
  // And through the public entry point.
  const viaParser = parseSummary(text);
  const tree2 = parseTree(text);
  try {
    assert.deepStrictEqual(viaParser, referenceSummarize(tree2, countLines(text)), `parseSummary differs for ${name}`);
  } finally {
    tree2.delete();
  }
}

describe("summary golden (fast summarizer == frozen reference)", () => {
  before(ensureParser);

  const fixtures = pyFiles(path.join(ROOT, "test-fixtures"));

  it("finds fixture files", () => {
    assert.ok(fixtures.length > 20, `only ${fixtures.length} fixtures`);
  });

  it("calls the cursor functions of the binding directly", () => {
    assert.ok(rawCursorActive(), "parser.ts did not register the WASM module; the slower public cursor is in use");
  });

  it("matches on every .py file under test-fixtures/", () => {
    for (const f of fixtures) check(path.relative(ROOT, f), fs.readFileSync(f, "utf8"));
  });

  it("matches on a generated project", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lens-golden-"));
    try {
      generateProject(dir, { apps: 3, modelsPerApp: 4 });
      const files = pyFiles(dir);
      assert.ok(files.length > 20);
      for (const f of files) check(path.relative(dir, f), fs.readFileSync(f, "utf8"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [name, text] of Object.entries(SNIPPETS)) {
    it(`matches on snippet: ${name}`, () => check(name, text));
  }

  it("matches on CRLF and tab variants of the fixtures", () => {
    for (const f of fixtures) {
      const text = fs.readFileSync(f, "utf8");
      check(`${f} (CRLF)`, text.replace(/\r?\n/g, "\r\n"));
      check(`${f} (tabs)`, text.replace(/^( {4})+/gm, (m) => "\t".repeat(m.length / 4)));
    }
  });

  it("matches on broken variants of snippets and fixtures (syntax errors, ERROR and MISSING nodes)", function () {
    this.timeout(120_000);
    const sources = [...Object.values(SNIPPETS), ...fixtures.slice(0, 40).map((f) => fs.readFileSync(f, "utf8"))];
    let n = 0;
    let broken = 0;
    sources.forEach((src, i) => {
      for (const m of mutations(src, 1000 + i, 12)) {
        const t = parseTree(m);
        if (t.rootNode.hasError) broken++;
        t.delete();
        check(`mutation ${i}/${n++}`, m);
      }
    });
    assert.ok(broken > n / 3, `only ${broken} of ${n} variants had errors`);
  });
});
