// ManyToManyField._check_table_uniqueness: the auto-created intermediary table
// (`<model table>_<field>`, or db_table=) clashes with a model's table — fields.E340, or the
// warning fields.W344 when DATABASE_ROUTERS is set (the tables may live in different databases).
// Only untruncated names (≤ 30 characters) and models whose Meta table options are literal.
import type { DjangoProject } from "../../project/project";
import { stringValue } from "../../python/exprUtil";
import { modelLabels } from "../models/labels";
import type { ModelInfo } from "../models/types";
import { readSettings } from "../settings/settings";
import { GRAPH_CHECKS, fieldFinding, groupRule, modelsFileFindings, tag } from "./modelsShared";
import { relationFields } from "./relations";

/** A model's db_table (Meta.db_table or `app_label_modelname`), undefined when not static. */
function dbTable(m: ModelInfo): string | undefined {
  const o = m.meta.get("db_table");
  if (!o) return `${m.appLabel}_${m.modelName}`;
  return typeof o.value === "string" ? o.value : undefined;
}

/** Every installed model's table → its label (the last model wins), from the label index. */
function modelTables(project: DjangoProject): Map<string, string> {
  return project.index.memo(`modelTables:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const tables = new Map<string, string>();
    for (const e of modelLabels(project).registered) {
      if (e.proxy || !e.appLabel || e.swapped || !e.table) continue;
      tables.set(e.table, e.label);
    }
    return tables;
  });
}

GRAPH_CHECKS.push((project, _g, m, out) => {
  const fields = relationFields(m).filter((f) => f.relation!.kind === "m2m" && !f.params.has("through"));
  if (!fields.length) return;
  const routers = readSettings(project).get("DATABASE_ROUTERS");
  if (routers && routers.k !== "list" && routers.k !== "tuple") return;
  const id = routers && (routers.k === "list" || routers.k === "tuple") && routers.items.length ? "fields.W344" : "fields.E340";
  const tables = modelTables(project);
  for (const f of fields) {
    const own = f.params.get("db_table");
    const ownTable = dbTable(m);
    const table = own ? stringValue(own) : ownTable ? `${ownTable}_${f.name}` : null;
    if (!table || table.length > 30) continue;
    const clash = tables.get(table);
    if (clash) tag(out, id, fieldFinding(f, `The field's intermediary table '${table}' clashes with the table name of '${clash}'.`));
  }
});

export const TABLE_RULES = (["E340", "W344"] as const).map((id) =>
  groupRule(`fields.${id}`, id === "E340" ? "error" : "warning", "A many-to-many intermediary table clashes with a model's table.", modelsFileFindings),
);
