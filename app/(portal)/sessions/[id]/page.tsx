import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkPanel } from "@/components/payment-links/detail/link-panel";
import { requirePageActor } from "@/lib/auth/actor";
import { getLinkView } from "@/lib/payment-links/queries/detail";
import { normalizePhoneCountry, phoneCountryOptions } from "@/lib/validation";
import { confirmPaymentAction, disablePaymentLinkAction, resendPaymentLinkAction, sendAnotherWayAction } from "../actions";

export const metadata: Metadata = { title: "Payment link" };

type SessionPageProps = { params: Promise<{ id: string }> };

/** The country part of the store's locale ("sv-SE" → "SE"), preselected for "Send another way". */
function localeCountry(locale: string): string {
  try {
    return normalizePhoneCountry(new Intl.Locale(locale).maximize().region) ?? "";
  } catch {
    return "";
  }
}

export default async function SessionPage({ params }: SessionPageProps) {
  const actor = await requirePageActor();
  const { id } = await params;
  // Null for an unknown id and for another store's session alike.
  const view = await getLinkView(actor, id);
  if (!view) notFound();
  const actions = {
    resend: resendPaymentLinkAction.bind(null, view.id),
    sendAnotherWay: sendAnotherWayAction.bind(null, view.id),
    disable: disablePaymentLinkAction.bind(null, view.id),
    confirmPayment: confirmPaymentAction.bind(null, view.id),
  };
  return (
    <LinkPanel
      initial={view}
      actions={actions}
      defaultPhoneCountry={localeCountry(view.locale)}
      phoneCountries={phoneCountryOptions(view.locale)}
    />
  );
}
