/**
 * The first thing Tab reaches on every page: a link past the header and
 * navigation to the page's own content (the element with id `content`).
 * Hidden until focused.
 */
export function SkipLink() {
  return (
    <a
      href="#content"
      className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-blue-800 focus:shadow-lg focus:ring-2 focus:ring-blue-600"
    >
      Skip to content
    </a>
  );
}
