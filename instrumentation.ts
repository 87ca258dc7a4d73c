// Next.js calls this once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const [{ stampClientAddresses }, { env }] = await Promise.all([
      import("@/lib/auth/client-address"),
      import("@/lib/env"),
    ]);
    // Before anything else: from here on every request carries the address sign-in throttling uses.
    try {
      stampClientAddresses(env().TRUSTED_PROXY_HOPS);
    } catch {
      /* a bad configuration: onServerStart reports it and stops the server */
    }
    const { onServerStart } = await import("@/lib/startup");
    await onServerStart();
  }
}
