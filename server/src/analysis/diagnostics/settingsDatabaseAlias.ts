// `manage.py migrate --database=X` (and the other commands taking --database) written in workspace
// files — shell scripts, Makefiles, Procfiles, VS Code tasks — checked against DATABASES: an alias
// that is not there fails with ConnectionDoesNotExist when the command runs.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import type { Range } from "../../python/types";
import { readSettings } from "../settings/settings";
import type { Raw } from "./modelsShared";
import type { Rule } from "./types";

const COMMANDS = "migrate|sqlmigrate|showmigrations|dbshell|flush|loaddata|dumpdata|createcachetable|inspectdb|sqlflush|sqlsequencereset|changepassword|createsuperuser|remove_stale_contenttypes";
/** `migrate … --database=X` / `--database X` on one command line (shell, Makefile). */
const SHELL = new RegExp(`\\b(?:${COMMANDS})\\b[^\\n;&|]*?--database(?:=|\\s+)["']?([A-Za-z_][\\w-]*)`, "g");
/** tasks.json-style argument arrays: `"migrate", …, "--database", "X"` or `"--database=X"`. */
const JSON_ARGS = new RegExp(`"(?:${COMMANDS})"[^\\]]*?"--database(?:=|"\\s*,\\s*")([A-Za-z_][\\w-]*)"`, "g");

const CANDIDATES = (name: string) =>
  name === "Makefile" || name === "makefile" || name === "Procfile" || name === "justfile" || name.endsWith(".sh") || name.endsWith(".mk") || name === "tox.ini" || /^docker-compose.*\.ya?ml$/.test(name);

/** The files to scan: the project folder, its scripts/ and bin/ folders, and .vscode/tasks.json. */
function files(project: DjangoProject): string[] {
  const out: string[] = [];
  for (const dir of [project.root, path.join(project.root, "scripts"), path.join(project.root, "bin")]) {
    for (const e of project.index.listDir(dir)) if (!e.isDir && CANDIDATES(e.name)) out.push(path.join(dir, e.name));
  }
  const tasks = path.join(project.root, ".vscode", "tasks.json");
  if (project.index.exists(tasks)) out.push(tasks);
  return out;
}

function rangeOf(text: string, start: number, end: number): Range {
  const before = text.slice(0, start);
  const line = before.split("\n").length - 1;
  const character = start - (before.lastIndexOf("\n") + 1);
  return { start: { line, character }, end: { line, character: character + (end - start) } };
}

export const unknownDatabaseAlias: Rule = {
  code: "lens.unknown-database-alias",
  defaultSeverity: "error",
  description: "A --database alias in a workspace script or task that DATABASES does not define.",
  run(project) {
    const dbs = readSettings(project).databases;
    const settingsDbs = readSettings(project).get("DATABASES");
    // Only when every alias is known: a dict whose keys are all literal.
    if (!dbs || settingsDbs?.k !== "dict" || settingsDbs.entries.some(([k]) => k.k !== "str" || k.maybe)) return [];
    const aliases = new Set(dbs.map((d) => d.alias));
    const out: Raw[] = [];
    for (const file of files(project)) {
      const text = project.index.text(file);
      if (!text) continue;
      const seen = new Set<number>();
      for (const re of [SHELL, JSON_ARGS]) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const alias = m[1];
          if (aliases.has(alias)) continue;
          const start = m.index + m[0].lastIndexOf(alias);
          if (seen.has(start)) continue; // a tasks.json line matches both forms
          seen.add(start);
          out.push({ file, range: rangeOf(text, start, start + alias.length), message: `The connection '${alias}' doesn't exist.`, data: { alias, known: [...aliases] } });
        }
      }
    }
    return out;
  },
};
