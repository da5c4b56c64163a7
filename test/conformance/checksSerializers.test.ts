// Conformance of the DRF serializer diagnostics (lens.drf-*) with the real Django REST framework:
// scripts/oracle_drf.py instantiates every ModelSerializer of each fixture and reads `.fields`;
// each error DRF raises must be one finding of ours, in the same serializer class with DRF's own
// message, and a serializer DRF accepts must have none. Under Django 5.2 and 4.2 (with their DRF).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type DjangoLine, FIXTURES, PYTHON, REPO, djangoPath, lens, requireDjango } from "./oracle";

const FIXTURE_NAMES = ["checks-serializers", "mysite"];

function drfOracle(version: DjangoLine, root: string): { serializers: { class: string; file: string; line: number; error: { type: string; message: string } | null }[] } {
  const out = execFileSync(PYTHON, [path.join(REPO, "scripts", "oracle_drf.py"), root], {
    env: { ...process.env, PYTHONPATH: djangoPath(version)!, PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
  });
  return JSON.parse(out);
}

/** AssertionError messages built from a tuple print as `("…",)`. */
const plain = (m: string) => m.replace(/^\("(.*)",\)$/s, "$1");

describe("conformance: ModelSerializer diagnostics agree with Django REST framework", function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(path.join(REPO, "dist", "cli.js"))) execFileSync(process.execPath, [path.join(REPO, "esbuild.mjs")], { cwd: REPO });
  });
  for (const version of ["5.2", "4.2"] as DjangoLine[]) {
    describe(`Django ${version}`, function () {
      before(function () {
        requireDjango(this, version);
      });
      for (const fixture of FIXTURE_NAMES) {
        it(fixture, function () {
          const root = path.join(FIXTURES, fixture);
          const truth = drfOracle(version, root).serializers.sort((a, b) => a.line - b.line);
          const ours = lens(["check", root, "--json", "--django-version", version]);
          const drf: { file: string; line: number; message: string }[] = ours.json.projects.flatMap((p: any) => p.diagnostics).filter((d: any) => d.code.startsWith("lens.drf-"));
          // Each of our findings falls inside exactly one serializer class: the last one starting at or before it.
          const owner = (d: { file: string; line: number }) => [...truth].reverse().find((t) => t.file === d.file && t.line <= d.line)?.class ?? null;
          const expected = truth.filter((t) => t.error).map((t) => `${t.class}: ${plain(t.error!.message)}`).sort();
          const actual = drf.map((d) => `${owner(d)}: ${d.message}`).sort();
          assert.deepEqual(actual, expected);
          if (fixture === "checks-serializers") assert.ok(expected.length >= 8, "the fixture exercises every DRF error we claim");
        });
      }
    });
  }
});
