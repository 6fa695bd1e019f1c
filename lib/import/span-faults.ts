/**
 * Plain-word reasons for a span the line schema refused. A validator message
 * ("spans[0].text: Invalid input: expected string, received undefined") names
 * the first field that failed, not what is wrong with the span; this looks at
 * the span as a whole against the line's text and says, first, the fault an
 * editor has to fix (an end past the text, start after end), then the
 * missing or malformed fields.
 */
import type { z } from "zod";
import { codePointLength } from "../text/code-points";
import { describeIssues } from "./schema";

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** What is wrong with one raw span of a line whose text is `text` (if it is a string). */
export function spanFaults(span: unknown, text: unknown): string[] {
  if (typeof span !== "object" || span === null || Array.isArray(span)) {
    return ["is not an object with start, end, text and kind"];
  }
  const s = span as Record<string, unknown>;
  const faults: string[] = [];
  const length = typeof text === "string" ? codePointLength(text) : null;
  const { start, end } = s;
  if (!isInt(start) || !isInt(end)) {
    if (!isInt(start)) faults.push(`start ${describe(start)} is not a whole number of code points`);
    if (!isInt(end)) faults.push(`end ${describe(end)} is not a whole number of code points`);
  } else {
    if (start < 0) faults.push(`start ${start} is before the beginning of the text`);
    if (end <= start) faults.push(`end ${end} is not after start ${start}`);
    if (length !== null && end > length) {
      faults.push(`end ${end} is past the end of the text (${length} code points long)`);
    } else if (length !== null && start > length) {
      faults.push(`start ${start} is past the end of the text (${length} code points long)`);
    }
  }
  if (typeof s.text !== "string") {
    faults.push(
      s.text === undefined
        ? `"text" is missing: give the quoted characters`
        : `"text" must be the quoted characters as a string, not ${describe(s.text)}`,
    );
  }
  if (typeof s.kind !== "string" || !["entity", "claim"].includes(s.kind.toLowerCase())) {
    faults.push(
      `"kind" must be "entity" or "claim"${s.kind === undefined ? " (it is missing)" : `, not ${describe(s.kind)}`}`,
    );
  }
  return faults;
}

function describe(v: unknown): string {
  if (v === undefined) return "(missing)";
  const json = JSON.stringify(v);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

/**
 * The reason a line failed the schema: spans it refused are described in
 * plain words (their real faults), other fields as the validator says.
 */
export function describeLineProblem(line: unknown, error: z.ZodError, max = 3): string {
  const json = (typeof line === "object" && line !== null ? line : {}) as Record<string, unknown>;
  const spans = Array.isArray(json.spans) ? json.spans : [];
  const spanIndexes = new Set<number>();
  const other: z.core.$ZodIssue[] = [];
  for (const issue of error.issues) {
    const [first, index] = issue.path;
    if (first === "spans" && typeof index === "number" && index < spans.length) spanIndexes.add(index);
    else other.push(issue);
  }
  const parts: string[] = [];
  for (const i of [...spanIndexes].sort((a, b) => a - b)) {
    const faults = spanFaults(spans[i], json.text);
    const s = spans[i] as { start?: unknown; end?: unknown } | null;
    const range = s && isInt(s.start) && isInt(s.end) ? ` (${s.start}–${s.end})` : "";
    if (faults.length > 0) parts.push(`spans[${i}]${range}: ${faults.join("; ")}`);
    else {
      const own = error.issues.filter((issue) => issue.path[0] === "spans" && issue.path[1] === i);
      parts.push(describeIssues({ issues: own } as z.ZodError, max));
    }
  }
  const shown = parts.slice(0, max);
  if (other.length > 0 && shown.length < max)
    shown.push(describeIssues({ issues: other } as z.ZodError, max - shown.length));
  const more = parts.length - shown.length + (other.length > 0 && shown.length >= max ? other.length : 0);
  return shown.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}
