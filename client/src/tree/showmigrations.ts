// Parses `manage.py showmigrations --list` output. Pure (no `vscode`), unit-tested against the
// format of Django's showmigrations.show_list: an app label at column 0, then ` [X] name`,
// ` [ ] name`, ` [-] name … Run 'manage.py migrate' to finish recording.` (applied but not
// recorded: a squashed migration), optional ` (N squashed migrations)` and ` (applied at …)`.

export type MigrationState = "applied" | "unapplied" | "partial";

export interface ShownMigration {
  name: string;
  state: MigrationState;
  squashed?: number;
  appliedAt?: string;
}

export interface ShownApp {
  app: string;
  migrations: ShownMigration[];
}

const MIGRATION_LINE = /^ \[(X| |-)\] (\S+)(?: \((\d+) squashed migrations\))?(?: Run 'manage\.py migrate' to finish recording\.)?(?: \(applied at ([^)]+)\))?\s*$/;

export function parseShowMigrations(output: string): ShownApp[] {
  const apps: ShownApp[] = [];
  let current: ShownApp | undefined;
  for (const raw of output.split(/\r?\n/)) {
    // Colour codes appear when the output is a TTY (it is not, for us; be tolerant anyway).
    const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
    if (!line.trim()) continue;
    const m = MIGRATION_LINE.exec(line);
    if (m && current) {
      const state: MigrationState = m[1] === "X" ? "applied" : m[1] === "-" ? "partial" : "unapplied";
      const mig: ShownMigration = { name: m[2], state };
      if (m[3]) mig.squashed = Number(m[3]);
      if (m[4]) mig.appliedAt = m[4];
      current.migrations.push(mig);
    } else if (/^[A-Za-z_][\w]*$/.test(line)) {
      current = { app: line, migrations: [] };
      apps.push(current);
    }
    // " (no migrations)" and anything else (warnings on stderr merged in) are ignored.
  }
  return apps;
}
