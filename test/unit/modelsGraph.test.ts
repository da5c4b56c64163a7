// The model graph (Django's Options after all models load): reverse accessor and query names by
// Django's rules, forward fields across multi-table parents, reverse relations per target.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { modelGraph, reverseNames } from "../../server/src/analysis/models/graph";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";

const FIX = path.resolve(__dirname, "..", "..", "test-fixtures");

describe("model graph", () => {
  before(ensureParser);

  it("names reverse accessors and query names as Django does", () => {
    const g = modelGraph(new Workspace([path.join(FIX, "checks-relations")]).projects()[0]);
    const book = g.registry.get("library.Book")!;
    const names = (model: string, field: string) => {
      const m = g.registry.get(model)!;
      return reverseNames(m, m.fields.find((f) => f.name === field)!);
    };
    assert.deepEqual(names("library.Book", "author"), { hidden: false, accessor: "book_set", query: "book" });
    assert.deepEqual(names("library.Book", "editor"), { hidden: false, accessor: "edited", query: "edited" });
    assert.deepEqual(names("library.Review", "third"), { hidden: false, accessor: "others", query: "reviews" });
    // A symmetrical m2m to self has no accessor, and Django renames its related_name.
    assert.deepEqual(names("library.Person", "friends"), { hidden: true, accessor: null, query: "friends_rel_+" });
    assert.deepEqual(names("library.Person", "admirers"), { hidden: false, accessor: "admired", query: "admired" });
    const onAuthor = g.relatedObjects(g.registry.get("library.Author")!)!.map((r) => `${r.model.name}.${r.field.name}`);
    assert.ok(onAuthor.includes("Book.author") && onAuthor.includes("Review.second"), onAuthor.join());
    assert.ok(!onAuthor.some((n) => n.startsWith("Tag.")));
    assert.ok(g.forwardFields(book)!.some((f) => f.name === "id"));
  });

  it("includes the fields of multi-table parents, and the parent link's reverse accessor", () => {
    const g = modelGraph(new Workspace([path.join(FIX, "checks-model-inheritance")]).projects()[0]);
    const restaurant = g.registry.get("catalog.Restaurant")!;
    const names = g.forwardFields(restaurant)!.map((f) => f.name);
    assert.deepEqual(names.slice(0, 2), ["place_ptr", "serves_pizza"]);
    assert.ok(names.includes("name") && names.includes("created"));
    const place = g.registry.get("catalog.Place")!;
    const rev = g.relatedObjects(place)!.map((r) => r.names!.accessor);
    assert.ok(rev.includes("restaurant"), rev.join());
  });
});
