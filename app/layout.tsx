import type { Metadata } from "next";
import { connection } from "next/server";
import { SkipLink } from "@/components/layout/SkipLink";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parallax", template: "%s · Parallax" },
  description: "Read the language versions of a story side by side and annotate entities and claims across them.",
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page is rendered per request: the Content-Security-Policy nonce
  // (proxy.ts) differs each time, and a prerendered page would carry none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <SkipLink />
        {children}
      </body>
    </html>
  );
}
