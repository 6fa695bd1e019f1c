import { admins, everyone, type AreaExpectations } from "../expect";

/** The foundation: health check, metrics, next-auth's endpoints, the sign-in page. */
export const expectations: AreaExpectations = {
  routes: {
    "GET /api/health": { outcomes: everyone() },
    "GET /api/health/live": { outcomes: everyone() },
    "GET /api/health/ready": { outcomes: everyone() },
    // Callers here come from no address; from the server itself anyone may scrape (metrics.test.ts).
    "GET /api/metrics": { outcomes: admins() },
    "GET /api/auth/[...nextauth]": {
      outcomes: everyone(),
      notCallable: "next-auth's handler reads next/headers itself; its endpoints are public by nature",
    },
    "POST /api/auth/[...nextauth]": {
      outcomes: everyone(),
      notCallable: "next-auth's handler reads next/headers itself; its POSTs carry next-auth's CSRF token",
    },
  },
  actions: {},
  publicPages: ["signin/page.tsx"],
};
