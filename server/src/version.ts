// The package version, injected by esbuild from package.json.
declare const __DJANGO_LENS_VERSION__: string | undefined;
export const VERSION: string = typeof __DJANGO_LENS_VERSION__ === "string" ? __DJANGO_LENS_VERSION__ : "0.0.0-dev";
