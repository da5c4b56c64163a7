// Runs manage.py and captures its output, for the commands whose output the client parses
// (showmigrations, tests). spawn() with an argv array and no shell; both streams are forwarded
// line-agnostic to `onData` (Django prints test results on stderr) and kept for the result.
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as vscode from "vscode";
import { interpreterFor } from "../python/pythonInterpreter";
import { manageEnv } from "./manageTask";

export interface Captured {
  code: number | null;
  output: string;
  /** Set when the process could not start (no interpreter, …). */
  error?: string;
}

export async function runCaptured(
  managePy: string,
  args: string[],
  opts: { onData?: (text: string) => void; token?: vscode.CancellationToken } = {},
): Promise<Captured> {
  const root = path.dirname(managePy);
  const python = await interpreterFor(root);
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(python.command, [managePy, ...args], {
      cwd: root,
      env: { ...process.env, ...manageEnv(vscode.Uri.file(root)) },
      shell: false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const onData = (b: Buffer) => {
      const s = b.toString("utf8");
      output += s;
      opts.onData?.(s);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const cancel = opts.token?.onCancellationRequested(() => child.kill("SIGTERM"));
    child.on("error", (err) => {
      cancel?.dispose();
      resolve({ code: null, output, error: `${python.command}: ${err.message}` });
    });
    child.on("close", (code) => {
      cancel?.dispose();
      resolve({ code, output });
    });
  });
}
