import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { FollowUpWorklist } from "@/components/follow-up/worklist";
import { FollowUpHeader, StoreFilter } from "@/components/follow-up/header";
import { requirePageActor } from "@/lib/auth/actor";
import { storesToPick } from "@/lib/payment-links/access";
import { loadWorklist } from "@/lib/payment-links/follow-up/worklist";
import { phoneCountryOptions } from "@/lib/validation";
import { resendPaymentLinkAction, sendAnotherWayAction } from "../sessions/actions";
import { cloneAndSendAction, dismissLinkAction } from "./actions";

export const metadata: Metadata = { title: "Follow-up" };

type FollowUpPageProps = { searchParams: Promise<{ store?: string | string[] }> };

const actions = { resend: resendPaymentLinkAction, sendAnotherWay: sendAnotherWayAction, cloneAndSend: cloneAndSendAction, dismiss: dismissLinkAction };

export default async function FollowUpPage({ searchParams }: FollowUpPageProps) {
  const actor = await requirePageActor({ roles: ["AGENT", "MANAGER", "ADMIN"] });
  if (actor.role !== "ADMIN" && !actor.storeId) forbidden();
  const { store } = await searchParams;
  const isAdmin = actor.role === "ADMIN";
  const storeId = isAdmin && typeof store === "string" && store !== "" ? store : undefined;
  const [worklist, stores] = await Promise.all([loadWorklist(actor, storeId ? { storeId } : {}), storesToPick(actor)]);
  const settingsStore = isAdmin ? storeId : (actor.storeId ?? undefined);
  const canEditSettings = actor.role !== "AGENT" && settingsStore !== undefined;

  return (
    <div className="space-y-6">
      <FollowUpHeader total={worklist.total}>
        {canEditSettings && (
          <Link href={`/follow-up/settings?store=${settingsStore}`} className="text-sm font-medium text-brand-700 underline underline-offset-2">
            Store settings
          </Link>
        )}
      </FollowUpHeader>
      {isAdmin && <StoreFilter stores={stores} selected={storeId ?? ""} />}
      <FollowUpWorklist
        groups={worklist.groups}
        actions={actions}
        showStore={isAdmin && !storeId}
        phoneCountries={phoneCountryOptions("en")}
        defaultPhoneCountry=""
      />
    </div>
  );
}
