// Per-test results of a `manage.py test` run, from unittest's verbosity-2 output (what Django's
// DiscoverRunner prints) or from xmlrunner's JUnit XML reports. Pure (no `vscode`), unit-tested.

export type Outcome = "passed" | "failed" | "errored" | "skipped";

export interface TestResult {
  /** Dotted `module.Class.method`, the id the test explorer uses. */
  id: string;
  outcome: Outcome;
  message?: string;
  /** The whole traceback, for the output. */
  details?: string;
  /** Where it failed in the test's own file: the deepest frame of that file. */
  location?: { file: string; line: number };
  durationMs?: number;
}

const STATUS: Record<string, Outcome> = {
  ok: "passed",
  FAIL: "failed",
  ERROR: "errored",
  "expected failure": "passed",
  "unexpected success": "failed",
};

/**
 * The test named in unittest's `str(test)`: `test_x (pkg.mod.Class.test_x)` (Python 3.11+) or
 * `test_x (pkg.mod.Class)` (older), with a sub-test's parameters after it.
 */
export function testIdOf(description: string): string | null {
  const m = /^(\w+) \(([\w.]+)\)/.exec(description.trim());
  if (!m) return null;
  const [, method, qual] = m;
  return qual.endsWith(`.${method}`) ? qual : `${qual}.${method}`;
}

export function parseVerboseOutput(output: string): TestResult[] {
  const lines = output.split(/\r?\n/);
  const byId = new Map<string, TestResult>();
  const set = (r: TestResult) => {
    const prev = byId.get(r.id);
    // A failing sub-test or a later ERROR (tearDown) wins over an earlier "ok".
    if (!prev || prev.outcome === "passed" || r.message) byId.set(r.id, { ...prev, ...r });
  };
  let pending: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // A result line: `test_x (mod.Class.test_x) ... ok`; with a docstring the description is on
    // the line before and the docstring's first line carries the " ... " part.
    const res = /^(.*?) \.\.\. (ok|FAIL|ERROR|skipped(?: .*)?|expected failure|unexpected success)\s*$/.exec(line);
    if (res) {
      const id = testIdOf(res[1]) ?? pending;
      pending = null;
      if (!id) continue;
      const status = res[2];
      if (status.startsWith("skipped")) set({ id, outcome: "skipped", message: unquote(status.slice(8).trim()) || undefined });
      else set({ id, outcome: STATUS[status] });
      continue;
    }
    const started = /^(\w+ \([\w.]+\).*?)(?: \.\.\. (.*))?$/.exec(line);
    if (started && testIdOf(started[1])) {
      pending = testIdOf(started[1]);
      // Output the test printed after " ... " and before its status: the status follows later,
      // on a line of its own.
      if (started[2] !== undefined) pendingStatusFrom(lines, i, pending, set);
      continue;
    }
    const header = /^(FAIL|ERROR): (.+)$/.exec(line);
    if (header && i > 0 && /^={20,}$/.test(lines[i - 1])) {
      const id = testIdOf(header[2]);
      const body: string[] = [];
      // The docstring's first line may sit between the header and the "-----" line.
      let j = i + 1;
      while (j < lines.length && j < i + 4 && !/^-{20,}$/.test(lines[j])) j++;
      j++;
      for (; j < lines.length; j++) {
        if (/^={20,}$/.test(lines[j]) || (/^-{20,}$/.test(lines[j]) && /^Ran \d+ tests?/.test(lines[j + 1] ?? ""))) break;
        body.push(lines[j]);
      }
      i = j - 1;
      if (!id) continue;
      const details = body.join("\n").trimEnd();
      set({ id, outcome: header[1] === "FAIL" ? "failed" : "errored", message: exceptionMessage(details), details, location: failureLocation(details, id) });
    }
  }
  return [...byId.values()];
}

