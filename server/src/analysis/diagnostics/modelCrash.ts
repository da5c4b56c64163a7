// A multi-table child that redeclares a field of its concrete parent: ModelBase raises FieldError
// while the models module is imported, so nothing else runs. Reported on the class line, where
// Python's traceback points.
import { checkedModels, modelFinding, modelRule } from "./modelsShared";
import { modelRegistry } from "../models/registry";

export const mtiFieldClash = modelRule("lens.field-clashes-with-parent", "error", "A multi-table child redeclares a field of its parent (FieldError at import).", (project) => {
  const reg = modelRegistry(project);
  const out = [];
  for (const m of checkedModels(project)) {
    if (m.proxy || m.incomplete) continue;
    const own = m.fields.filter((f) => !f.implicit && !f.inherited && f.declaredIn === m.label);
    for (const label of m.mtiParents) {
      const parent = reg.get(label);
      if (!parent || parent.incomplete) continue;
      const clash = parent.fields.find((pf) => own.some((f) => f.name === pf.name));
      if (clash) {
        out.push(modelFinding(m, `Local field '${clash.name}' in class '${m.name}' clashes with field of the same name from base class '${parent.name}'.`));
        break;
      }
    }
  }
  return out;
});
