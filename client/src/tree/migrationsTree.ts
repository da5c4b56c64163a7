// The Migrations view: per app, its migrations and whether each is applied, known only from a
// `showmigrations` run the user triggered (its output parsed); before that every app says "not
// checked". The static list of migration files comes from the server's Apps tree.
import * as vscode from "vscode";
import type { AppsTreeNode, ProtocolLocation } from "../../../server/src/protocol";
import { openCommand } from "./locations";
import { type MigrationState, type ShownApp } from "./showmigrations";

export interface StaticApp {
  managePy: string;
  app: string;
  migrations: { name: string; location?: ProtocolLocation }[];
}

export interface Checked {
  database: string;
  at: Date;
  apps: ShownApp[];
}

type Node =
  | { kind: "hint" }
  | { kind: "app"; managePy: string; app: string; migrations: StaticApp["migrations"]; shown?: ShownApp }
  | { kind: "migration"; managePy: string; app: string; name: string; location?: ProtocolLocation; state?: MigrationState; appliedAt?: string };

const STATE_ICON: Record<MigrationState, vscode.ThemeIcon> = {
  applied: new vscode.ThemeIcon("pass-filled", new vscode.ThemeColor("testing.iconPassed")),
  unapplied: new vscode.ThemeIcon("circle-large-outline"),
  partial: new vscode.ThemeIcon("warning", new vscode.ThemeColor("list.warningForeground")),
};

/** The Apps tree's Migrations groups, as the static list of each app's migrations. */
export function staticAppsFrom(nodes: AppsTreeNode[], managePyOf: (n: AppsTreeNode) => string): StaticApp[] {
  return nodes
    .filter((n) => n.kind === "group" && n.label === "Migrations" && n.app)
    .map((g) => ({
      managePy: managePyOf(g),
      app: g.app!,
      migrations: (g.children ?? []).filter((c) => c.kind === "migration").map((c) => ({ name: c.migration ?? c.label, location: c.location })),
    }));
}

export class MigrationsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Results of the last showmigrations run, per manage.py. */
  private readonly checked = new Map<string, Checked>();

  constructor(private readonly staticApps: () => Promise<StaticApp[]>) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  setChecked(managePy: string, result: Checked): void {
    this.checked.set(managePy, result);
    this.changed.fire(undefined);
  }

  lastChecked(managePy: string): Checked | undefined {
    return this.checked.get(managePy);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === "app") {
      const shown = node.shown?.migrations;
      if (shown) {
        const files = new Map(node.migrations.map((m) => [m.name, m.location]));
        return shown.map((m) => ({ kind: "migration", managePy: node.managePy, app: node.app, name: m.name, location: files.get(m.name), state: m.state, appliedAt: m.appliedAt }));
      }
      return node.migrations.map((m) => ({ kind: "migration", managePy: node.managePy, app: node.app, name: m.name, location: m.location }));
    }
    if (node) return [];
    const apps = await this.staticApps();
    const out: Node[] = [];
    const managePys = new Set(apps.map((a) => a.managePy));
    if (![...managePys].some((m) => this.checked.has(m))) out.push({ kind: "hint" });
    for (const a of apps) out.push({ kind: "app", managePy: a.managePy, app: a.app, migrations: a.migrations, shown: this.checked.get(a.managePy)?.apps.find((s) => s.app === a.app) });
    // Apps showmigrations listed that are not the workspace's own (auth, admin, …).
    for (const [managePy, c] of this.checked) {
      for (const s of c.apps) {
        if (!apps.some((a) => a.managePy === managePy && a.app === s.app)) out.push({ kind: "app", managePy, app: s.app, migrations: [], shown: s });
      }
    }
    return out;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.kind === "hint") {
      const item = new vscode.TreeItem(vscode.l10n.t("Not checked: run showmigrations to see what is applied"));
      item.iconPath = new vscode.ThemeIcon("info");
      item.command = { command: "djangoLens.showmigrations", title: vscode.l10n.t("Show Migrations") };
      item.contextValue = "hint";
      return item;
    }
    if (n.kind === "app") {
      const item = new vscode.TreeItem(n.app, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${n.managePy}|${n.app}`;
      const c = this.checked.get(n.managePy);
      if (!c) item.description = vscode.l10n.t("not checked");
      else if (!n.shown) item.description = vscode.l10n.t("not listed by showmigrations");
      else {
        const pending = n.shown.migrations.filter((m) => m.state !== "applied").length;
        item.description = pending ? vscode.l10n.t("{0} unapplied ({1})", pending, c.database) : vscode.l10n.t("all applied ({0})", c.database);
      }
      item.iconPath = new vscode.ThemeIcon("package");
      item.contextValue = "migrationsApp";
      return item;
    }
    const item = new vscode.TreeItem(n.name);
    item.id = `${n.managePy}|${n.app}|${n.name}`;
    item.iconPath = n.state ? STATE_ICON[n.state] : new vscode.ThemeIcon("circle-large-outline", new vscode.ThemeColor("disabledForeground"));
    item.description = n.state === "applied" ? (n.appliedAt ? vscode.l10n.t("applied {0}", n.appliedAt) : vscode.l10n.t("applied")) : n.state === "unapplied" ? vscode.l10n.t("not applied") : n.state === "partial" ? vscode.l10n.t("applied, not recorded") : vscode.l10n.t("not checked");
    item.contextValue = "migration";
    item.command = openCommand(n.location);
    return item;
  }
}

/** Context-menu arguments arrive as the tree's own node: the app and migration they name. */
export function migrationNodeArgs(node: unknown): { app?: string; migration?: string; managePy?: string } {
  const n = node as { kind?: string; app?: string; name?: string; migration?: string; managePy?: string } | undefined;
  if (!n) return {};
  if (n.kind === "migration") return { app: n.app, migration: n.name ?? n.migration, managePy: n.managePy };
  return { app: n.app, migration: n.migration, managePy: n.managePy };
}
