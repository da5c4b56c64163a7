// Django's URL checks (urls.*, 2_0.W001) against `manage.py check` as the oracle runs it, for
// fixtures that trigger them and fixtures that must stay clean. Build dist/cli.js first.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { type DjangoLine, FIXTURES, lens, oracle, requireDjango } from "./oracle";

const FIXTURE_NAMES = ["urls-checks", "urls-advanced", "mysite", "srclayout"];
const isUrlCheck = (id: string) => id.startsWith("urls.") || id.startsWith("2_0.");

for (const version of ["5.2", "4.2"] as DjangoLine[]) {
  describe(`URL checks conformance with Django ${version}`, function () {
    this.timeout(120000);
    for (const fixture of FIXTURE_NAMES) {
      it(`${fixture}: the same URL check IDs and messages as Django`, function () {
        requireDjango(this, version);
        const root = path.join(FIXTURES, fixture);
        const want = oracle(version, "checks", root);
        assert.ok(want.checks, `the oracle could not run checks: ${JSON.stringify(want)}`);
        const expected = want.checks.filter((c: any) => isUrlCheck(c.id)).map((c: any) => `${c.id} ${c.msg}`).sort();
        const out = lens(["check", root, "--json", "--django-version", version]);
        const got = out.json.projects[0].diagnostics.filter((d: any) => isUrlCheck(d.code)).map((d: any) => `${d.code} ${d.message}`).sort();
        assert.deepEqual(got, expected);
        if (fixture === "urls-checks") assert.equal(expected.length, 6, "the fixture triggers each check once");
      });
    }
  });
}
