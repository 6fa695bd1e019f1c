/** The label taxonomy and verdict scale a new newsroom starts with; admins change them later. */

export interface DefaultLabel {
  key: string;
  name: string;
  kind: "ENTITY" | "CLAIM";
  color: string;
  shortcut: string;
}

export const DEFAULT_LABELS: readonly DefaultLabel[] = [
  { key: "PERSON", name: "Person", kind: "ENTITY", color: "#2563eb", shortcut: "p" },
  { key: "ORG", name: "Organisation", kind: "ENTITY", color: "#9333ea", shortcut: "o" },
  { key: "GPE", name: "Country, city, state", kind: "ENTITY", color: "#059669", shortcut: "g" },
  { key: "LOC", name: "Location", kind: "ENTITY", color: "#0d9488", shortcut: "l" },
  { key: "EVENT", name: "Event", kind: "ENTITY", color: "#ea580c", shortcut: "e" },
  { key: "DATE", name: "Date", kind: "ENTITY", color: "#ca8a04", shortcut: "d" },
  { key: "LAW", name: "Law", kind: "ENTITY", color: "#be123c", shortcut: "w" },
  { key: "MISC", name: "Miscellaneous", kind: "ENTITY", color: "#64748b", shortcut: "m" },
  { key: "CLAIM", name: "Claim", kind: "CLAIM", color: "#dc2626", shortcut: "c" },
];

export interface DefaultVerdict {
  key: string;
  name: string;
  value: number;
  color: string;
  description: string;
}

/** Ordered worst to best; `value` is schema.org's ratingValue (1…5). */
export const DEFAULT_VERDICTS: readonly DefaultVerdict[] = [
  { key: "FALSE", name: "False", value: 1, color: "#b91c1c", description: "The claim is inaccurate." },
  {
    key: "MOSTLY_FALSE",
    name: "Mostly false",
    value: 2,
    color: "#ea580c",
    description: "The claim has an element of truth but ignores facts that would give a different impression.",
  },
  {
    key: "MIXED",
    name: "Needs context",
    value: 3,
    color: "#ca8a04",
    description: "The claim is partly accurate or lacks important context.",
  },
  {
    key: "MOSTLY_TRUE",
    name: "Mostly true",
    value: 4,
    color: "#65a30d",
    description: "The claim is accurate but needs clarification.",
  },
  { key: "TRUE", name: "True", value: 5, color: "#15803d", description: "The claim is accurate." },
];
