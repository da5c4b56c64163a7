// Django's own apps and classes, generated from the real Django 5.2 and 4.2 by
// scripts/gen-django-catalog.py (a conformance test keeps it true). Entries that name these are
// known to exist; other `django.*` paths do not.

export interface BuiltinAppConfig {
  /** The AppConfig class path. */
  config: string;
  label: string;
  name: string;
  /** True for the config Django picks when INSTALLED_APPS names the module. */
  isDefault: boolean;
}

export const DJANGO_APP_CONFIGS: BuiltinAppConfig[] = [
  { config: "django.contrib.admin.apps.AdminConfig", label: "admin", name: "django.contrib.admin", isDefault: true },
  { config: "django.contrib.admin.apps.SimpleAdminConfig", label: "admin", name: "django.contrib.admin", isDefault: false },
  { config: "django.contrib.admindocs.apps.AdminDocsConfig", label: "admindocs", name: "django.contrib.admindocs", isDefault: true },
  { config: "django.contrib.auth.apps.AuthConfig", label: "auth", name: "django.contrib.auth", isDefault: true },
  { config: "django.contrib.contenttypes.apps.ContentTypesConfig", label: "contenttypes", name: "django.contrib.contenttypes", isDefault: true },
  { config: "django.contrib.flatpages.apps.FlatPagesConfig", label: "flatpages", name: "django.contrib.flatpages", isDefault: true },
  { config: "django.contrib.gis.apps.GISConfig", label: "gis", name: "django.contrib.gis", isDefault: true },
  { config: "django.contrib.humanize.apps.HumanizeConfig", label: "humanize", name: "django.contrib.humanize", isDefault: true },
  { config: "django.contrib.messages.apps.MessagesConfig", label: "messages", name: "django.contrib.messages", isDefault: true },
  { config: "django.contrib.redirects.apps.RedirectsConfig", label: "redirects", name: "django.contrib.redirects", isDefault: true },
  { config: "django.contrib.sessions.apps.SessionsConfig", label: "sessions", name: "django.contrib.sessions", isDefault: true },
  { config: "django.contrib.sitemaps.apps.SiteMapsConfig", label: "sitemaps", name: "django.contrib.sitemaps", isDefault: true },
  { config: "django.contrib.sites.apps.SitesConfig", label: "sites", name: "django.contrib.sites", isDefault: true },
  { config: "django.contrib.staticfiles.apps.StaticFilesConfig", label: "staticfiles", name: "django.contrib.staticfiles", isDefault: true },
  { config: "django.contrib.syndication.apps.SyndicationConfig", label: "syndication", name: "django.contrib.syndication", isDefault: true },
  { config: "django.contrib.gis.apps.GISConfig", label: "gis", name: "django.contrib.gis", isDefault: true },
  { config: "django.contrib.postgres.apps.PostgresConfig", label: "postgres", name: "django.contrib.postgres", isDefault: true },
];

/** Middleware and authentication backend classes, with the Django version that added each when newer than 4.2. */
export const DJANGO_CLASSES: { path: string; since?: string }[] = [
  { path: "django.contrib.admindocs.middleware.XViewMiddleware" },
  { path: "django.contrib.auth.backends.AllowAllUsersModelBackend" },
  { path: "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend" },
  { path: "django.contrib.auth.backends.BaseBackend" },
  { path: "django.contrib.auth.backends.ModelBackend" },
  { path: "django.contrib.auth.backends.RemoteUserBackend" },
  { path: "django.contrib.auth.middleware.AuthenticationMiddleware" },
  { path: "django.contrib.auth.middleware.LoginRequiredMiddleware", since: "5.1" },
  { path: "django.contrib.auth.middleware.PersistentRemoteUserMiddleware" },
  { path: "django.contrib.auth.middleware.RemoteUserMiddleware" },
  { path: "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware" },
  { path: "django.contrib.messages.middleware.MessageMiddleware" },
  { path: "django.contrib.redirects.middleware.RedirectFallbackMiddleware" },
  { path: "django.contrib.sessions.middleware.SessionMiddleware" },
  { path: "django.contrib.sites.middleware.CurrentSiteMiddleware" },
  { path: "django.middleware.cache.CacheMiddleware" },
  { path: "django.middleware.cache.FetchFromCacheMiddleware" },
  { path: "django.middleware.cache.UpdateCacheMiddleware" },
  { path: "django.middleware.clickjacking.XFrameOptionsMiddleware" },
  { path: "django.middleware.common.BrokenLinkEmailsMiddleware" },
  { path: "django.middleware.common.CommonMiddleware" },
  { path: "django.middleware.csrf.CsrfViewMiddleware" },
  { path: "django.middleware.csrf.InvalidTokenFormat" },
  { path: "django.middleware.csrf.RejectRequest" },
  { path: "django.middleware.gzip.GZipMiddleware" },
  { path: "django.middleware.http.ConditionalGetMiddleware" },
  { path: "django.middleware.locale.LocaleMiddleware" },
  { path: "django.middleware.security.SecurityMiddleware" },
];
