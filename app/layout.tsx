import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { connection } from "next/server";
import { THEME_SCRIPT } from "@/components/shell/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description:
    "Manage your company's AWS IAM: onboarding, access review, offboarding — approved and audited.",
};

// The CSP nonce is per request (proxy.ts), so no page may be prerendered with nonce-less scripts.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  // The theme script must run before first paint, so it is inline, with this request's nonce.
  const csp = (await headers()).get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  return (
    // The theme script sets <html>'s class before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
