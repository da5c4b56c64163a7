// The model features over LSP. Quick fixes: ask for the code actions of a published diagnostic,
// apply the edit to the open document, and see the finding disappear. Navigation: definition from
// "app.Model" strings, Meta.model, Meta.ordering, ModelAdmin lists and serializer fields; hover on a
// field; completion of field names and of field classes after `models.` (`|` marks the cursor).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CodeAction, Diagnostic, TextEdit } from "vscode-languageserver";
import { TestClient, uri, withCursor } from "./harness";

const SETTINGS = `SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "library"]
DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "lib"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
`;

/** A throwaway project (MySQL, so a CharField needs max_length on every Django version). */
function libraryProject(models: string, extra: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-models-")));
  const files: Record<string, string> = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
    "proj/__init__.py": "",
    "proj/settings.py": SETTINGS,
    "library/__init__.py": "",
    "library/models.py": models,
    ...extra,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe("language server: model quick fixes", function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  /** Opens `file`, waits for `code`, applies the action titled `title`, and waits for `code` to go. */
  async function fixAndRecheck(root: string, rel: string, code: string, title: string): Promise<string> {
    client = await TestClient.start(root);
    const file = path.join(root, rel);
    const text = fs.readFileSync(file, "utf8");
    await client.open(file, text);
    const diags = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === code));
    const diag = diags.find((x) => x.code === code) as Diagnostic;
    const actions: CodeAction[] = await client.request("textDocument/codeAction", {
      textDocument: { uri: uri(file) },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const action = actions.find((a) => a.title === title);
    assert.ok(action, `no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.kind, "quickfix");
    const fixed = applyEdits(text, action.edit!.changes![uri(file)]);
    await client.change(file, fixed);
    await client.waitForDiagnostics(file, (d) => !d.some((x) => x.code === code));
    return fixed;
  }

  const HEAD = "from django.db import models\n\n\nclass Author(models.Model):\n    name = models.CharField(max_length=50)\n\n\n";

  it("adds on_delete=models.CASCADE to a ForeignKey without one", async () => {
    const root = libraryProject(HEAD + "class Book(models.Model):\n    author = models.ForeignKey(Author)\n");
    const fixed = await fixAndRecheck(root, "library/models.py", "lens.missing-on-delete", "Add on_delete=models.CASCADE");
    assert.match(fixed, /models\.ForeignKey\(Author, on_delete=models\.CASCADE\)/);
  });

  it("adds null=True to a SET_NULL foreign key (fields.E320)", async () => {
    const root = libraryProject(HEAD + "class Book(models.Model):\n    author = models.ForeignKey(Author, on_delete=models.SET_NULL)\n");
    const fixed = await fixAndRecheck(root, "library/models.py", "fields.E320", "Add null=True");
    assert.match(fixed, /on_delete=models\.SET_NULL, null=True\)/);
  });

  it("adds max_length to a CharField (fields.E120 on MySQL)", async () => {
    const root = libraryProject(HEAD + "class Book(models.Model):\n    title = models.CharField()\n");
    const fixed = await fixAndRecheck(root, "library/models.py", "fields.E120", "Add max_length=255");
    assert.match(fixed, /models\.CharField\(max_length=255\)/);
  });

  it("adds the missing DecimalField arguments (fields.E130/E132)", async () => {
    const root = libraryProject(HEAD + "class Book(models.Model):\n    price = models.DecimalField(blank=True)\n");
    const fixed = await fixAndRecheck(root, "library/models.py", "fields.E132", "Add max_digits=10, decimal_places=2");
    assert.match(fixed, /DecimalField\(blank=True, max_digits=10, decimal_places=2\)/);
    assert.ok(!client!.diagnosticsFor(path.join(root, "library/models.py")).some((d) => d.code === "fields.E130"));
  });

  it("replaces a misspelt field class with the nearest one", async () => {
    const root = libraryProject(HEAD + "class Book(models.Model):\n    title = models.CharFiled(max_length=10)\n");
    const fixed = await fixAndRecheck(root, "library/models.py", "lens.unknown-field-class", "Change to 'CharField'");
    assert.match(fixed, /models\.CharField\(max_length=10\)/);
  });

  it("replaces a misspelt name in Meta.ordering with the nearest field (models.E015), keeping the '-'", async () => {
    const root = libraryProject(HEAD + 'class Book(models.Model):\n    title = models.CharField(max_length=10)\n\n    class Meta:\n        ordering = ["-titel"]\n');
    const fixed = await fixAndRecheck(root, "library/models.py", "models.E015", "Change to 'title'");
    assert.match(fixed, /ordering = \["-title"\]/);
  });

  it("replaces a misspelt serializer field with the nearest model field (DRF)", async () => {
    const serializers =
      "from rest_framework import serializers\n\nfrom .models import Author\n\n\nclass AuthorSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = Author\n        fields = [\"id\", \"nmae\"]\n";
    const root = libraryProject(HEAD, { "library/serializers.py": serializers });
    const fixed = await fixAndRecheck(root, "library/serializers.py", "lens.drf-unknown-field", "Change to 'name'");
    assert.match(fixed, /fields = \["id", "name"\]/);
  });
});

const MODELS = `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50, db_column="author_name")

    def shout(self):
        return self.name.upper()


class Book(models.Model):
    title = models.CharField(max_length=100, unique=True)
    author = models.ForeignKey("library.Author", on_delete=models.CASCADE, related_name="books")

    class Meta:
        ordering = ["author__name", "-title"]
`;

const ADMIN = `from django.contrib import admin

from .models import Book


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "author"]
`;

const SERIALIZERS = `from rest_framework import serializers

from .models import Author


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "name", "books"]
`;

const SETTINGS_ADMIN = (root: string) => {
  const p = path.join(root, "proj", "settings.py");
  fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace('"rest_framework",', '"rest_framework", "django.contrib.admin", "django.contrib.sessions", "django.contrib.messages",'));
};

/** The 0-based position of `needle` (plus `offset`) in `text`. */
function at(text: string, needle: string, offset = 1): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not found`);
  const before = text.slice(0, i + offset);
  return { line: before.split("\n").length - 1, character: i + offset - (before.lastIndexOf("\n") + 1) };
}

