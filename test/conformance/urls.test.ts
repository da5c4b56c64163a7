// The URL map and the resolver against the real Django (scripts/oracle.py `urls` and `resolve`),
// for every URL-bearing fixture and both supported Django lines. Build dist/cli.js first
// (`node esbuild.mjs`).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { type DjangoLine, FIXTURES, lens, oracle, requireDjango } from "./oracle";

interface Case {
  fixture: string;
  /** Request paths for resolve(), matching and not. */
  paths: string[];
  /** Paths where we expect to say "uncertain" (custom converter code decides). */
  uncertain?: string[];
}

const CASES: Case[] = [
  {
    fixture: "mysite",
    paths: [
      "/", "/shop/", "/shop/products/5/", "/shop/products/007/buy/", "/shop/products/x/", "/shop/category/tea-cups/",
      "/shop/category/tea cups/", "/shop/orders/12/", "/shop/api/products/", "/shop/api/products.json",
      "/shop/api/products/3/", "/shop/api/products/3.api", "/shop/api/", "/shop/api/.json", "/users/login/",
      "/users/alice/", "/users/alice", "/users/a/b/", "/admin/", "/admin/shop/product/", "/admin/shop/product/7/change/",
      "/admin/users/user/3/password/", "/admin/shop/", "/admin/anything/else", "/media/img/a.png", "/nope/", "", "shop/",
    ],
  },
  {
    fixture: "urls-advanced",
    paths: [
      "/first/", "/", "/blog/", "/blog/hello-world/", "/blog/2024/", "/blog/2024/05/", "/blog/2024/5/17/", "/archive/2024/",
      "/archive/x y/", "/catalog/items/12345678-1234-5678-1234-567812345678/", "/catalog/items/12345678-1234-5678-1234-56781234567G/",
      "/catalog/items/ABCDEF12-1234-5678-1234-567812345678/", "/catalog/search/", "/catalog/docs/a/b.html", "/catalog/x.htm",
      "/api/v1/books/", "/api/v1/books.json", "/api/v1/books/recent_books/", "/api/v1/books/my-book/", "/api/v1/books/my-book/set-price/",
      "/api/v1/authors/12/", "/api/v1/authors/ab/", "/api/v1/authors/12/books/", "/api/v1/", "/api/v1/.json", "/api/v1/simple/stats",
      "/api/v1/simple/stats/", "/legacy/ab12/", "/LEGACY/AB12/", "/digits/123/", "/digits/١٢٣/", "/digits/12a/", "/words/héllo_1/",
      "/words/a-b/", "/twice/12-12/", "/twice/12-13/", "/opt/", "/opt/3/", "/pos/1/2/", "/nl/abc", "/nl/abc\n", "/prefix-and-more/x",
      "/extra/", "/override/5/", "/more/reports/2024/", "/more/reports/24/", "/more/hex/beef/", "/redirect/", "/en-us/about/",
      "/about/", "/fr/about/", "/debug/", "/appended/", "/appended", "/blog/2024/05",
    ],
    uncertain: ["/more/hex/beef/"],
  },
  {
    fixture: "srclayout",
    paths: ["/", "/hello/", "/accounts/me/", "/accounts/me", "/admin/blog/post/", "/admin/doc/"],
  },
  { fixture: "multi/alpha", paths: ["/notes/", "/events/"] },
  { fixture: "multi/beta", paths: ["/notes/", "/events/"] },
];

/** The oracle's kwargs values in our form: Python's str() of the value. */
function pyStr(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  return String(v);
}

function viewOf(v: any): unknown {
  return v ? { file: v.file, line: v.line, symbol: v.symbol } : null;
}

for (const version of ["5.2", "4.2"] as DjangoLine[]) {
  describe(`URL conformance with Django ${version}`, function () {
    this.timeout(120000);
    for (const c of CASES) {
      describe(c.fixture, function () {
        const root = path.join(FIXTURES, c.fixture);
        let expected: any;
        let actual: any;
        before(function () {
          requireDjango(this, version);
          expected = oracle(version, "urls", root);
          assert.ok(!expected.crash, `the oracle could not load ${c.fixture}: ${JSON.stringify(expected.crash)}`);
          const out = lens(["urls", root, "--json", "--details", "--django-version", version]);
          assert.equal(out.code, 0, out.stderr);
          actual = out.json.projects[0];
        });

        it("lists every pattern with Django's route, name and view, in resolution order", function () {
          const want = expected.urls.map((u: any) => ({ route: u.route, name: u.name, view: viewOf(u.view) }));
          const got = actual.urls.map((u: any) => ({ route: u.route, name: u.name, view: viewOf(u.view) }));
          assert.deepEqual(got, want);
          assert.equal(actual.incomplete, undefined, "a fixture Django loads fully should be read fully");
        });

        it("names the module that defines each view", function () {
          for (let i = 0; i < expected.urls.length; i++) {
            const want = expected.urls[i].view;
            const got = actual.urls[i].view;
            if (want?.file) assert.equal(got.module, want.module, `module of ${want.symbol}`);
          }
        });

        it("resolves request paths as django.urls.resolve() does", function () {
          const want = oracle(version, "resolve", root, c.paths).resolved;
          const out = lens(["resolve", root, ...c.paths, "--json", "--details", "--django-version", version]);
          assert.equal(out.code, 0, out.stderr);
          const got = out.json.projects[0].resolved;
          assert.equal(got.length, want.length);
          for (let i = 0; i < want.length; i++) {
            const w = want[i];
            const g = got[i];
            if (c.uncertain?.includes(w.path)) {
              assert.ok(g.uncertain, `${JSON.stringify(w.path)} should be reported as uncertain`);
              continue;
            }
            assert.equal(g.uncertain, undefined, `${JSON.stringify(w.path)}: unexpected uncertainty ${g.uncertain}`);
            const norm = (m: any, kwargs: Record<string, unknown>) =>
              m && { route: m.route, name: m.name, view: viewOf(m.view), kwargs: Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, pyStr(v)])) };
            assert.deepEqual(norm(g.match, g.match?.kwargs ?? {}), norm(w.match, w.match?.kwargs ?? {}), `resolve(${JSON.stringify(w.path)})`);
          }
        });
      });
    }
  });
}
