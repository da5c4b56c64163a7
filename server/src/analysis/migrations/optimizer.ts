// Django's MigrationOptimizer over the operations the autodetector produced for one app: the same
// reduce() rules (operations/models.py, fields.py) for the kinds we generate, so the set of
// operations makemigrations writes (a new model's FK folded into its CreateModel, RemoveField
// swallowed by DeleteModel, …) comes out the same.
import type { DjangoLine } from "./fields";
import type { FieldState } from "./fields";

export interface PendingOp {
  operation: string;
  app: string;
  /** Django's lower-case model name. */
  model: string;
  field?: string;
  /** The field (AddField/AlterField) or the model's fields (CreateModel), for references. */
  fieldState?: FieldState;
  modelFields?: Map<string, FieldState>;
  /** unique_together/index_together value names, for references_field. */
  togetherNames?: string[] | null;
  indexName?: string;
  /** Human detail for messages ("max_length 50 → 80"). */
  detail?: string;
}

const FIELD_OPS = new Set(["AddField", "RemoveField", "AlterField"]);
const OPTION_OPS = new Set(["AlterModelOptions", "AlterModelManagers", "AlterModelTable", "AlterModelTableComment", "AlterUniqueTogether", "AlterIndexTogether", "AlterOrderWithRespectTo"]);
const MODEL_OPS = new Set(["CreateModel", "DeleteModel", ...OPTION_OPS]);
const TOGETHER = new Set(["AlterUniqueTogether", "AlterIndexTogether"]);

const target = (f: FieldState | undefined): string | null => (f?.kwargs.to?.t === "str" ? f.kwargs.to.v : null);

function fieldReferencesModel(f: FieldState | undefined, label: string): boolean {
  if (!f) return false;
  if (target(f) === label) return true;
  const through = f.kwargs.through;
  return through?.t === "str" && through.v.toLowerCase() === label;
}

function referencesModel(op: PendingOp, app: string, model: string): boolean {
  const label = `${app}.${model}`;
  // DeleteModel.references_model(): always (the deleted model may have had relations to any model).
  if (op.operation === "DeleteModel") return true;
  if (op.operation === "CreateModel") {
    if (op.model === model && op.app === app) return true;
    for (const f of op.modelFields?.values() ?? []) if (fieldReferencesModel(f, label)) return true;
    return false;
  }
  if (MODEL_OPS.has(op.operation)) return op.model === model && op.app === app;
  if (FIELD_OPS.has(op.operation)) return (op.model === model && op.app === app) || fieldReferencesModel(op.fieldState, label);
  return true; // Operation.references_model's conservative default (index and constraint operations)
}

function referencesField(op: PendingOp, app: string, model: string, name: string): boolean {
  if (FIELD_OPS.has(op.operation)) {
    if (op.model === model && op.app === app && op.field === name) return true;
    if (!op.fieldState) return false;
    // field_references(): a relation to that model referencing that field (its to_field or pk).
    if (target(op.fieldState) !== `${app}.${model}`) return false;
    const toField = op.fieldState.kwargs.to_field;
    return toField?.t === "str" ? toField.v === name : name === "id";
  }
  if (TOGETHER.has(op.operation) || op.operation === "AlterOrderWithRespectTo") {
    if (!referencesModel(op, app, model)) return false;
    return !op.togetherNames || op.togetherNames.includes(name);
  }
  return referencesModel(op, app, model);
}

const sameModel = (a: PendingOp, b: PendingOp) => a.app === b.app && a.model === b.model;
const sameField = (a: PendingOp, b: PendingOp) => sameModel(a, b) && a.field === b.field;

/** One reduce() step: a replacement list, true (can optimize through), or false. */
function reduce(a: PendingOp, b: PendingOp, v: DjangoLine): PendingOp[] | boolean {
  if (a.operation === "CreateModel") {
    if (b.operation === "DeleteModel" && sameModel(a, b)) return [];
    if (sameModel(a, b)) {
      if (OPTION_OPS.has(b.operation)) return [a];
      if (FIELD_OPS.has(b.operation)) {
        const fields = new Map(a.modelFields);
        if (b.operation === "RemoveField") fields.delete(b.field ?? "");
        else if (b.fieldState) fields.set(b.field ?? "", b.fieldState);
        return [{ ...a, modelFields: fields }];
      }
      const atLeast52 = v.major > 5 || (v.major === 5 && v.minor >= 2);
      if (b.operation === "AddIndex" || b.operation === "RemoveIndex") return [a];
      if (atLeast52 && (b.operation === "AddConstraint" || b.operation === "RemoveConstraint")) return [a];
    }
    return !referencesModel(b, a.app, a.model);
  }
  if (OPTION_OPS.has(a.operation) || a.operation === "DeleteModel") {
    if (a.operation !== "DeleteModel" && (b.operation === a.operation || b.operation === "DeleteModel") && sameModel(a, b)) return [b];
    if (!referencesModel(b, a.app, a.model)) return true;
    return TOGETHER.has(a.operation) && TOGETHER.has(b.operation) && a.operation !== b.operation;
  }
  if (FIELD_OPS.has(a.operation)) {
    if (a.operation === "AddField" && sameField(a, b)) {
      if (b.operation === "AlterField") return [{ ...a, fieldState: b.fieldState }];
      if (b.operation === "RemoveField") return [];
    }
    if (a.operation === "AlterField" && sameField(a, b) && (b.operation === "AlterField" || b.operation === "RemoveField")) return [b];
    if (a.operation === "RemoveField" && b.operation === "DeleteModel" && sameModel(a, b)) return [b];
    return !referencesField(b, a.app, a.model, a.field ?? "");
  }
  if (a.operation === "AddIndex" && b.operation === "RemoveIndex" && sameModel(a, b) && a.indexName === b.indexName) return [];
  return false;
}

function optimizeInner(ops: PendingOp[], v: DjangoLine): PendingOp[] {
  const out: PendingOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    let right = true;
    let done = false;
    for (let j = i + 1; j < ops.length; j++) {
      const other = ops[j];
      const result = reduce(op, other, v);
      if (Array.isArray(result)) {
        const between = ops.slice(i + 1, j);
        if (right) {
          out.push(...between, ...result);
        } else if (between.every((x) => reduce(x, other, v) === true)) {
          out.push(...result, ...between);
        } else {
          out.push(op);
          done = true;
          break;
        }
        out.push(...ops.slice(j + 1));
        return out;
      } else if (!result) right = false;
    }
    if (!done) out.push(op);
  }
  return out;
}

/** MigrationOptimizer.optimize(): repeat until nothing changes. */
export function optimize(ops: PendingOp[], v: DjangoLine): PendingOp[] {
  let current = ops;
  for (let guard = 0; guard < 1000; guard++) {
    const next = optimizeInner(current, v);
    if (next.length === current.length && next.every((o, i) => o === current[i])) return next;
    current = next;
  }
  return current;
}
