// Django's built-in template tags and filters (always available) and the libraries Django ships
// for `{% load %}`, with one-line descriptions and the block structure of the block tags. Names
// were read from the real Django 4.2 and 5.2 (`engine.template_builtins`,
// `get_installed_libraries()`); the version marks say where they differ.

export interface TagInfo {
  name: string;
  description: string;
  /** For block tags: the closing tag(s) and the tags allowed in between. */
  end?: string[];
  middle?: string[];
  /** First and last Django version (major.minor) that has it. */
  since?: string;
  until?: string;
}

export interface FilterInfo {
  name: string;
  description: string;
  since?: string;
  until?: string;
}

export interface BuiltinLibrary {
  name: string;
  /** The module Django imports for it. */
  module: string;
  /** The Django app that must be installed (null: always available). */
  app: string | null;
  tags: TagInfo[];
  filters: FilterInfo[];
}

const t = (name: string, description: string, extra: Partial<TagInfo> = {}): TagInfo => ({ name, description, ...extra });
const f = (name: string, description: string, extra: Partial<FilterInfo> = {}): FilterInfo => ({ name, description, ...extra });

export const BUILTIN_TAGS: TagInfo[] = [
  t("autoescape", "Turns auto-escaping on or off for the enclosed block.", { end: ["endautoescape"] }),
  t("block", "Defines a block that child templates can override.", { end: ["endblock"] }),
  t("comment", "Ignores everything up to {% endcomment %}.", { end: ["endcomment"] }),
  t("csrf_token", "Outputs the hidden CSRF token input for POST forms."),
  t("cycle", "Produces one of its arguments each time the tag is met, cycling through them."),
  t("debug", "Outputs debugging information: the current context and imported modules."),
  t("extends", "Declares the parent template this template extends; must be the first tag."),
  t("filter", "Passes the block's contents through one or more filters.", { end: ["endfilter"] }),
  t("firstof", "Outputs the first argument variable that is true."),
  t("for", "Loops over each item of a sequence.", { end: ["endfor"], middle: ["empty"] }),
  t("if", "Renders the block if the condition is true.", { end: ["endif"], middle: ["elif", "else"] }),
  t("ifchanged", "Renders its content only if it changed since the last loop iteration.", { end: ["endifchanged"], middle: ["else"] }),
  t("include", "Loads a template and renders it with the current context."),
  t("load", "Loads a custom template tag library."),
  t("lorem", "Outputs random 'lorem ipsum' Latin text."),
  t("now", "Outputs the current date and time in the given format."),
  t("querystring", "Outputs a URL-encoded query string from the request's GET parameters, modified.", { since: "5.1" }),
  t("regroup", "Regroups a list of alike objects by a common attribute."),
  t("resetcycle", "Resets a previous {% cycle %} so it restarts from its first item."),
  t("spaceless", "Removes whitespace between HTML tags in the block.", { end: ["endspaceless"] }),
  t("templatetag", "Outputs one of the characters used to compose template tags ({%, }}, …)."),
  t("url", "Returns an absolute path reference matching a view name and optional arguments."),
  t("verbatim", "Stops the template engine from rendering the contents of this block.", { end: ["endverbatim"] }),
  t("widthratio", "Computes the ratio of a value to a maximum value, for bar charts and the like."),
  t("with", "Caches a complex variable under a simpler name for the block.", { end: ["endwith"] }),
];

