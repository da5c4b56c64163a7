// Django's model-level clash checks (Model.check in django/db/models/base.py): an `id` field that
// is not the primary key (models.E004), fields clashing across multi-table parents (E005, E006),
// two fields on one column (E007, hidden when a clash error exists, as Django does), a proxy
// model with fields (E017), more than one primary key (E026), and the auto-created primary key
// warning (W042). Models whose field list may be incomplete are not judged.
import type { DjangoProject } from "../../project/project";
import { stringValue } from "../../python/exprUtil";
import { attname } from "../models/graph";
import { NOT_STATIC, literal } from "../models/literal";
import { resolveExprDirect, resolvePath } from "../models/names";
import type { FieldShape, ModelShape, ShapeGraph } from "../models/shapes";
import type { FieldInfo, ModelInfo } from "../models/types";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { GRAPH_CHECKS, LOCAL_CHECKS, type Raw, fieldFinding, groupRule, modelFinding, modelsFileFindings, tag } from "./modelsShared";

type Found = { id: string; raw: Raw | null };

/** Django's `local_fields`: concrete non-m2m fields of the model itself, in creation order. */
function localFields<F extends FieldShape>(m: { fields: F[] }): F[] {
  const fields = m.fields.filter((f) => f.relation?.kind !== "m2m");
  return [...fields.filter((f) => !f.implicit), ...fields.filter((f) => f.implicit === "parent-link"), ...fields.filter((f) => f.implicit === "auto")];
}

/** The `primary_key` argument: true/false, or null when not a literal. */
function primaryKeyArg(f: FieldInfo): boolean | null {
  if (f.implicit) return f.primaryKey;
  const e = f.params.get("primary_key");
  if (!e) return f.dynamicArgs ? null : false;
  const v = literal(e);
  return v === NOT_STATIC ? null : !!v;
}

function allParents(g: ShapeGraph, m: ModelShape): ModelShape[] | null {
  const out: ModelShape[] = [];
  const visit = (x: ModelShape): boolean => {
    for (const p of x.mtiParents) {
      const pm = g.get(p);
      if (!pm) return false;
      if (!out.some((o) => o.path === pm.path)) out.push(pm);
      if (!visit(pm)) return false;
    }
    return true;
  };
  return visit(m) ? out : null;
}

/** Every clash finding of one model (Django's clash_errors block, then the column check). */
function modelClashes(g: ShapeGraph, m: ModelInfo): Found[] {
  if (m.incomplete) return [];
  const out: Found[] = [];
  const local = m.proxy ? [] : localFields(m);
  const pks = local.map(primaryKeyArg);
  if (pks.includes(null)) return [];
  // E004: a user `id` next to the auto-created primary key.
  const userId = local.find((f) => f.name === "id" && !f.implicit);
  if (userId && !pks[local.indexOf(userId)] && local.some((f) => f.implicit === "auto")) {
    out.push({ id: "models.E004", raw: modelFinding(m, "'id' can only be used as a field name if the field also sets 'primary_key=True'.") });
  }
  const parents = allParents(g, m);
  if (!parents || parents.some((p) => p.incomplete)) return out;
  const owner = (_f: FieldShape, x: ModelShape) => `${x.appLabel}.${x.modelName}`;
  const used = new Map<string, { name: string; model: string }>();
  if (!m.proxy) {
    for (const p of parents) {
      for (const f of localFields(p)) {
        const clash = used.get(f.name) ?? used.get(attname(f));
        if (clash) {
          out.push({
            id: "models.E005",
            raw: modelFinding(m, `The field '${clash.name}' from parent model '${clash.model}' clashes with the field '${f.name}' from parent model '${owner(f, p)}'.`),
          });
        }
        used.set(f.name, { name: f.name, model: owner(f, p) });
        used.set(attname(f), { name: f.name, model: owner(f, p) });
      }
    }
    // Every field of the parents (m2m and reverse relations too) by name.
    for (const p of parents) {
      const fwd = g.forwardFields(p);
      const rev = g.relatedObjects(p);
      if (!fwd || !rev) return out;
      for (const f of fwd) used.set(f.name, { name: f.name, model: owner(f, g.get(f.declaredIn) ?? p) });
      for (const r of rev) if (!r.names!.hidden) used.set(r.names!.query, { name: r.names!.query, model: `${p.appLabel}.${p.modelName}` });
    }
    for (const f of local) {
      const clash = used.get(f.name) ?? used.get(attname(f));
      const idConflict = f.name === "id" && clash?.name === "id" && clash.model === `${m.appLabel}.${m.modelName}`;
      // Redeclaring a direct parent's field raises FieldError at import (lens.field-clashes-with-parent).
      const crash = !!clash && !f.implicit && m.mtiParents.some((p) => `${g.get(p)?.appLabel}.${g.get(p)?.modelName}` === clash.model && clash.name === f.name);
      if (clash && !idConflict && !crash) {
        if (f.implicit) return out; // a parent link clash: Django words it differently; no claim
        out.push({ id: "models.E006", raw: fieldFinding(f, `The field '${f.name}' clashes with the field '${clash.name}' from model '${clash.model}'.`) });
      }
      used.set(f.name, { name: f.name, model: `${m.appLabel}.${m.modelName}` });
      used.set(attname(f), { name: f.name, model: `${m.appLabel}.${m.modelName}` });
    }
  }
  if (pks.filter(Boolean).length > 1) out.push({ id: "models.E026", raw: modelFinding(m, "The model cannot have more than one field with 'primary_key=True'.") });
  // models.E023/E024 (not claimed) are clash errors too: they hide E007, so stop here.
  if (m.name.startsWith("_") || m.name.endsWith("_") || m.name.includes("__")) return out;
  if (out.length === 0) {
    const columns = new Set<string>();
    for (const f of local) {
      const dc = f.params.get("db_column");
      const col = dc ? stringValue(dc) : attname(f);
      if (dc && col === null) return out;
      if (col === null) continue;
      if (columns.has(col)) {
        out.push({ id: "models.E007", raw: modelFinding(m, `Field '${f.name}' has column name '${col}' that is used by another field.`) });
      } else columns.add(col);
    }
  }
  return out;
}

