// ManyToManyField._check_table_uniqueness: the auto-created intermediary table
// (`<model table>_<field>`, or db_table=) clashes with a model's table — fields.E340, or the
// warning fields.W344 when DATABASE_ROUTERS is set (the tables may live in different databases).
// Only untruncated names (≤ 30 characters) and models whose Meta table options are literal.
import type { DjangoProject } from "../../project/project";
import { stringValue } from "../../python/exprUtil";
import { modelGraph } from "../models/graph";
import type { ModelInfo } from "../models/types";
import { fieldCatalog } from "../models/fieldCatalog";
import { readSettings } from "../settings/settings";
import { type Raw, fieldFinding, modelRule } from "./modelsShared";
import { eachRelation } from "./relations";

/** A model's db_table (Meta.db_table or `app_label_modelname`), undefined when not static. */
function dbTable(project: DjangoProject, m: ModelInfo): string | undefined {
  if (m.origin === "django") return fieldCatalog(project.djangoVersion()).model(m.label)?.dbTable;
  const o = m.meta.get("db_table");
  if (!o) return `${m.appLabel}_${m.modelName}`;
  return typeof o.value === "string" ? o.value : undefined;
}

function tableClashes(project: DjangoProject): { id: "E340" | "W344"; raw: Raw }[] {
  const g = modelGraph(project);
  const routers = readSettings(project).get("DATABASE_ROUTERS");
  if (routers && routers.k !== "list" && routers.k !== "tuple") return [];
  const id = routers && (routers.k === "list" || routers.k === "tuple") && routers.items.length ? "W344" : "E340";
  const tables = new Map<string, ModelInfo>();
  for (const m of g.registry.models) {
    if (m.abstract || m.proxy || !m.appLabel || m.swappedBy) continue;
    const managed = m.meta.get("managed");
    if (managed && managed.value !== true) continue;
    const t = dbTable(project, m);
    if (t) tables.set(t, m);
  }
  const out: { id: "E340" | "W344"; raw: Raw }[] = [];
  eachRelation(project, (m, f) => {
    if (f.relation!.kind !== "m2m" || f.params.has("through")) return null;
    const own = f.params.get("db_table");
    const ownTable = dbTable(project, m);
    const table = own ? stringValue(own) : ownTable ? `${ownTable}_${f.name}` : null;
    if (!table || table.length > 30) return null;
    const clash = tables.get(table);
    if (clash) out.push({ id, raw: fieldFinding(f, `The field's intermediary table '${table}' clashes with the table name of '${clash.label}'.`) });
    return null;
  });
  return out;
}

export const TABLE_RULES = (["E340", "W344"] as const).map((id) =>
  modelRule(`fields.${id}`, id === "E340" ? "error" : "warning", "A many-to-many intermediary table clashes with a model's table.", (project) =>
    tableClashes(project).filter((c) => c.id === id).map((c) => c.raw),
  ),
);
