import type { AnnotationStatus } from "@/lib/stories/status";

export const STATUS_LABELS: Record<AnnotationStatus, string> = {
  unannotated: "Not started",
  in_progress: "In progress",
  reviewed: "Reviewed",
};

export const STATUS_CLASSES: Record<AnnotationStatus, string> = {
  unannotated: "bg-stone-100 text-stone-700",
  in_progress: "bg-amber-100 text-amber-900",
  reviewed: "bg-green-100 text-green-900",
};