GRAPH_CHECKS.push((_project, g, m, out) => {
  for (const f of modelClashes(g, m)) tag(out, f.id, f.raw);
});

const clashRule = (id: string, description: string) => groupRule(id, "error", description, modelsFileFindings);

LOCAL_CHECKS.push((_project, m, out) => {
  if (m.proxy && m.fields.some((f) => !f.implicit && f.call)) tag(out, "models.E017", modelFinding(m, `Proxy model '${m.name}' contains model fields.`));
});
export const proxyWithFields = groupRule("models.E017", "error", "A proxy model declares fields.", modelsFileFindings);

/** W042's project-wide condition: neither DEFAULT_AUTO_FIELD nor anything that could set it. */
function w042Applies(project: DjangoProject): boolean {
  const settings = readSettings(project);
  if (!settings.file || settings.get("DEFAULT_AUTO_FIELD") !== undefined || settings.problems.length) return false;
  return !hasUnknownStarImport(project, settings.file);
}

/** W042: the implicit `id` while neither DEFAULT_AUTO_FIELD nor the AppConfig chooses its type. */
GRAPH_CHECKS.push((project, g, m, out) => {
  if (!w042Applies(project)) return;
  const concrete = m.proxy ? (m.proxyFor ? g.get(m.proxyFor) : undefined) : m;
  if (!concrete || concrete.incomplete || !concrete.fields.some((f) => f.implicit === "auto")) return;
  const app = appRegistry(project).apps.find((a) => a.label === m.appLabel);
  if (!app || app.origin !== "workspace" || !appConfigKeepsDefault(project, app.configClass)) return;
  tag(
    out,
    "models.W042",
    modelFinding(m, "Auto-created primary key used when not defining a primary key type, by default 'django.db.models.AutoField'.", undefined, { fix: "default_auto_field" }),
  );
});
export const autoCreatedPrimaryKey = groupRule("models.W042", "warning", "Auto-created primary key used when not defining a primary key type.", modelsFileFindings);

/** The app's AppConfig (if any) neither sets default_auto_field nor inherits from a class we cannot see. */
function appConfigKeepsDefault(project: DjangoProject, configClass: string | null): boolean {
  if (!configClass) return true;
  const t = resolvePath(project, configClass.split("."));
  if (t.kind !== "class") return false;
  for (const s of t.cls.body) {
    if (s.kind === "assign" && s.targets.some((x) => x.kind === "name" && x.id === "default_auto_field")) return false;
  }
  // Only Django's AppConfig as the base: a workspace base class might set the field type.
  return t.cls.bases.every((b) => {
    const base = resolveExprDirect(project, t.file, b);
    return base.kind === "external" && base.path === "django.apps.AppConfig";
  });
}

function hasUnknownStarImport(project: DjangoProject, file: string): boolean {
  const summary = project.index.summary(file);
  return !!summary?.statements.some((s) => s.kind === "from" && s.names === "*" && !project.modules.resolveModule(project.modules.absoluteImport(file, s.level, s.module) ?? ""));
}

export const MODEL_CHECK_RULES = [
  clashRule("models.E004", "An 'id' field that is not the primary key."),
  clashRule("models.E005", "A field from one multi-table parent clashes with one from another."),
  clashRule("models.E006", "A field clashes with another field of the model or its parents."),
  clashRule("models.E007", "Two fields use the same database column."),
  proxyWithFields,
  clashRule("models.E026", "More than one primary key."),
  autoCreatedPrimaryKey,
];