export const BUILTIN_FILTERS: FilterInfo[] = [
  f("add", "Adds the argument to the value."),
  f("addslashes", "Adds backslashes before quotes."),
  f("capfirst", "Capitalizes the first character of the value."),
  f("center", "Centers the value in a field of the given width."),
  f("cut", "Removes all values of the argument from the string."),
  f("date", "Formats a date according to the given format."),
  f("default", "Uses the given default if the value evaluates to False."),
  f("default_if_none", "Uses the given default only if the value is None."),
  f("dictsort", "Sorts a list of dictionaries by the given key."),
  f("dictsortreversed", "Sorts a list of dictionaries by the given key, in reverse order."),
  f("divisibleby", "Returns True if the value is divisible by the argument."),
  f("escape", "Escapes a string's HTML (applied once, at output)."),
  f("escapejs", "Escapes characters for use in JavaScript strings."),
  f("escapeseq", "Applies the escape filter to each element of a sequence.", { since: "5.0" }),
  f("filesizeformat", "Formats a byte count as a human-readable file size (13 KB, 4.1 MB)."),
  f("first", "Returns the first item of a list."),
  f("floatformat", "Rounds a number to the given number of decimal places."),
  f("force_escape", "Applies HTML escaping immediately."),
  f("get_digit", "Returns the requested digit of a whole number, 1 being the rightmost."),
  f("iriencode", "Converts an IRI to a string suitable for a URL."),
  f("join", "Joins a list with the given string."),
  f("json_script", "Outputs a Python object as JSON inside a <script> tag."),
  f("last", "Returns the last item of a list."),
  f("length", "Returns the length of the value."),
  f("length_is", "Returns True if the value's length is the argument.", { until: "5.0" }),
  f("linebreaks", "Replaces line breaks with <p> and <br> tags."),
  f("linebreaksbr", "Converts all newlines to <br> tags."),
  f("linenumbers", "Displays text with line numbers."),
  f("ljust", "Left-aligns the value in a field of the given width."),
  f("lower", "Converts a string into all lowercase."),
  f("make_list", "Returns the value turned into a list."),
  f("phone2numeric", "Converts a phone number with letters to its numeric equivalent."),
  f("pluralize", "Returns a plural suffix if the value is not 1."),
  f("pprint", "A wrapper around pprint.pprint, for debugging."),
  f("random", "Returns a random item from the given list."),
  f("rjust", "Right-aligns the value in a field of the given width."),
  f("safe", "Marks a string as not requiring further HTML escaping."),
  f("safeseq", "Applies the safe filter to each element of a sequence."),
  f("slice", "Returns a slice of the list, with Python's slice syntax."),
  f("slugify", "Converts to ASCII, lowercases, and replaces spaces with hyphens."),
  f("stringformat", "Formats the value with a %-style format specifier."),
  f("striptags", "Strips all [X]HTML tags."),
  f("time", "Formats a time according to the given format."),
  f("timesince", "Formats a date as the time since that date (4 days, 6 hours)."),
  f("timeuntil", "Measures the time from now until the given date or datetime."),
  f("title", "Converts a string into titlecase."),
  f("truncatechars", "Truncates a string to the given number of characters."),
  f("truncatechars_html", "Truncates a string to the given number of characters, keeping HTML tags closed."),
  f("truncatewords", "Truncates a string after the given number of words."),
  f("truncatewords_html", "Truncates a string after the given number of words, keeping HTML tags closed."),
  f("unordered_list", "Turns a nested list into an HTML unordered list, without the outer <ul>."),
  f("upper", "Converts a string into all uppercase."),
  f("urlencode", "Escapes a value for use in a URL."),
  f("urlize", "Converts URLs and email addresses in text into clickable links."),
  f("urlizetrunc", "Like urlize, but truncates link text longer than the given length."),
  f("wordcount", "Returns the number of words."),
  f("wordwrap", "Wraps words at the given line length."),
  f("yesno", "Maps True, False and None to the given strings (\"yeah,no,maybe\")."),
];

