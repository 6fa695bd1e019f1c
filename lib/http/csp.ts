/**
 * The Content-Security-Policy. Scripts run only with this request's nonce
 * (Next.js puts it on its own scripts when it sees the policy on the request)
 * or when loaded by such a script ('strict-dynamic'); no inline script is
 * allowed otherwise. Styles: Tailwind's stylesheet is same-origin, but React
 * and Next set inline `style` attributes, so styles keep 'unsafe-inline' —
 * styles cannot run code. Forms may post to us and, for single sign-on, to the
 * OpenID provider.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; formTargets?: string[] } = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'unsafe-eval' only for `next dev` (React's dev tooling needs it).
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(options.dev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...(options.formTargets ?? [])],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}
