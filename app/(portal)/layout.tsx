import { PortalNav, SignOutButton } from "@/components/portal/portal-nav";
import { Providers } from "@/components/portal/providers";
import { requirePageActor } from "@/lib/auth/actor";

const ROLE_LABELS = { AGENT: "Agent", MANAGER: "Manager", ADMIN: "Admin" } as const;

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <PortalNav isAdmin={actor.role === "ADMIN"} />
          <div className="flex items-center gap-3 text-sm" aria-label="Signed-in user">
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
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </Providers>
    </div>
  );
}
