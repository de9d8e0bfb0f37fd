import { PortalNav, SignOutButton } from "@/components/portal/portal-nav";
import { Providers } from "@/components/portal/providers";
import { requirePageActor } from "@/lib/auth/actor";

const ROLE_LABELS = { AGENT: "Agent", MANAGER: "Manager", ADMIN: "Admin" } as const;

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:outline-none focus:ring-2 focus:ring-brand-500"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <PortalNav isAdmin={actor.role === "ADMIN"} />
          <div className="ml-auto flex items-center gap-3 text-sm" role="group" aria-label="Signed-in user">
            <div className="text-right">
              <div className="font-medium" data-testid="user-name">{actor.name}</div>
              <div className="text-slate-500">
                <span data-testid="user-role">{ROLE_LABELS[actor.role]}</span>
                {" · "}
                <span data-testid="user-store">{actor.storeName ?? "All stores"}</span>
              </div>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <Providers>
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8">{children}</main>
      </Providers>
    </div>
  );
}
