// Definition, hover and completion for models: "app.Model" strings and Meta.model go to the model
// class; field names in Meta options, ModelAdmin lists and serializer fields go to the field (or
// method); hover on a field shows its class, key options, column and reverse accessor; completion
// offers the model's field names in those lists and Django's field classes after `models.`.
import { type CompletionItem, CompletionItemKind, type Hover, MarkupKind } from "vscode-languageserver";
import { fieldCatalog } from "../analysis/models/fieldCatalog";
import { attname, modelGraph, reverseNames } from "../analysis/models/graph";
import { resolveExpr } from "../analysis/models/names";
import { modelRegistry } from "../analysis/models/registry";
import type { FieldInfo, ModelInfo } from "../analysis/models/types";
import { lineAt } from "../analysis/diagnostics/registry";
import { topLevel } from "../python/exprUtil";
import type { ClassDef, Expr, Location } from "../python/types";
import { type FeatureContext, contains } from "./context";
import { lookupField, modelFieldAt, modelStringAt, nameRefAt, optionAt } from "./modelsContext";

/** A method or attribute defined in a class body, by name. */
function memberLocation(file: string | null, cls: ClassDef | null, name: string): Location | null {
  if (!file || !cls) return null;
  for (const s of topLevel(cls.body)) {
    if (s.kind === "def" && s.name === name) return { file, range: s.nameRange };
    if (s.kind === "assign" && s.targets.some((t) => t.kind === "name" && t.id === name)) return { file, range: s.targets[0].range };
  }
  return null;
}

export function modelDefinition(ctx: FeatureContext): Location[] | null {
  const project = ctx.project;
  if (!project) return null;
  const ref = nameRefAt(ctx);
  if (ref) {
    const hit = lookupField(project, ref.on, ref.segment);
    if (hit?.field.location) return [hit.field.location];
    const member = memberLocation(ref.on.file, ref.on.cls, ref.segment) ?? (ref.place.kind === "admin" ? memberLocation(ctx.file, ref.place.owner, ref.segment) : null);
    return member ? [member] : null;
  }
  const m = modelStringAt(ctx);
  if (m?.location) return [m.location];
  // `model = Book` in a Meta (serializers, forms): the model class.
  const place = ctx.summary ? metaModelAt(ctx) : null;
  return place?.location ? [place.location] : null;
}

function metaModelAt(ctx: FeatureContext): ModelInfo | null {
  const project = ctx.project!;
  for (const s of topLevel(ctx.summary!.statements)) {
    if (s.kind !== "class" || !contains(s.range, ctx.position)) continue;
    for (const meta of topLevel(s.body)) {
      if (meta.kind !== "class" || meta.name !== "Meta" || !contains(meta.range, ctx.position)) continue;
      for (const a of topLevel(meta.body)) {
        if (a.kind !== "assign" || !a.value || !contains(a.value.range, ctx.position)) continue;
        if (!a.targets.some((t) => t.kind === "name" && t.id === "model")) continue;
        const t = resolveExpr(project, ctx.file, a.value as Expr);
        if (t.kind === "class") return modelRegistry(project).byPath(t.path) ?? null;
      }
    }
  }
  return null;
}

/** The call as written, shortened: `CharField(max_length=100, unique=True)`. */
function describeCall(f: FieldInfo, text: string | null): string {
  const cls = f.classPath.split(".").pop() ?? f.classPath;
  if (!f.call || !text) return `${cls}()`;
  const keys = ["to", "max_length", "max_digits", "decimal_places", "null", "blank", "unique", "primary_key", "default", "db_index", "on_delete", "related_name", "choices", "through"];
  const parts: string[] = [];
  for (const k of keys) {
    const e = f.params.get(k);
    if (!e) continue;
    const src = e.range.start.line === e.range.end.line ? lineAt(text, e.range.start.line).slice(e.range.start.character, e.range.end.character) : "…";
    parts.push(k === "to" ? src : `${k}=${src.length > 40 ? src.slice(0, 37) + "…" : src}`);
  }
  return `${cls}(${parts.join(", ")})`;
}

