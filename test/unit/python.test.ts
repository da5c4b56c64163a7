// The tree-sitter summary: statements, calls, strings, ranges, and tolerance of broken code.
import * as assert from "node:assert/strict";
import { dottedName, stringValue } from "../../server/src/python/exprUtil";
import { ensureParser, parseSummary } from "../../server/src/python/parser";
import { decodeStringLiteral } from "../../server/src/python/strings";

describe("python summary", () => {
  before(ensureParser);

  it("reads imports, from-imports (relative, aliased, star) and their names", () => {
    const s = parseSummary("import os.path as p, sys\nfrom ..base import (A as B, C)\nfrom .settings import *\n");
    assert.deepEqual(s.statements[0], {
      kind: "import",
      names: [
        { module: "os.path", asname: "p", range: s.statements[0].kind === "import" ? s.statements[0].names[0].range : undefined },
        { module: "sys", asname: null, range: s.statements[0].kind === "import" ? s.statements[0].names[1].range : undefined },
      ],
      range: s.statements[0].range,
    });
    const from = s.statements[1];
    assert.ok(from.kind === "from");
    assert.equal(from.level, 2);
    assert.equal(from.module, "base");
    assert.deepEqual(from.names !== "*" && from.names.map((n) => [n.name, n.asname]), [["A", "B"], ["C", null]]);
    const star = s.statements[2];
    assert.ok(star.kind === "from" && star.names === "*" && star.level === 1 && star.module === "settings");
  });

  it("keeps classes with bases, keywords, decorators and body assignments", () => {
    const s = parseSummary('@admin.register(Product)\nclass ProductAdmin(admin.ModelAdmin, metaclass=M):\n    """Doc."""\n    list_display = ("name", "price")\n    class Meta:\n        ordering = ["-name"]\n');
    const cls = s.statements[0];
    assert.ok(cls.kind === "class");
    assert.equal(cls.name, "ProductAdmin");
    assert.deepEqual(cls.nameRange, { start: { line: 1, character: 6 }, end: { line: 1, character: 18 } });
    assert.equal(dottedName(cls.bases[0]), "admin.ModelAdmin");
    assert.equal(cls.keywords[0].name, "metaclass");
    assert.equal(cls.decorators.length, 1);
    assert.equal(cls.docstring, "Doc.");
    const meta = cls.body.find((x) => x.kind === "class");
    assert.ok(meta && meta.kind === "class" && meta.name === "Meta");
  });

  it("keeps functions with parameters, defaults, async and decorators", () => {
    const s = parseSummary("@login_required\nasync def view(request, pk: int = 1, *args, **kwargs):\n    return redirect(reverse('shop:list'))\n");
    const fn = s.statements[0];
    assert.ok(fn.kind === "def");
    assert.equal(fn.isAsync, true);
    assert.deepEqual(fn.params.map((p) => [p.name, p.star, p.default !== null]), [["request", "", false], ["pk", "", true], ["args", "*", false], ["kwargs", "**", false]]);
    // Calls inside a return statement are found, with their scope.
    assert.deepEqual(s.calls.map((c) => [c.callee, c.scope]), [["reverse", "view"], ["redirect", "view"]]);
  });

  it("lists string literals with the call and argument they belong to", () => {
    const s = parseSummary('x = reverse("shop:detail", kwargs={"pk": 1})\npath("a/", view, name="home")\n');
    const byValue = Object.fromEntries(s.strings.map((l) => [l.value, [l.callee, l.argument]]));
    assert.deepEqual(byValue["shop:detail"], ["reverse", 0]);
    assert.deepEqual(byValue["home"], ["path", "name"]);
    assert.deepEqual(byValue["pk"], ["reverse", "kwargs"]);
  });

  it("decodes string prefixes, escapes and implicit concatenation", () => {
    const s = parseSummary('a = "x\\ty" r"\\d+" \'\\u00e9\'\nb = f"{c}/x"\nc = b"bytes"\n');
    const [a, b, c] = s.statements.map((x) => (x.kind === "assign" ? x.value : null));
    assert.equal(stringValue(a), "x\ty\\d+é");
    assert.equal(stringValue(b), null, "an f-string with fields is not exact");
    assert.equal(stringValue(c), null, "bytes are not text");
    assert.equal(decodeStringLiteral("\\x41\\101\\n", false), "AA\n");
  });

  it("gives positions in UTF-16 code units, as LSP does", () => {
    const s = parseSummary('x = "é😀"; y = reverse("n")\n');
    const lit = s.strings.find((l) => l.value === "n")!;
    assert.equal(lit.range.start.character, 23); // "😀" is two UTF-16 units
  });

  it("keeps both branches of if/elif/else and try blocks", () => {
    const s = parseSummary("if DEBUG:\n    A = 1\nelif X:\n    A = 2\nelse:\n    A = 3\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n");
    const iff = s.statements[0];
    assert.ok(iff.kind === "if" && iff.body.length === 1 && iff.orelse[0].kind === "if");
    const tr = s.statements[1];
    assert.ok(tr.kind === "try" && tr.body[0].kind === "from" && tr.handlers.length === 1);
  });

  it("still reads what it can from half-typed code and reports the errors", () => {
    const s = parseSummary('from django.db import models\n\nclass A(models.Model):\n    name = models.CharField(max_length=\n\nclass B(models.Model):\n    title = models.CharField(max_length=10)\n');
    assert.ok(s.errors.length > 0);
    assert.ok(s.calls.some((c) => c.callee === "models.CharField"));
    const names = s.statements.filter((x) => x.kind === "class").map((x) => (x.kind === "class" ? x.name : ""));
    assert.ok(names.includes("B"), `classes found: ${names}`);
  });

  it("survives garbage without throwing", () => {
    for (const text of ["", "\0\0\0", "def (", "class", ")))]]]", "x = [" + "[".repeat(5000), "\uFFFD\uFFFD", "if:\n\telse"]) {
      const s = parseSummary(text);
      assert.ok(Array.isArray(s.statements));
    }
  });
});
