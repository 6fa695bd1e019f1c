/**
 * What differs between the two sides of a span conflict, field by field, in
 * words: the label, the text, the linked entity or claim (by name), the
 * review status, or one side's deletion. A conflict box shows only these, so
 * two versions that read alike ("Organisation “Financial Times”" twice) still
 * say where they part (approved on one side, rejected on the other).
 */
import type { LabelDTO, SpanDTO } from "./types";

export interface ConflictNames {
  /** Entity id → canonical name. */
  entities: Readonly<Record<string, string>>;
  /** Claim id → statement. */
  claims: Readonly<Record<string, string>>;
}

export interface FieldDifference {
  field: "span" | "label" | "text" | "entity" | "claim" | "review";
  /** The field's name as shown ("Label", "Entity"…). */
  name: string;
  now: string;
  yours: string;
}

const REVIEW = { PENDING: "not reviewed", APPROVED: "approved", REJECTED: "rejected" } as const;

const alive = (s: SpanDTO | undefined): s is SpanDTO => Boolean(s && !s.deletedAt);

function labelName(span: SpanDTO, labels: readonly LabelDTO[]): string {
  return labels.find((l) => l.id === span.labelId)?.name ?? (span.kind === "CLAIM" ? "Claim" : "no label");
}

/** An entity's name, quoted, or what little is known of it. */
export function entityName(id: string | null, names: ConflictNames): string {
  if (!id) return "none";
  const name = names.entities[id];
  return name ? `“${name}”` : "an entity not in this story";
}

function claimName(id: string | null, names: ConflictNames): string {
  if (!id) return "none";
  const statement = names.claims[id];
  return statement ? `“${statement}”` : "a claim not in this story";
}

/** One side in a line: label, quote and link ("Organisation “FT”, linked to “Financial Times”"), or "deleted". */
export function describeSpan(span: SpanDTO | undefined, labels: readonly LabelDTO[], names: ConflictNames): string {
  if (!alive(span)) return "deleted";
  const link = span.entityId
    ? `, linked to ${entityName(span.entityId, names)}`
    : span.claimId
      ? `, linked to ${claimName(span.claimId, names)}`
      : "";
  return `${labelName(span, labels)} “${span.quote}”${link}`;
}

/** The fields that differ between the server's version (`now`) and this editor's (`yours`). */
export function conflictDifferences(
  now: SpanDTO | undefined,
  yours: SpanDTO | undefined,
  labels: readonly LabelDTO[],
  names: ConflictNames,
): FieldDifference[] {
  if (!alive(now) || !alive(yours)) {
    if (!alive(now) && !alive(yours)) return [];
    return [
      {
        field: "span",
        name: "Span",
        now: alive(now) ? "kept" : "deleted",
        yours: alive(yours) ? "kept" : "deleted",
      },
    ];
  }
  const out: FieldDifference[] = [];
  const add = (field: FieldDifference["field"], name: string, a: string, b: string) => {
    if (a !== b) out.push({ field, name, now: a, yours: b });
  };
  add("label", "Label", labelName(now, labels), labelName(yours, labels));
  if (now.start !== yours.start || now.end !== yours.end)
    out.push({ field: "text", name: "Text", now: `“${now.quote}”`, yours: `“${yours.quote}”` });
  if (now.entityId !== yours.entityId)
    out.push({
      field: "entity",
      name: "Entity",
      now: entityName(now.entityId, names),
      yours: entityName(yours.entityId, names),
    });
  if (now.claimId !== yours.claimId)
    out.push({
      field: "claim",
      name: "Claim",
      now: claimName(now.claimId, names),
      yours: claimName(yours.claimId, names),
    });
  add("review", "Review", REVIEW[now.reviewStatus], REVIEW[yours.reviewStatus]);
  return out;
}