export function fieldHoverText(ctx: FeatureContext, model: ModelInfo, f: FieldInfo): string {
  const project = ctx.project!;
  const text = f.location ? project.index.text(f.location.file) : null;
  const lines = [`**${model.label}.${f.name}**`, "", "```python", `${f.name} = ${describeCall(f, text)}`, "```"];
  const dbColumn = f.params.get("db_column");
  const column = dbColumn?.kind === "str" ? dbColumn.value : f.relation?.kind === "m2m" ? null : attname(f);
  if (column) lines.push(`- column: \`${column}\``);
  else if (f.relation?.kind === "m2m") lines.push("- table: an intermediate table (many-to-many)");
  if (f.primaryKey) lines.push("- primary key");
  if (f.relation) {
    const target = f.relation.target ?? f.relation.written ?? "?";
    lines.push(`- relation: ${f.relation.kind === "fk" ? "many-to-one" : f.relation.kind === "o2o" ? "one-to-one" : "many-to-many"} to \`${target}\``);
    const concrete = model.abstract ? null : model;
    const names = concrete ? reverseNames(concrete, f) : null;
    if (names && !names.hidden && names.accessor) lines.push(`- reverse accessor: \`${target.split(".").pop()}.${names.accessor}\`, query name \`${names.query}\``);
    else if (names?.hidden) lines.push("- no reverse accessor (related_name ends with '+')");
  }
  if (f.inherited) lines.push(`- inherited from \`${f.declaredIn}\``);
  return lines.join("\n");
}

export function modelHover(ctx: FeatureContext): Hover | null {
  const project = ctx.project;
  if (!project) return null;
  const here = modelFieldAt(ctx);
  if (here && here.field.location) return { contents: { kind: MarkupKind.Markdown, value: fieldHoverText(ctx, here.model, here.field) }, range: here.field.location.range };
  const ref = nameRefAt(ctx);
  if (ref) {
    const hit = lookupField(project, ref.on, ref.segment);
    if (!hit) return null;
    const value = hit.reverse
      ? `**${ref.on.label}.${ref.segment}**\n\nReverse relation from \`${hit.model.label}.${hit.field.name}\``
      : fieldHoverText(ctx, ref.on, hit.field);
    return { contents: { kind: MarkupKind.Markdown, value }, range: ref.range };
  }
  const m = modelStringAt(ctx);
  if (m) return { contents: { kind: MarkupKind.Markdown, value: `**${m.label}** — model \`${m.path}\`` } };
  return null;
}

export function modelCompletion(ctx: FeatureContext): CompletionItem[] | null {
  const project = ctx.project;
  if (!project || !ctx.text) return null;
  const line = lineAt(ctx.text, ctx.position.line).slice(0, ctx.position.character);
  const afterModels = /\bmodels\.(\w*)$/.exec(line);
  if (afterModels) {
    const catalog = fieldCatalog(project.djangoVersion());
    const names = (catalog.exports("django.db.models") ?? []).filter((n) => {
      const f = catalog.field(`django.db.models.${n}`);
      return !!f && !f.removed;
    });
    return names.map((n) => ({ label: n, kind: CompletionItemKind.Class, detail: "django.db.models" }));
  }
  // Only inside a string (possibly unterminated while typing).
  const quotes = (line.match(/["']/g) ?? []).length;
  if (quotes % 2 === 0 || !/["'][\w-]*$/.test(line)) return null;
  const place = optionAt(ctx);
  if (!place) return null;
  const ref = nameRefAt(ctx);
  const on = ref?.on ?? place.model;
  const g = modelGraph(project);
  const fields = g.forwardFields(on) ?? on.fields;
  const items: CompletionItem[] = fields.map((f) => ({ label: f.name, kind: CompletionItemKind.Field, detail: f.classPath.split(".").pop() }));
  if (place.kind !== "serializer") {
    for (const r of g.relatedObjects(on) ?? []) if (r.names && !r.names.hidden) items.push({ label: r.names.query, kind: CompletionItemKind.Reference, detail: `reverse of ${r.model.label}.${r.field.name}` });
  }
  if (place.kind === "admin" || place.kind === "serializer") for (const name of on.methods) items.push({ label: name, kind: CompletionItemKind.Method });
  return items;
}
