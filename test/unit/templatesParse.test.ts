// The template lexer and parser on their own: Django's tokenisation rules (no tag across lines,
// verbatim, comments), references, filters, and linear time on hostile input.
import * as assert from "node:assert/strict";
import { LineMap, tokenize } from "../../server/src/analysis/templates/lexer";
import { parseTemplate, tagAt } from "../../server/src/analysis/templates/parse";

describe("templates: lexer", () => {
  it("splits text, variables, tags and comments as Django's tag_re does", () => {
    const toks = tokenize('a{{ x|upper }}b{% if y %}c{# note #}{% endif %}');
    assert.deepEqual(
      toks.map((t) => [t.kind, t.contents]),
      [["text", "a"], ["var", "x|upper"], ["text", "b"], ["block", "if y"], ["text", "c"], ["comment", "note"], ["block", "endif"]],
    );
  });

  it("never lets a tag span lines, and takes the first closer", () => {
    const toks = tokenize("{% if\n x %}{% a %}%}");
    assert.deepEqual(toks.filter((t) => t.kind === "block").map((t) => t.contents), ["a"]);
  });

  it("treats everything inside verbatim as text, up to the matching end tag", () => {
    const toks = tokenize("{% verbatim v1 %}{% if %}{% endverbatim %}{{ x }}{% endverbatim v1 %}{{ y }}");
    assert.deepEqual(
      toks.filter((t) => t.kind !== "text").map((t) => t.contents),
      ["verbatim v1", "endverbatim v1", "y"],
    );
  });

  it("is linear on a 2 MB line full of unclosed openers", () => {
    const text = "{% {{ {# ".repeat(250_000);
    const started = Date.now();
    const toks = tokenize(text);
    assert.equal(toks.length, 1);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it("converts offsets to 0-based UTF-16 positions and back", () => {
    const map = new LineMap("ab\n€{% x %}\n");
    assert.deepEqual(map.position(4), { line: 1, character: 1 });
    assert.equal(map.offset({ line: 1, character: 1 }), 4);
  });
});

describe("templates: parser", () => {
  const doc = parseTemplate(
    [
      '{% extends "base.html" %}',
      "{% load static i18n %}{% load shout from blog_extras %}",
      "{% block content %}{{ a|lower|default:'x|y' }}{% if b|length > 1 %}{% endif %}",
      '{% include "part.html" with x=1 %}{% url "shop:list" as u %}{% url "home" %}',
      "{% static 'css/site.css' %}{% comment %}{% bogus %}{{ x|nope }}{% endcomment %}",
      "{% filter force_escape|lower %}x{% endfilter %}{% endblock %}",
    ].join("\n"),
  );

  it("reads extends, include, load, block, url and static references", () => {
    assert.equal(doc.extendsRef?.value, "base.html");
    assert.deepEqual(doc.includes.map((r) => r.value), ["part.html"]);
    assert.deepEqual(doc.loads.map((l) => [l.libraries.map((r) => r.value), l.only?.map((r) => r.value) ?? null]), [
      [["static", "i18n"], null],
      [["blog_extras"], ["shout"]],
    ]);
    assert.deepEqual(doc.blocks.map((b) => b.name.value), ["content"]);
    assert.deepEqual(doc.urls.map((u) => [u.name?.value, u.asVar]), [["shop:list", true], ["home", false]]);
    assert.deepEqual(doc.statics.map((s) => s.value), ["css/site.css"]);
    // The offsets cover the name inside its quotes.
    assert.equal(doc.text.slice(doc.extendsRef!.start, doc.extendsRef!.end), "base.html");
  });

  it("finds filters in variables and filter-taking tags, not in strings or comment blocks", () => {
    assert.deepEqual(doc.filters.map((f) => f.value), ["lower", "default", "length", "force_escape", "lower"]);
    assert.ok(!doc.tags.some((t) => t.name === "bogus"));
  });

  it("reports an unclosed {% comment %} instead of failing", () => {
    const d = parseTemplate("a{% comment %}{% if %}");
    assert.equal(d.unclosedComment?.name, "comment");
  });

  it("finds the tag under an offset", () => {
    const d = parseTemplate("xx{% if a %}yy{% endif %}");
    assert.equal(tagAt(d, 5)?.name, "if");
    assert.equal(tagAt(d, 13), undefined);
    assert.equal(tagAt(d, 16)?.name, "endif");
  });
});
