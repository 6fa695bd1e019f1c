/**
 * The app's one date locale and time zone: every date reads the same
 * wherever it is shown, whatever the language of the text around it (an
 * Arabic pane's publication date is not day-first by accident of bidi).
 */
export const APP_LOCALE = "en-GB";
const FORMAT = new Intl.DateTimeFormat(APP_LOCALE, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const DAY = new Intl.DateTimeFormat(APP_LOCALE, { dateStyle: "medium", timeZone: "UTC" });

/** A calendar day ("2026-05-08") as the app shows it ("8 May 2026"). */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : DAY.format(date);
}

/** A calendar day, isolated from the text direction around it (a `<time>` inside right-to-left text). */
export function Day({ value }: { value: string }) {
  return (
    <bdi>
      <time dateTime={value.slice(0, 10)} dir="ltr">
        {formatDay(value)}
      </time>
    </bdi>
  );
}

/** A timestamp shown the same on server and client (UTC), with the exact instant in `dateTime`. */
export function Time({ value, empty = "—" }: { value: Date | string | null | undefined; empty?: string }) {
  if (!value) return <span className="text-stone-500">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{FORMAT.format(date)} UTC</time>;
}
