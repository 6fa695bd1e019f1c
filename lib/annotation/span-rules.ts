/**
 * What a span's kind, label, entity and claim must agree on, whoever writes
 * it. Pure: the caller looks the label, entity and claim up and passes what
 * it found.
 *
 * - A label is a non-archived label of the span's kind (an archived label a
 *   span already has may stay while other fields change).
 * - An ENTITY span has no claim; a CLAIM span has no entity.
 * - An ENTITY span linked to an entity carries the entity's label: linking
 *   adopts it when no label is given, and a different label is refused.
 * - A CLAIM span without a label gets the first active CLAIM label.
 */
import { AppError } from "../errors";
import type { SpanKind } from "./dto";

export interface SpanLinks {
  kind: SpanKind;
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
}

export interface Lookups {
  label: { kind: SpanKind; archived: boolean; key: string } | null;
  entity: { labelId: string; name: string } | null;
  claimExists: boolean;
  /** The first active CLAIM label, the default for claim spans. */
  claimLabelId: string | null;
}

export interface Given {
  /** Which of labelId, entityId and claimId the writer set explicitly (create: all it sent; update: the patch's keys). */
  labelId: boolean;
  entityId: boolean;
  claimId: boolean;
  /** Whether the label is newly chosen (an archived label may only stay, never be chosen). */
  labelChanged: boolean;
}

const bad = (code: string, message: string) => new AppError(code, message, 400);

/** Returns the links to store, with defaults filled in, or throws a 400 that says what is wrong. */
export function resolveLinks(wanted: SpanLinks, given: Given, found: Lookups): SpanLinks {
  const out = { ...wanted };
  if (out.kind === "ENTITY") {
    // Turning a claim span into an entity span drops its claim label unless a label is given.
    if (!given.labelId && found.label && found.label.kind !== "ENTITY") out.labelId = null;
    if (out.claimId) {
      if (given.claimId) throw bad("CLAIM_ON_ENTITY_SPAN", "An ENTITY span cannot link to a claim; use kind CLAIM.");
      out.claimId = null;
    }
    if (out.entityId) {
      if (!found.entity) throw bad("UNKNOWN_ENTITY", `Entity ${out.entityId} does not exist.`);
      if (!out.labelId || (!given.labelId && out.labelId !== found.entity.labelId)) {
        out.labelId = found.entity.labelId;
      } else if (out.labelId !== found.entity.labelId) {
        throw bad(
          "ENTITY_LABEL_MISMATCH",
          `The span is linked to "${found.entity.name}", whose type differs from the chosen label; unlink it, or change the entity's type.`,
        );
      }
    }
  } else {
    if (out.entityId) {
      if (given.entityId) throw bad("ENTITY_ON_CLAIM_SPAN", "A CLAIM span cannot link to an entity; use kind ENTITY.");
      out.entityId = null;
    }
    if (out.claimId && !found.claimExists) throw bad("UNKNOWN_CLAIM", `Claim ${out.claimId} does not exist.`);
    if (!out.labelId || (!given.labelId && found.label && found.label.kind !== "CLAIM")) {
      if (!found.claimLabelId)
        throw bad("NO_CLAIM_LABEL", "There is no active CLAIM label; an administrator must add one.");
      out.labelId = found.claimLabelId;
    }
  }
  // A label the writer chose (or the span already had) must fit; defaults above fit by construction.
  if (out.labelId !== null && out.labelId === wanted.labelId) {
    const label = found.label;
    if (!label) throw bad("UNKNOWN_LABEL", `Label ${out.labelId} does not exist.`);
    if (label.kind !== out.kind) {
      throw bad(
        "LABEL_KIND_MISMATCH",
        `Label ${label.key} is for ${label.kind} spans; this span is ${out.kind === "ENTITY" ? "an ENTITY" : "a CLAIM"} span.`,
      );
    }
    if (label.archived && given.labelChanged) {
      throw bad("LABEL_ARCHIVED", `Label ${label.key} is archived; choose another label.`);
    }
  }
  return out;
}
