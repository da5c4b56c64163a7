// Django's own URLconfs that projects include by dotted name (`include("django.contrib.auth.urls")`),
// written out as Django 4.2/5.2 define them, so such includes do not leave the map incomplete.
import { atLeast } from "../../project/djangoVersion";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import type { LocalEntry } from "./types";

type Row = [kind: "route" | "regex", pattern: string, module: string, symbol: string, name: string | null];

function rows(project: DjangoProject, module: string): Row[] | null {
  const v = project.djangoVersion();
  switch (module) {
    case "django.contrib.auth.urls": {
      const m = "django.contrib.auth.views";
      return [
        ["route", "login/", m, "LoginView", "login"],
        ["route", "logout/", m, "LogoutView", "logout"],
        ["route", "password_change/", m, "PasswordChangeView", "password_change"],
        ["route", "password_change/done/", m, "PasswordChangeDoneView", "password_change_done"],
        ["route", "password_reset/", m, "PasswordResetView", "password_reset"],
        ["route", "password_reset/done/", m, "PasswordResetDoneView", "password_reset_done"],
        ["route", "reset/<uidb64>/<token>/", m, "PasswordResetConfirmView", "password_reset_confirm"],
        ["route", "reset/done/", m, "PasswordResetCompleteView", "password_reset_complete"],
      ];
    }
    case "django.contrib.admindocs.urls": {
      const m = "django.contrib.admindocs.views";
      return [
        ["route", "", m, "BaseAdminDocsView", "django-admindocs-docroot"],
        ["route", "bookmarklets/", m, "BookmarkletsView", "django-admindocs-bookmarklets"],
        ["route", "tags/", m, "TemplateTagIndexView", "django-admindocs-tags"],
        ["route", "filters/", m, "TemplateFilterIndexView", "django-admindocs-filters"],
        ["route", "views/", m, "ViewIndexView", "django-admindocs-views-index"],
        ["route", "views/<view>/", m, "ViewDetailView", "django-admindocs-views-detail"],
        ["route", "models/", m, "ModelIndexView", "django-admindocs-models-index"],
        [
          "regex",
          atLeast(v, 5, 0) ? "^models/(?P<app_label>[^.]+)\\.(?P<model_name>[^/]+)/$" : "^models/(?P<app_label>[^\\.]+)\\.(?P<model_name>[^/]+)/$",
          m,
          "ModelDetailView",
          "django-admindocs-models-detail",
        ],
        ["route", "templates/<path:template>/", m, "TemplateDetailView", "django-admindocs-templates"],
      ];
    }
    case "django.contrib.flatpages.urls":
      return [["route", "<path:url>", "django.contrib.flatpages.views", "flatpage", "django.contrib.flatpages.views.flatpage"]];
    default:
      return null;
  }
}

/** The entries of one of Django's URLconfs, or null when it is not one we know. */
export function djangoUrlconf(project: DjangoProject, module: string, at: Location): LocalEntry[] | null {
  return (
    rows(project, module)?.map(([kind, pattern, mod, symbol, name]) => ({
      kind: "pattern" as const,
      spec: kind === "route" ? { kind: "route" as const, route: pattern } : { kind: "regex" as const, regex: pattern },
      view: { module: mod, symbol, file: null, range: null },
      name,
      kwargs: {},
      at,
    })) ?? null
  );
}