describe("language server: model navigation, hover and completion", function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  let root: string;
  let models: string;
  beforeEach(async () => {
    root = libraryProject(MODELS, { "library/admin.py": ADMIN, "library/serializers.py": SERIALIZERS });
    SETTINGS_ADMIN(root);
    models = path.join(root, "library", "models.py");
    client = await TestClient.start(root);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const defLine = async (file: string, text: string, needle: string, offset = 2) => {
    const locs = await client!.definition(file, at(text, needle, offset));
    assert.ok(Array.isArray(locs) && locs.length > 0, `no definition for ${needle}`);
    return { file: locs[0].uri, line: locs[0].range.start.line };
  };

  it("goes from a relation string, a Meta.ordering name, an admin list item and a serializer field to the model or field", async () => {
    assert.deepEqual(await defLine(models, MODELS, '"library.Author"'), { file: uri(models), line: 3 });
    // "author__name": the segment under the cursor is resolved along the relation.
    assert.deepEqual(await defLine(models, MODELS, '"author__name"', 10), { file: uri(models), line: 4 });
    assert.deepEqual(await defLine(models, MODELS, '"author__name"', 3), { file: uri(models), line: 12 });
    assert.deepEqual(await defLine(models, MODELS, '"-title"', 3), { file: uri(models), line: 11 });
    const admin = path.join(root, "library", "admin.py");
    assert.deepEqual(await defLine(admin, ADMIN, '"author"'), { file: uri(models), line: 12 });
    const ser = path.join(root, "library", "serializers.py");
    assert.deepEqual(await defLine(ser, SERIALIZERS, '"name"'), { file: uri(models), line: 4 });
    // A reverse accessor named in a serializer goes to the relation that creates it.
    assert.deepEqual(await defLine(ser, SERIALIZERS, '"books"'), { file: uri(models), line: 12 });
    assert.deepEqual(await defLine(ser, SERIALIZERS, "model = Author", 10), { file: uri(models), line: 3 });
  });

  it("hovers a field with its class, options, column and reverse accessor", async () => {
    const hover = await client!.request("textDocument/hover", { textDocument: { uri: uri(models) }, position: at(MODELS, "author = models", 1) });
    const text: string = hover.contents.value;
    assert.match(text, /library\.Book\.author/);
    assert.match(text, /ForeignKey\("library\.Author", on_delete=models\.CASCADE, related_name="books"\)/);
    assert.match(text, /column: `author_id`/);
    assert.match(text, /reverse accessor: `Author\.books`, query name `books`/);
    const name = await client!.request("textDocument/hover", { textDocument: { uri: uri(models) }, position: at(MODELS, "name = models", 1) });
    assert.match(name.contents.value, /column: `author_name`/);
  });

  it("completes field names inside Meta.ordering and field classes after models.", async () => {
    const { text, position } = withCursor(MODELS.replace('"-title"]', '"-title", "|"]'));
    await client!.open(models, text);
    const items: any[] = await client!.request("textDocument/completion", { textDocument: { uri: uri(models) }, position });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes("title") && labels.includes("author") && labels.includes("id"), JSON.stringify(labels));
    const typing = withCursor(MODELS.replace("    title = models.CharField", "    isbn = models.Char|\n    title = models.CharField"));
    await client!.change(models, typing.text);
    const classes: any[] = await client!.request("textDocument/completion", { textDocument: { uri: uri(models) }, position: typing.position });
    const names = classes.map((i) => i.label);
    assert.ok(names.includes("CharField") && names.includes("ForeignKey") && !names.includes("NullBooleanField"), JSON.stringify(names.slice(0, 20)));
  });
});