export const DJANGO_LIBRARIES: BuiltinLibrary[] = [
  {
    name: "cache",
    module: "django.templatetags.cache",
    app: null,
    tags: [t("cache", "Caches the contents of the block for the given time.", { end: ["endcache"] })],
    filters: [],
  },
  {
    name: "i18n",
    module: "django.templatetags.i18n",
    app: null,
    tags: [
      t("blocktrans", "Marks a block of text with variables for translation (alias of blocktranslate).", { end: ["endblocktrans"], middle: ["plural"] }),
      t("blocktranslate", "Marks a block of text with variables for translation.", { end: ["endblocktranslate"], middle: ["plural"] }),
      t("get_available_languages", "Stores the list of LANGUAGES in a context variable."),
      t("get_current_language", "Stores the current language code in a context variable."),
      t("get_current_language_bidi", "Stores whether the current language is right-to-left."),
      t("get_language_info", "Stores information about a language in a context variable."),
      t("get_language_info_list", "Stores information about a list of languages."),
      t("language", "Activates the given language for the enclosed block.", { end: ["endlanguage"] }),
      t("trans", "Translates a constant string or variable (alias of translate)."),
      t("translate", "Translates a constant string or variable."),
    ],
    filters: [
      f("language_bidi", "True if the language is right-to-left."),
      f("language_name", "The language's name in English."),
      f("language_name_local", "The language's name in that language."),
      f("language_name_translated", "The language's name in the active language."),
    ],
  },
  {
    name: "l10n",
    module: "django.templatetags.l10n",
    app: null,
    tags: [t("localize", "Turns localization of values on or off for the block.", { end: ["endlocalize"] })],
    filters: [f("localize", "Forces localization of a single value."), f("unlocalize", "Forces a single value to be printed without localization.")],
  },
  {
    name: "static",
    module: "django.templatetags.static",
    app: null,
    tags: [
      t("get_media_prefix", "Outputs (or stores) the MEDIA_URL setting."),
      t("get_static_prefix", "Outputs (or stores) the STATIC_URL setting."),
      t("static", "Links to a static file through the configured storage (STATIC_URL)."),
    ],
    filters: [],
  },
  {
    name: "tz",
    module: "django.templatetags.tz",
    app: null,
    tags: [
      t("get_current_timezone", "Stores the name of the current time zone in a context variable."),
      t("localtime", "Turns conversion of datetimes to the current time zone on or off.", { end: ["endlocaltime"] }),
      t("timezone", "Sets the current time zone for the enclosed block.", { end: ["endtimezone"] }),
    ],
    filters: [
      f("localtime", "Converts a datetime to the current time zone."),
      f("timezone", "Converts a datetime to the given time zone."),
      f("utc", "Converts a datetime to UTC."),
    ],
  },
  {
    name: "humanize",
    module: "django.contrib.humanize.templatetags.humanize",
    app: "django.contrib.humanize",
    tags: [],
    filters: [
      f("apnumber", "Spells out numbers 1–9 (Associated Press style)."),
      f("intcomma", "Adds thousands separators to an integer."),
      f("intword", "Converts a large integer to a friendly form (1.0 million)."),
      f("naturalday", "Says 'today', 'tomorrow' or 'yesterday' for dates near now."),
      f("naturaltime", "Says how long ago (or until) a datetime is ('3 minutes ago')."),
      f("ordinal", "Converts an integer to its ordinal (1st, 2nd, …)."),
    ],
  },
  {
    name: "flatpages",
    module: "django.contrib.flatpages.templatetags.flatpages",
    app: "django.contrib.flatpages",
    tags: [t("get_flatpages", "Stores the list of flatpages in a context variable.")],
    filters: [],
  },
  ...["admin_list", "admin_modify", "admin_urls", "log"].map(
    (name): BuiltinLibrary => ({ name, module: `django.contrib.admin.templatetags.${name}`, app: "django.contrib.admin", tags: [], filters: [] }),
  ),
];

// The admin's libraries are for the admin's own templates; their names only, no descriptions.
const ADMIN_NAMES: Record<string, { tags: string[]; filters: string[] }> = {
  admin_list: {
    tags: ["admin_actions", "admin_list_filter", "change_list_object_tools", "date_hierarchy", "pagination", "paginator_number", "result_list", "search_form"],
    filters: [],
  },
  admin_modify: { tags: ["change_form_object_tools", "prepopulated_fields_js", "submit_row"], filters: ["cell_count"] },
  admin_urls: { tags: ["add_preserved_filters"], filters: ["admin_urlname", "admin_urlquote"] },
  log: { tags: ["get_admin_log"], filters: [] },
};
for (const lib of DJANGO_LIBRARIES) {
  const names = ADMIN_NAMES[lib.name];
  if (!names) continue;
  lib.tags = names.tags.map((n) => t(n, `Admin template tag from {% load ${lib.name} %}.`));
  lib.filters = names.filters.map((n) => f(n, `Admin template filter from {% load ${lib.name} %}.`));
}

/** Whether a versioned entry exists in Django `major.minor` (unknown version: it exists). */
export function inVersion(e: { since?: string; until?: string }, version: { major: number; minor: number } | null): boolean {
  if (!version) return true;
  const v = version.major * 100 + version.minor;
  const num = (s: string) => Number(s.split(".")[0]) * 100 + Number(s.split(".")[1]);
  if (e.since && v < num(e.since)) return false;
  if (e.until && v > num(e.until)) return false;
  return true;
}

/** Every end and middle tag name of the known block tags, mapped to the tags they belong to. */
export function blockStructure(tags: Iterable<TagInfo>): Map<string, { opener: string; role: "end" | "middle" }[]> {
  const out = new Map<string, { opener: string; role: "end" | "middle" }[]>();
  for (const tag of tags) {
    for (const e of tag.end ?? []) out.set(e, [...(out.get(e) ?? []), { opener: tag.name, role: "end" }]);
    for (const m of tag.middle ?? []) out.set(m, [...(out.get(m) ?? []), { opener: tag.name, role: "middle" }]);
  }
  return out;
}
