/** A claim's verdict as a dot of its colour and its name; `none` when the claim has none yet. */
export function Verdict({
  verdict,
  none,
  large = false,
}: {
  verdict: { name: string; color: string } | null;
  none: string;
  large?: boolean;
}) {
  if (!verdict) return <>{none}</>;
  return (
    <span className={`inline-flex items-center ${large ? "gap-2" : "gap-1"}`}>
      <span
        aria-hidden
        className={`inline-block rounded-full ${large ? "h-3 w-3" : "h-2 w-2"}`}
        style={{ backgroundColor: verdict.color }}
      />
      {verdict.name}
    </span>
  );
}
