// Relation targets and reverse names: what `to=` names ("self", "Model", "app.Model", a class,
// settings.AUTH_USER_MODEL), as Django's lazy resolution does, in the scope of the concrete model
// the field ends up on (an abstract parent's "self" is each child).
import type { DjangoProject } from "../../project/project";
import { dottedName, stringValue } from "../../python/exprUtil";
import type { Expr } from "../../python/types";
import type { FieldCatalog } from "./fieldCatalog";
import { resolveExprDirect } from "./names";
import type { RelationInfo, RelationKind } from "./types";

export interface RelationScope {
  appLabel: string;
  /** The class name of the model the field is attached to. */
  modelName: string;
  /** The file whose names the `to` expression uses (the declaring class's module). */
  file: string;
  /** Label lookup over the registry being built (case-insensitive model name). */
  find(label: string): { label: string } | undefined;
  /** Labels of classes we cannot see into (opaque bases): no claims about them. */
  maybe(label: string): boolean;
  /** App labels whose models we cannot see (apps outside the workspace). */
  externalApp(appLabel: string): boolean;
  /** A workspace model class path → its label. */
  labelOfPath(path: string): string | undefined;
  authUserModel: string | null;
  catalog: FieldCatalog;
}

export function relationKind(django: { name: string; bases: string[] } | null): RelationKind | null {
  if (!django) return null;
  const isA = (n: string) => django.name === n || django.bases.some((b) => b.endsWith(`.${n}`));
  if (isA("OneToOneField")) return "o2o";
  if (isA("ForeignKey")) return "fk";
  if (isA("ManyToManyField")) return "m2m";
  return null;
}

/** Resolves a model reference (`to`, `through`) in a scope. */
export function resolveModelRef(
  project: DjangoProject,
  expr: Expr | undefined | null,
  scope: RelationScope,
): Pick<RelationInfo, "target" | "unresolved" | "written"> {
  if (!expr) return { target: null, unresolved: "missing" };
  const s = stringValue(expr);
  if (s !== null) return resolveLabel(s, scope);
  if (expr.kind === "call" && /(^|\.)get_user_model$/.test(dottedName(expr.func) ?? "")) {
    return scope.authUserModel ? resolveLabel(scope.authUserModel, scope) : { target: null, unresolved: "dynamic" };
  }
  const t = resolveExprDirect(project, scope.file, expr);
  if (t.kind === "class") {
    const label = scope.labelOfPath(t.path);
    return label ? { target: label } : { target: null, unresolved: "dynamic" };
  }
  if (t.kind === "external") {
    if (t.path === "django.conf.settings.AUTH_USER_MODEL") {
      return scope.authUserModel ? resolveLabel(scope.authUserModel, scope) : { target: null, unresolved: "dynamic" };
    }
    const dot = t.path.lastIndexOf(".");
    const cls = t.path.slice(dot + 1);
    const mod = t.path.slice(0, dot);
    const builtin = scope.catalog.data.models.find((m) => m.name === cls && m.module === mod);
    if (builtin) return { target: builtin.label };
    return { target: null, unresolved: t.path.startsWith("django.") ? "dynamic" : "external" };
  }
  return { target: null, unresolved: "dynamic" };
}

function resolveLabel(s: string, scope: RelationScope): Pick<RelationInfo, "target" | "unresolved" | "written"> {
  let label: string;
  if (s === "self") label = `${scope.appLabel}.${scope.modelName}`;
  else if (!s.includes(".")) label = `${scope.appLabel}.${s}`;
  else label = s;
  const found = scope.find(label);
  if (found) return { target: found.label };
  const [app] = label.split(".");
  if (scope.externalApp(app) || scope.maybe(label)) return { target: null, unresolved: "external", written: s };
  return { target: null, unresolved: "not-found", written: s };
}

/** related_name / related_query_name with `%(class)s` and `%(app_label)s` filled in. */
export function formatRelatedName(value: string, appLabel: string, modelName: string): string {
  return value.replace(/%\(class\)s/g, modelName.toLowerCase()).replace(/%\(model_name\)s/g, modelName.toLowerCase()).replace(/%\(app_label\)s/g, appLabel.toLowerCase());
}
