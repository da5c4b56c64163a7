// Runs scripts/oracle.py with a real Django (see ORACLE.md) and the CLI on the same fixture.
// Where no Django is available the conformance suites say so and do not run, except in CI,
// where they must run (CI=true makes a missing Django a failure).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(REPO, "test-fixtures");

export type DjangoLine = "5.2" | "4.2";

/** The PYTHONPATH holding Django `version`, or null when none is available. */
export function djangoPath(version: DjangoLine): string | null {
  const fromEnv = process.env.DJANGO_LENS_PYTHONPATH;
  if (fromEnv && version === "5.2") return fromEnv;
  const cached = path.join(REPO, ".cache", "django", version, "usr", "lib", "python3", "dist-packages");
  return fs.existsSync(path.join(cached, "django")) ? cached : null;
}

export const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** Skips the suite with a reason, or fails it in CI where Django must be present. */
export function requireDjango(ctx: Mocha.Context, version: DjangoLine): string {
  const p = djangoPath(version);
  if (p) return p;
  const why = `Django ${version} not available: run scripts/get-django.sh or set DJANGO_LENS_PYTHONPATH`;
  if (process.env.CI) throw new Error(why);
  console.warn(`    conformance tests did not run: ${why}`);
  ctx.skip();
  return "";
}

export function oracle(version: DjangoLine, command: string, root: string, args: string[] = []): any {
  const pp = djangoPath(version);
  if (!pp) throw new Error(`no Django ${version}`);
  const out = execFileSync(PYTHON, [path.join(REPO, "scripts", "oracle.py"), command, root, ...args], {
    env: { ...process.env, PYTHONPATH: pp, PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** Runs the built CLI (dist/cli.js) and returns its exit code and parsed JSON. */
export function lens(args: string[]): { code: number; json: any; stdout: string; stderr: string } {
  const cli = path.join(REPO, "dist", "cli.js");
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, json: safeJson(stdout), stdout, stderr: "" };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, json: safeJson(e.stdout), stdout: e.stdout, stderr: e.stderr };
  }
}

function safeJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
