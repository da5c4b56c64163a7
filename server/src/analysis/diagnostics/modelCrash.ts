// A multi-table child that redeclares a field of its concrete parent: ModelBase raises FieldError
// while the models module is imported, so nothing else runs. Reported on the class line, where
// Python's traceback points.
import { GRAPH_CHECKS, groupRule, modelFinding, modelsFileFindings, tag } from "./modelsShared";

GRAPH_CHECKS.push((_project, g, m, out) => {
  if (m.proxy || m.incomplete) return;
  const own = m.fields.filter((f) => !f.implicit && !f.inherited && f.declaredIn === m.label);
  for (const label of m.mtiParents) {
    const parent = g.get(label);
    if (!parent || parent.incomplete) continue;
    const clash = parent.fields.find((pf) => own.some((f) => f.name === pf.name));
    if (clash) {
      tag(out, "lens.field-clashes-with-parent", modelFinding(m, `Local field '${clash.name}' in class '${m.name}' clashes with field of the same name from base class '${parent.name}'.`));
      break;
    }
  }
});

export const mtiFieldClash = groupRule("lens.field-clashes-with-parent", "error", "A multi-table child redeclares a field of its parent (FieldError at import).", modelsFileFindings);
