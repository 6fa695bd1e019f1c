/**
 * What a file's name says about its import format. Plain code with no Node
 * APIs: the import page uses it in the browser, the API and CLI on the server.
 */
export type ImportFileFormat = "jsonl" | "txt" | "md" | "html";

/** The import format a file name suggests, by extension; null when unknown. */
export function formatFromFileName(name: string): ImportFileFormat | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case "txt":
    case "text":
      return "txt";
    case "md":
    case "markdown":
      return "md";
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    case "jsonl":
    case "ndjson":
      return "jsonl";
    default:
      return null;
  }
}

const UNITS = ["bytes", "KiB", "MiB", "GiB"];

/** "2.4 MiB" */
export function humanBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString("en-US")} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
