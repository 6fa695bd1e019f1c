/**
 * Authorization expectations for the annotation area (issue 5): every route
 * handler and server action it adds, and what each caller must get. Written
 * out by hand, not derived from lib/authz/policy.ts, so that a wrong rule in
 * the code shows up as a difference. "allow" means the call gets past
 * authorization (it may still fail validation: 400, 404).
 *
 * Routes are keyed by their file under app/ and method; actions by file and
 * export name. The authorization matrix test reads this list.
 */
export type Expected = "allow" | 401 | 403;

export interface AuthorizationExpectation {
  kind: "route" | "action";
  /** HTTP method for routes; "ACTION" for server actions. */
  method: "GET" | "POST" | "PATCH" | "DELETE" | "ACTION";
  /** The app-relative file; for actions followed by #exportName. */
  path: string;
  expected: { ADMIN: Expected; EDITOR: Expected; VIEWER: Expected; anonymous: Expected };
  /** A body that passes the envelope checks, when the default {} would not reach the handler's own logic. */
  body?: unknown;
}

const readers = { ADMIN: "allow", EDITOR: "allow", VIEWER: "allow", anonymous: 401 } as const;
const writers = { ADMIN: "allow", EDITOR: "allow", VIEWER: 403, anonymous: 401 } as const;
const admins = { ADMIN: "allow", EDITOR: 403, VIEWER: 403, anonymous: 401 } as const;

const route = (
  method: AuthorizationExpectation["method"],
  path: string,
  expected: AuthorizationExpectation["expected"],
) => ({ kind: "route", method, path, expected }) satisfies AuthorizationExpectation;
const action = (path: string) =>
  ({ kind: "action", method: "ACTION", path, expected: admins }) satisfies AuthorizationExpectation;

export const annotationExpectations: AuthorizationExpectation[] = [
  route("GET", "app/api/articles/[id]/spans/route.ts", readers),
  route("POST", "app/api/articles/[id]/spans/mutations/route.ts", writers),
  route("GET", "app/api/spans/[id]/history/route.ts", readers),
  route("GET", "app/api/entities/route.ts", readers),
  route("POST", "app/api/entities/route.ts", writers),
  route("GET", "app/api/entities/[id]/route.ts", readers),
  route("PATCH", "app/api/entities/[id]/route.ts", writers),
  route("GET", "app/api/claims/route.ts", readers),
  route("POST", "app/api/claims/route.ts", writers),
  route("GET", "app/api/claims/[id]/route.ts", readers),
  route("PATCH", "app/api/claims/[id]/route.ts", writers),
  route("GET", "app/api/stories/[id]/annotations/route.ts", readers),
  route("GET", "app/api/stories/[id]/suggestions/route.ts", readers),
  // Rejecting a suggestion is a review decision (annotation.review: editors and admins).
  route("POST", "app/api/stories/[id]/suggestions/rejections/route.ts", writers),
  route("DELETE", "app/api/stories/[id]/suggestions/rejections/route.ts", writers),
  route("GET", "app/api/taxonomy/route.ts", readers),
  action("app/(app)/admin/labels/actions.ts#createLabelAction"),
  action("app/(app)/admin/labels/actions.ts#updateLabelAction"),
  action("app/(app)/admin/labels/actions.ts#moveLabelAction"),
  action("app/(app)/admin/labels/actions.ts#archiveLabelAction"),
  action("app/(app)/admin/labels/actions.ts#restoreLabelAction"),
  action("app/(app)/admin/labels/actions.ts#deleteLabelAction"),
  action("app/(app)/admin/verdicts/actions.ts#createVerdictAction"),
  action("app/(app)/admin/verdicts/actions.ts#updateVerdictAction"),
  action("app/(app)/admin/verdicts/actions.ts#moveVerdictAction"),
  action("app/(app)/admin/verdicts/actions.ts#archiveVerdictAction"),
  action("app/(app)/admin/verdicts/actions.ts#restoreVerdictAction"),
  action("app/(app)/admin/verdicts/actions.ts#deleteVerdictAction"),
];

/** Pages of this area; each calls requirePage with taxonomy.manage (EDITOR and VIEWER get the 403 page). */
export const annotationPages = ["app/(app)/admin/labels/page.tsx", "app/(app)/admin/verdicts/page.tsx"];
