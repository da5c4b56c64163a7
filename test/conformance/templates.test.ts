// `django-lens templates` against the real Django's get_template(): on a fixture whose template
// folders shadow each other (two DIRS, two apps, an override of Django's admin in an app listed
// after it), the file Django loads and the candidates in loader order must be the same.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FIXTURES, type DjangoLine, lens, oracle, requireDjango } from "./oracle";

const ROOT = path.join(FIXTURES, "templates-shadow");
const NAMES = [
  "shared/page.html",
  "only_more.html",
  "blog/card.html",
  "blog/base.html",
  "blog/post.html",
  "shop/list.html",
  "admin/index.html",
  "admin/base_site.html",
  "admin/base.html",
  "nope/missing.html",
  "../tsite/settings.py",
];

for (const version of ["5.2", "4.2"] as DjangoLine[]) {
  describe(`conformance: templates (Django ${version})`, function () {
    this.timeout(60000);
    before(function () {
      requireDjango(this, version);
    });

    it("finds the same file and candidates as get_template() for every name", () => {
      const expected = oracle(version, "templates", ROOT, NAMES);
      assert.ok(!expected.crash, JSON.stringify(expected.crash));
      const ours = lens(["templates", ROOT, ...NAMES, "--json", "--details", "--django-version", version]);
      assert.equal(ours.code, 0, ours.stderr);
      const got = ours.json.projects[0].templates;
      for (const [i, want] of expected.templates.entries()) {
        const have = got[i];
        assert.equal(have.name, want.name);
        assert.equal(have.file, want.file, `file for ${want.name}`);
        assert.deepEqual(have.candidates, want.candidates, `candidates for ${want.name}`);
        // Where Django loads its own bundled template, we say which app's.
        if (want.external.file) assert.ok(have.external && want.external.file.includes(have.external.replace(/\./g, "/")), `${want.name}: ${have.external}`);
        else assert.equal(have.external, undefined, want.name);
      }
    });

    it("reports no template problem where Django's parser accepts the templates", () => {
      const ours = lens(["check", ROOT, "--json", "--django-version", version]);
      const templateFindings = ours.json.projects[0].diagnostics.filter((d: any) => d.file.endsWith(".html"));
      assert.deepEqual(templateFindings, []);
      // Django compiles each of them: get_template() above would have raised otherwise.
    });
  });
}
