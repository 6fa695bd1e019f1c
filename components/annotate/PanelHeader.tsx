import type { ReactNode } from "react";

/** A panel's title (the panel is labelled by `id`) and its close button. */
export function PanelHeader({
  id,
  title,
  onClose,
  heading = true,
}: {
  id: string;
  title: ReactNode;
  onClose: () => void;
  /** A heading in the page outline; false for a dialog's plain title. */
  heading?: boolean;
}) {
  const Title = heading ? "h2" : "p";
  return (
    <div className="mb-2 flex items-center justify-between gap-2">
      <Title id={id} className="font-medium">
        {title}
      </Title>
      <button
        type="button"
        onClick={onClose}
        aria-label="Close"
        className="rounded px-1 text-stone-500 hover:bg-stone-100"
      >
        ×
      </button>
    </div>
  );
}
