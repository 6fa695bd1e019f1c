/**
 * The shape of the authorization expectations. Each area of the app (accounts,
 * import, export, annotation, …) keeps its own file in ./expectations/ listing
 * every route handler and server action it owns and, for each caller, whether
 * the call must be allowed or refused. The matrix test (matrix.test.ts) loads
 * them all. The outcomes are written out here on purpose — never derived from
 * lib/authz/policy.ts — so that a wrong rule in the code makes the test fail.
 */
export type Outcome = "allowed" | "refused";
export type Caller = "anonymous" | "VIEWER" | "EDITOR" | "ADMIN";
export type Outcomes = Record<Caller, Outcome>;

export const CALLERS: readonly Caller[] = ["anonymous", "VIEWER", "EDITOR", "ADMIN"];

export interface RouteExpectation {
  /** Browser session (cookie) outcomes. API tokens must get the same outcome as their owner's role. */
  outcomes: Outcomes;
  /** Values for dynamic segments ([id] → a random UUID by default). */
  params?: Record<string, string | string[]>;
  /** Query string, e.g. "?q=x". */
  search?: string;
  /** JSON body for POST/PUT/PATCH/DELETE (default {}). */
  body?: unknown;
  /**
   * Set only for handlers that cannot run outside Next's server (next-auth's
   * own endpoints): the test then checks the declared rule is "public" and
   * every outcome "allowed", instead of calling it. Say why.
   */
  notCallable?: string;
}

export interface ActionExpectation {
  outcomes: Outcomes;
  /** Input to call the action with (default {}: invalid input still shows the caller got past authorization). */
  input?: unknown;
}

export interface AreaExpectations {
  /** Keyed "METHOD /path" with the folder's segments, e.g. "GET /api/stories/[id]". */
  routes: Record<string, RouteExpectation>;
  /** Keyed "<file under app/>#<export>", e.g. "(app)/admin/users/actions.ts#createUserAction". */
  actions: Record<string, ActionExpectation>;
  /** Pages that are public on purpose (under app/, e.g. "signin/page.tsx"); every other page must call requirePage. */
  publicPages?: string[];
}

const outcomes = (allowed: readonly Caller[]): Outcomes =>
  Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? "allowed" : "refused"])) as Outcomes;

/** Anyone, signed in or not. */
export const everyone = (): Outcomes => outcomes(["anonymous", "VIEWER", "EDITOR", "ADMIN"]);
/** Any signed-in user. */
export const signedIn = (): Outcomes => outcomes(["VIEWER", "EDITOR", "ADMIN"]);
/** Editors and admins. */
export const editors = (): Outcomes => outcomes(["EDITOR", "ADMIN"]);
/** Admins only. */
export const admins = (): Outcomes => outcomes(["ADMIN"]);
