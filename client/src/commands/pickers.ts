// The pickers of the manage.py commands: app label, migration, database alias (from the
// project's DATABASES, as the server read them).
import * as vscode from "vscode";
import type { AppsTreeNode, ProjectInfo } from "../../../server/src/protocol";
import { ui } from "../ui";

/** The database to run against: the only alias, or the user's pick among DATABASES' aliases. */
export async function pickDatabase(project: ProjectInfo, given?: string): Promise<string | undefined | null> {
  if (given) return given;
  const aliases = project.databases.length ? project.databases : ["default"];
  if (aliases.length === 1) return aliases[0];
  const picked = await ui().pick(
    aliases.map((a) => ({ label: a, description: a === "default" ? vscode.l10n.t("the default database") : undefined, value: a })),
    { placeHolder: vscode.l10n.t("Database (an alias of DATABASES)"), title: vscode.l10n.t("Django: database") },
  );
  return picked ?? null; // null: cancelled
}

/** An app label of the project, or "" for all apps when `allowAll`; null when cancelled. */
export async function pickApp(project: ProjectInfo, opts: { allowAll: boolean; placeHolder: string }): Promise<string | null> {
  const workspaceApps = project.apps.filter((a) => a.origin === "workspace");
  const others = project.apps.filter((a) => a.origin !== "workspace");
  const items = [
    ...(opts.allowAll ? [{ label: vscode.l10n.t("All apps"), value: "" }] : []),
    ...workspaceApps.map((a) => ({ label: a.label, description: a.name !== a.label ? a.name : undefined, value: a.label })),
    ...others.map((a) => ({ label: a.label, description: a.name, detail: a.origin === "django" ? vscode.l10n.t("Django") : undefined, value: a.label })),
  ];
  const picked = await ui().pick(items, { placeHolder: opts.placeHolder });
  return picked ?? null;
}

export async function pickMigration(migrations: string[], placeHolder: string, allowZero: boolean): Promise<string | null> {
  const items = [
    ...(allowZero ? [{ label: "zero", description: vscode.l10n.t("unapply every migration of the app"), value: "zero" }] : []),
    ...[...migrations].reverse().map((m) => ({ label: m, value: m })),
  ];
  if (!items.length) return null;
  return (await ui().pick(items, { placeHolder })) ?? null;
}

/** The migrations of an app as the Apps tree lists them. */
export function migrationsOf(nodes: AppsTreeNode[], managePy: string, app: string): string[] {
  return nodes
    .filter((n) => n.kind === "migration" && n.app === app && n.id.startsWith(managePy + "|"))
    .map((n) => n.migration ?? n.label)
    .sort();
}
