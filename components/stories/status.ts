import type { AnnotationStatus, AssignmentState } from "@/lib/stories/status";

export const STATUS_LABELS: Record<AnnotationStatus, string> = {
  unannotated: "Not started",
  in_progress: "In progress",
  reviewed: "Reviewed",
};

export const ASSIGNMENT_LABELS: Record<AssignmentState, string> = {
  unassigned: "Not assigned",
  todo: "Assigned, not started",
  in_progress: "Assignment in progress",
  done: "Assignment done",
};

export const STATUS_CLASSES: Record<AnnotationStatus, string> = {
  unannotated: "bg-stone-100 text-stone-700",
  in_progress: "bg-amber-100 text-amber-900",
  reviewed: "bg-green-100 text-green-900",
};
