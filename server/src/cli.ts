// The `django-lens` command line: the same core as the language server, for CI and any editor.
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureParser } from "./python/parser";
import { stderrLogger } from "./project/logger";
import { Workspace } from "./project/workspace";
import type { CliOptions, Command } from "./cli/common";
import { contractJson } from "./cli/contract";
import { projectCommand } from "./cli/projectCommand";
import { checkCommand } from "./cli/checkCommand";
import { resolveCommand } from "./cli/resolveCommand";
import { urlsCommand } from "./cli/urlsCommand";
import { migrationsCommand } from "./cli/migrationsCommand";
import { templatesCommand } from "./cli/templatesCommand";
import { VERSION } from "./version";

const COMMANDS: Record<string, { run: Command; summary: string; usage: string }> = {
  project: { run: projectCommand, summary: "settings module, ROOT_URLCONF, databases and apps of each project", usage: "project <dir>" },
  check: { run: checkCommand, summary: "model, field and settings diagnostics (Django's check IDs); exit 1 on errors", usage: "check <dir>" },
  urls: { run: urlsCommand, summary: "every URL pattern reachable from ROOT_URLCONF, in resolution order", usage: "urls <dir>" },
  resolve: { run: resolveCommand, summary: "the pattern and view Django would pick for each path", usage: "resolve <dir> <path>..." },
  migrations: { run: migrationsCommand, summary: "what makemigrations would write per app; --check fails on drift or conflicts", usage: "migrations <dir> [--check]" },
  templates: { run: templatesCommand, summary: "the file Django's loaders load for each template name, and the ones it shadows", usage: "templates <dir> [<name>...]" },
};

const HELP = () => `django-lens ${VERSION}: static analysis of Django projects

Usage: django-lens <command> <dir> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${c.usage.padEnd(32)}${c.summary}`)
  .join("\n")}

Options:
  --json                  machine-readable output (a stable contract, see README)
  --settings MODULE       the settings module, as Django's --settings
  --django-version X.Y    which Django's rules apply (default: detected)
  --details               with --json: add what goes beyond the contract (a view's module,
                          patterns under an undecidable if, what could not be read, …)
  --help, -h              this help
  --version, -v           the version

Exit codes: 0 fine, 1 findings (check/migrations --check), 2 usage error or no Django project.`;

export function parseArgs(argv: string[]): { command: string | null; opts: CliOptions } | { error: string } {
  const opts: CliOptions = { folder: "", json: false, details: false, settings: null, djangoVersion: null, check: false, rest: [] };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === "--json") opts.json = true;
      else if (a === "--check") opts.check = true;
      else if (a === "--details") opts.details = true;
      else if (a === "--settings" || a.startsWith("--settings=")) opts.settings = value();
      else if (a === "--django-version" || a.startsWith("--django-version=")) opts.djangoVersion = value();
      else if (a.startsWith("--")) return { error: `unknown option ${a}` };
      else positional.push(a);
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  const [command = null, folder, ...rest] = positional;
  opts.folder = path.resolve(folder ?? ".");
  opts.rest = rest;
  return { command, opts };
}

export async function main(argv: string[], out = (s: string) => process.stdout.write(s)): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h") || argv.length === 0) {
    out(HELP() + "\n");
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.includes("--version") || argv.includes("-v")) {
    out(VERSION + "\n");
    return 0;
  }
  const parsed = parseArgs(argv);
  if ("error" in parsed) {
    process.stderr.write(`django-lens: ${parsed.error}\n`);
    return 2;
  }
  const { command, opts } = parsed;
  const cmd = command ? COMMANDS[command] : undefined;
  if (!cmd) {
    process.stderr.write(`django-lens: unknown command ${command}\n\n${HELP()}\n`);
    return 2;
  }
  if (!fs.existsSync(opts.folder) || !fs.statSync(opts.folder).isDirectory()) {
    process.stderr.write(`django-lens: ${opts.folder} is not a folder\n`);
    return 2;
  }
  await ensureParser();
  const ws = new Workspace([opts.folder], () => ({ settingsModule: opts.settings, djangoVersion: opts.djangoVersion }), stderrLogger);
  if (ws.projects().length === 0) {
    process.stderr.write(`django-lens: no Django project (manage.py) found in ${opts.folder}\n`);
    return 2;
  }
  const result = cmd.run(ws, opts);
  const json = opts.details ? result.json : contractJson(command!, result.json);
  out(opts.json ? JSON.stringify(json, null, 2) + "\n" : result.text + "\n");
  return result.exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`django-lens: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(3);
    },
  );
}
