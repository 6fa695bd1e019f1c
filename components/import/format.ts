/** Small display helpers of the import page (no Node APIs: this runs in the browser). */

const UNITS = ["bytes", "KiB", "MiB", "GiB"];

/** "2.4 MiB" */
export function describeSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export type ChosenFormat = "jsonl" | "txt" | "md" | "html";

/** The import format of a file name, or null when the extension says nothing we know. */
export function formatOfFileName(name: string): ChosenFormat | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case "jsonl":
    case "ndjson":
      return "jsonl";
    case "txt":
    case "text":
      return "txt";
    case "md":
    case "markdown":
      return "md";
    case "html":
    case "htm":
      return "html";
    default:
      return null;
  }
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