/** For `test ... <printed output>` followed later by a bare status line. */
function pendingStatusFrom(lines: string[], i: number, id: string | null, set: (r: TestResult) => void): void {
  if (!id) return;
  for (let j = i + 1; j < Math.min(lines.length, i + 200); j++) {
    const s = lines[j].trim();
    if (s in STATUS) return set({ id, outcome: STATUS[s] });
    if (/^skipped/.test(s)) return set({ id, outcome: "skipped" });
    if (/ \.\.\. /.test(lines[j]) || /^={20,}$/.test(lines[j])) return;
  }
}

function unquote(s: string): string {
  return s.replace(/^'(.*)'$/s, "$1").replace(/^"(.*)"$/s, "$1");
}

/** The exception line(s) at the end of a traceback: `AssertionError: 1 != 2` and what follows. */
export function exceptionMessage(traceback: string): string {
  const lines = traceback.split("\n");
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s+File "/.test(lines[i])) start = -1;
    else if (start < 0 && /^[A-Za-z_][\w.]*(Error|Exception|Failure|Exit|Interrupt|Warning)?\b(:|$)/.test(lines[i]) && !/^Traceback /.test(lines[i])) start = i;
  }
  const msg = (start >= 0 ? lines.slice(start) : lines).join("\n").trim();
  return msg || traceback.trim();
}

/** The deepest frame in the test's module file (by its dotted module path), else the deepest frame. */
export function failureLocation(traceback: string, id: string): { file: string; line: number } | undefined {
  const frames = [...traceback.matchAll(/^\s+File "([^"]+)", line (\d+)/gm)].map((m) => ({ file: m[1], line: Number(m[2]) }));
  if (!frames.length) return undefined;
  const parts = id.split(".");
  // The module is the id minus Class.method; its file ends with mod/path.py or mod/path/__init__.py.
  const modPath = parts.slice(0, -2).join("/");
  const inTest = frames.filter((f) => f.file.replace(/\\/g, "/").endsWith(`${modPath}.py`) || f.file.replace(/\\/g, "/").endsWith(`${modPath}/__init__.py`));
  return (inTest.length ? inTest : frames)[(inTest.length ? inTest : frames).length - 1];
}

// ---- xmlrunner (unittest-xml-reporting) JUnit XML ---------------------------------------------

function decodeEntities(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = decodeEntities(m[3] ?? m[4] ?? "");
  return out;
}

/** Every `<testcase>` of a JUnit XML report (xmlrunner writes one file per class, or one in all). */
export function parseJUnitXml(xml: string): TestResult[] {
  const out: TestResult[] = [];
  for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const a = attrs(m[1]);
    if (!a.name) continue;
    // xmlrunner writes classname "pkg.mod.Class" and name "test_x" (sub-tests: "test_x (i=1)").
    const method = a.name.split(" ")[0];
    const id = a.classname ? `${a.classname}.${method}` : method;
    const body = m[3] ?? "";
    const problem = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    const skipped = /<skipped\b([^>]*?)(?:\/>|>([\s\S]*?)<\/skipped>)/.exec(body);
    const durationMs = a.time ? Math.round(Number(a.time) * 1000) : undefined;
    let r: TestResult;
    if (problem) {
      const pa = attrs(problem[2]);
      const details = decodeEntities(problem[3] ?? "").trim();
      r = {
        id,
        outcome: problem[1] === "failure" ? "failed" : "errored",
        message: details ? exceptionMessage(details) : pa.message || pa.type,
        details: details || undefined,
        location: details ? failureLocation(details, id) : a.file && a.line ? { file: a.file, line: Number(a.line) } : undefined,
      };
    } else if (skipped) r = { id, outcome: "skipped", message: attrs(skipped[1]).message || undefined };
    else r = { id, outcome: "passed" };
    if (durationMs !== undefined && Number.isFinite(durationMs)) r.durationMs = durationMs;
    const prev = out.findIndex((x) => x.id === id);
    if (prev < 0) out.push(r);
    else if (out[prev].outcome === "passed") out[prev] = r;
  }
  return out;
}

/** The project's TEST_RUNNER is unittest-xml-reporting's: its XML reports are the results. */
export function isXmlRunner(testRunner: string | null | undefined): boolean {
  return !!testRunner && /^xmlrunner\b/.test(testRunner);
}
