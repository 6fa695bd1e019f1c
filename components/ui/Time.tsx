const FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** A timestamp shown the same on server and client (UTC), with the exact instant in `dateTime`. */
export function Time({ value, empty = "—" }: { value: Date | string | null | undefined; empty?: string }) {
  if (!value) return <span className="text-stone-500">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{FORMAT.format(date)} UTC</time>;
}
