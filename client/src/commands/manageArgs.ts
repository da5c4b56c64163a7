// The argv of each manage.py command the client runs. Pure (no `vscode`), unit-tested: every
// value a user types or a project names (app label, migration, database alias, test label, port)
// is one argv element, passed to the process without a shell, so spaces, quotes, `;`, `$(...)` and
// backticks reach Django literally. Options come first and a positional that starts with "-" is
// preceded by "--" so argparse cannot take it for an option.

export type ManageCommand =
  | { name: "makemigrations"; app?: string }
  | { name: "migrate"; app?: string; migration?: string; database?: string }
  | { name: "showmigrations"; app?: string; database?: string }
  | { name: "sqlmigrate"; app: string; migration: string; database?: string; backwards?: boolean }
  | { name: "runserver"; port?: string | number; host?: string }
  | { name: "test"; labels?: string[]; verbosity?: number; testRunner?: string | null; noInput?: boolean }
  | { name: "check"; deploy?: boolean }
  | { name: "shell" }
  | { name: "createsuperuser"; database?: string }
  | { name: "collectstatic"; noInput?: boolean }
  | { name: "startapp"; app: string }
  | { name: "custom"; args: string[] };

function withPositionals(options: string[], positionals: (string | undefined)[]): string[] {
  const pos = positionals.filter((p): p is string => p !== undefined && p !== "");
  return pos.some((p) => p.startsWith("-")) ? [...options, "--", ...pos] : [...options, ...pos];
}

const db = (alias: string | undefined): string[] => (alias ? [`--database=${alias}`] : []);

/** The arguments after `manage.py`. */
export function manageArgs(cmd: ManageCommand): string[] {
  switch (cmd.name) {
    case "makemigrations":
      return ["makemigrations", ...withPositionals([], [cmd.app])];
    case "migrate":
      // A migration without an app means nothing to Django: drop it rather than misplace it.
      return ["migrate", ...withPositionals(db(cmd.database), [cmd.app, cmd.app ? cmd.migration : undefined])];
    case "showmigrations":
      return ["showmigrations", ...withPositionals(["--list", ...db(cmd.database)], [cmd.app])];
    case "sqlmigrate":
      return ["sqlmigrate", ...withPositionals([...db(cmd.database), ...(cmd.backwards ? ["--backwards"] : [])], [cmd.app, cmd.migration])];
    case "runserver": {
      const port = cmd.port === undefined || cmd.port === "" ? undefined : String(cmd.port);
      const addr = port && cmd.host ? `${cmd.host}:${port}` : port;
      return ["runserver", ...withPositionals([], [addr])];
    }
    case "test": {
      const opts = [`--verbosity=${cmd.verbosity ?? 2}`];
      if (cmd.noInput !== false) opts.push("--noinput");
      if (cmd.testRunner) opts.push(`--testrunner=${cmd.testRunner}`);
      return ["test", ...withPositionals(opts, cmd.labels ?? [])];
    }
    case "check":
      return ["check", ...(cmd.deploy ? ["--deploy"] : [])];
    case "shell":
      return ["shell"];
    case "createsuperuser":
      return ["createsuperuser", ...db(cmd.database)];
    case "collectstatic":
      return ["collectstatic", ...(cmd.noInput ? ["--noinput"] : [])];
    case "startapp":
      return ["startapp", ...withPositionals([], [cmd.app])];
    case "custom":
      return [...cmd.args];
  }
}

/** The full argv: interpreter, manage.py, then the command's arguments. */
export function manageArgv(python: string, managePy: string, cmd: ManageCommand): { command: string; args: string[] } {
  return { command: python, args: [managePy, ...manageArgs(cmd)] };
}

/** A label for terminals and task names (display only: never parsed by a shell). */
export function describe(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

/** Django's own rule for startapp names (a Python identifier): checked before running. */
export function validAppName(name: string): string | null {
  if (!name) return "Enter a name";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'${name}' is not a valid app name: use a Python identifier`;
  return null;
}

/** A port for runserver: 1–65535, or an `addr:port`. */
export function validPort(value: string): string | null {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return `'${value}' is not a port (1–65535) or addr:port`;
  return null;
}
