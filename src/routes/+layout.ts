// A static site: every page is prerendered, and everything that needs DuckDB runs in the browser.
export const prerender = true;
export const ssr = false;
