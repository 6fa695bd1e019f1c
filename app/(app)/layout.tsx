import { AppHeader } from "@/components/layout/AppHeader";

/** Every page behind sign-in shares the header; each page checks its own access. */
export default function AppLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <>
      <AppHeader />
      {/* The skip link's target (components/layout/SkipLink.tsx). */}
      <div id="content" tabIndex={-1} className="outline-none">
        {children}
      </div>
    </>
  );
}
