// ManyToManyField(through=...) checks (_check_relationship_model): a through model that is not
// installed (fields.E331), ambiguous or missing foreign keys in it (E333–E336), and through_fields
// that are malformed or name the wrong fields (E337–E339). Only through models whose every
// foreign key resolves are judged.
import type { DjangoProject } from "../../project/project";
import { literal, NOT_STATIC } from "../models/literal";
import { type ModelShape, type ShapeGraph, modelAtPath } from "../models/shapes";
import type { FieldInfo, ModelInfo } from "../models/types";
import { GRAPH_CHECKS, type Raw, fieldFinding, groupRule, modelFinding, modelsFileFindings, tag } from "./modelsShared";
import { relationFields } from "./relations";

type Id = "E331" | "E333" | "E334" | "E335" | "E336" | "E337" | "E338" | "E339";

/** A finding on the through model's class line (it may be in another module: read in full only here). */
function throughFinding(project: DjangoProject, g: ShapeGraph, through: ModelShape, message: string): Raw | null {
  const full = "location" in through ? (through as ModelInfo) : modelAtPath(project, g.labels, through.path);
  return full ? modelFinding(full, message) : null;
}

function throughProblems(project: DjangoProject, m: ModelInfo, f: FieldInfo, g: ShapeGraph): [Id, Raw | null][] {
  const rel = f.relation!;
  if (rel.kind !== "m2m" || !rel.throughExpr) return [];
  const out: [Id, Raw | null][] = [];
  const written = rel.throughExpr.kind === "str" ? rel.throughExpr.value : null;
  if (rel.through === null || rel.through === undefined) {
    // Only a string label that names nothing is certain; a class may come from elsewhere.
    const thr = written !== null ? g.get(written.includes(".") ? written : `${m.appLabel}.${written}`) : undefined;
    if (written !== null && !thr && isNotFound(g, m, written)) {
      out.push(["E331", fieldFinding(f, `Field specifies a many-to-many relation through model '${written}', which has not been installed.`)]);
    }
    return out;
  }
  const through = g.get(rel.through);
  const to = g.target(f);
  if (!through || !to) return out;
  const tfields = g.forwardFields(through);
  if (!tfields || tfields.some((x) => x.relation && !x.relation.target)) return out;
  const tfArg = f.params.get("through_fields");
  const tf = tfArg ? literal(tfArg) : null;
  if (tf === NOT_STATIC) return out;
  const fieldStr = `${m.label}.${f.name}`;
  const countTo = (label: string) => tfields.filter((x) => x.relation && x.relation.kind !== "m2m" && x.relation.target === label).length;
  if (m.label === to.label) {
    if (countTo(m.label) > 2 && !tf) {
      out.push([
        "E333",
        throughFinding(
          project,
          g,
          through,
          `The model is used as an intermediate model by '${fieldStr}', but it has more than two foreign keys to '${m.name}', which is ambiguous. You must specify which two foreign keys Django should use via the through_fields keyword argument.`,
        ),
      ]);
    }
  } else {
    const seenFrom = countTo(m.label);
    const seenTo = countTo(to.label);
    const amb = (what: string, name: string) =>
      `The model is used as an intermediate model by '${fieldStr}', but it has more than one foreign key ${what} '${name}', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.`;
    if (seenFrom > 1 && !tf) out.push(["E334", fieldFinding(f, amb("from", m.name))]);
    if (seenTo > 1 && !tf) out.push(["E335", fieldFinding(f, amb("to", to.name))]);
    if (seenFrom === 0 || seenTo === 0) {
      out.push(["E336", throughFinding(project, g, through, `The model is used as an intermediate model by '${fieldStr}', but it does not have a foreign key to '${m.name}' or '${to.name}'.`)]);
    }
  }
  if (tf !== null && tf !== undefined) {
    const items = Array.isArray(tf) ? tf : null;
    if (!items || items.length < 2 || !items[0] || !items[1]) {
      out.push([
        "E337",
        fieldFinding(f, `Field specifies 'through_fields' but does not provide the names of the two link fields that should be used for the relation through model '${rel.through}'.`),
      ]);
    } else {
      for (const [name, related] of [
        [items[0], m],
        [items[1], to],
      ] as [unknown, ModelShape][]) {
        if (typeof name !== "string") return out;
        const field = tfields.find((x) => x.name === name);
        if (!field) {
          // get_field() also finds reverse relations by their query name: stay silent then.
          const rev = g.relatedObjects(through);
          if (!rev || rev.some((r) => r.names?.query === name)) continue;
          out.push(["E338", fieldFinding(f, `The intermediary model '${rel.through}' has no field '${name}'.`)]);
        } else if (!(field.relation && field.relation.target === related.label)) {
          out.push(["E339", fieldFinding(f, `'${through.name}.${name}' is not a foreign key to '${related.name}'.`)]);
        }
      }
    }
  }
  return out;
}

/** The written through label names no installed model, and nothing we cannot see could be it. */
function isNotFound(g: ShapeGraph, m: ModelInfo, written: string): boolean {
  const label = (written.includes(".") ? written : `${m.appLabel}.${written}`).toLowerCase();
  return g.labels.complete && !g.labels.maybe.has(label) && !g.labels.registered.some((x) => x.origin === "django" && x.label.toLowerCase() === label);
}

GRAPH_CHECKS.push((project, g, m, out) => {
  for (const f of relationFields(m)) for (const [id, r] of throughProblems(project, m, f, g)) tag(out, `fields.${id}`, r);
});

const throughRule = (id: Id, description: string) => groupRule(`fields.${id}`, "error", description, modelsFileFindings);

export const THROUGH_RULES = [
  throughRule("E331", "The through model is not installed."),
  throughRule("E333", "A self-referential through model with more than two foreign keys to the model."),
  throughRule("E334", "The through model has more than one foreign key from the model."),
  throughRule("E335", "The through model has more than one foreign key to the target."),
  throughRule("E336", "The through model has no foreign key to one side."),
  throughRule("E337", "through_fields does not name two link fields."),
  throughRule("E338", "through_fields names a field the through model does not have."),
  throughRule("E339", "through_fields names a field that is not a foreign key to the right model."),
];
