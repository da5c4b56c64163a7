// The model registry on test-fixtures/checks-model-inheritance: abstract parents (fields and Meta
// inherited, %(class)s names filled per child), multi-table inheritance (the implicit parent link
// as primary key), proxies, "self"/"Model" strings and settings.AUTH_USER_MODEL.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { modelRegistry } from "../../server/src/analysis/models/registry";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";

const ROOT = path.resolve(__dirname, "..", "..", "test-fixtures", "checks-model-inheritance");

describe("model registry", () => {
  let registry: ReturnType<typeof modelRegistry>;
  before(async () => {
    await ensureParser();
    registry = modelRegistry(new Workspace([ROOT]).projects()[0]);
  });

  it("lists installed apps' models, Django's own included, and keeps abstract ones out of get()", () => {
    assert.ok(registry.get("auth.User"));
    assert.deepEqual(registry.appModels("catalog").map((m) => m.name), ["Place", "Restaurant", "Tag", "RecentPlace"]);
    assert.equal(registry.get("catalog.Timestamped"), undefined);
    assert.equal(registry.byPath("catalog.models.Timestamped")?.abstract, true);
  });

  it("inherits abstract fields first, then the model's own, with the implicit id", () => {
    const place = registry.get("catalog.place")!;
    assert.deepEqual(place.fields.map((f) => f.name), ["id", "created", "owner", "name", "parent"]);
    assert.equal(place.fields[0].implicit, "auto");
    assert.equal(place.fields[0].classPath, "django.db.models.BigAutoField");
    assert.equal(place.fields[3].classPath, "django.db.models.CharField");
    assert.deepEqual(place.meta.get("ordering")?.value, ["-created"]);
    assert.equal(place.meta.has("abstract"), false);
  });

  it("resolves relation targets and fills related_name placeholders per concrete model", () => {
    const place = registry.get("catalog.Place")!;
    const owner = place.fields.find((f) => f.name === "owner")!;
    assert.equal(owner.relation?.target, "auth.User");
    assert.equal(owner.relation?.relatedName, "catalog_place_owned");
    assert.equal(place.fields.find((f) => f.name === "parent")!.relation?.target, "catalog.Place");
    const tags = registry.get("catalog.Restaurant")!.fields.find((f) => f.name === "tags")!;
    assert.deepEqual([tags.relation?.kind, tags.relation?.target], ["m2m", "catalog.Tag"]);
  });

  it("gives a multi-table child its parent link as primary key, and a proxy no fields of its own", () => {
    const restaurant = registry.get("catalog.Restaurant")!;
    assert.deepEqual(restaurant.mtiParents, ["catalog.Place"]);
    assert.equal(restaurant.fields[0].name, "place_ptr");
    assert.equal(restaurant.fields[0].primaryKey, true);
    const proxy = registry.get("catalog.RecentPlace")!;
    assert.equal(proxy.proxy, true);
    assert.equal(proxy.proxyFor, "catalog.Place");
    assert.deepEqual(proxy.fields, []);
  });
});
