import "server-only";
import { EXPORT_FORMATS } from "@/lib/export";
import { FORMAT_DESCRIPTIONS, type FormatChoice } from "./formats";

/** The formats with what the page says about them (serializable for client components). */
export function formatChoices(): FormatChoice[] {
  return Object.values(EXPORT_FORMATS).map((spec) => ({
    id: spec.id,
    title: spec.title,
    extension: spec.extension,
    unit: spec.unit,
    description: FORMAT_DESCRIPTIONS[spec.id] ?? "",
  }));
}
