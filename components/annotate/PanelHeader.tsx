import type { ReactNode, Ref } from "react";

/** A panel's title (the panel is labelled by `id`) and its close button. */
export function PanelHeader({
  id,
  title,
  onClose,
  closeLabel = "Close",
  closeRef,
  heading = true,
}: {
  id: string;
  title: ReactNode;
  onClose: () => void;
  /** The close button's accessible name, where "Close" alone would be ambiguous. */
  closeLabel?: string;
  closeRef?: Ref<HTMLButtonElement>;
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
        ref={closeRef}
        type="button"
        onClick={onClose}
        aria-label={closeLabel}
        className="rounded px-1 text-stone-500 hover:bg-stone-100"
      >
        ×
      </button>
    </div>
  );
}
