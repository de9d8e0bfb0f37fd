import { z } from "zod";
import { HPP_STATUSES } from "./types";

/** Providers may add fields at any time, so objects are not strict; only what we use is checked. */
const dateTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "not a date-time")
  .transform((s) => new Date(s));

const nonEmpty = z.string().min(1);

/** Checkout v3 `order` as returned by POST /checkout/v3/orders. */
export const kustomOrderResponseSchema = z.object({
  order_id: nonEmpty,
  status: z.string().optional(),
  order_amount: z.number().int().optional(),
  order_tax_amount: z.number().int().optional(),
});
export type KustomOrderResponse = z.infer<typeof kustomOrderResponseSchema>;

/** HPP `SessionCreationResponseV1`; the contract marks every field optional, but we cannot work without an id and a redirect URL. */
export const hppSessionCreatedSchema = z.object({
  session_id: nonEmpty,
  redirect_url: nonEmpty,
  session_url: nonEmpty.optional(),
  distribution_url: nonEmpty.optional(),
  qr_code_url: nonEmpty.optional(),
  manual_identification_check_url: nonEmpty.optional(),
  expires_at: dateTime.optional(),
  distribution_module: z
    .object({
      token: z.string().optional(),
      standalone_url: z.string().optional(),
      generation_url: z.string().optional(),
    })
    .optional(),
});
export type HppSessionCreated = z.infer<typeof hppSessionCreatedSchema>;

/** HPP `SessionResponseV1` (GET session; also the `session` of a status_update callback). */
export const hppSessionSchema = z.object({
  session_id: z.string().optional(),
  status: z.enum(HPP_STATUSES),
  order_id: z.string().optional(),
  expires_at: dateTime.optional(),
  updated_at: dateTime.optional(),
});
export type HppSession = z.infer<typeof hppSessionSchema>;

/** Body of a `status_update` callback: `{event_id, session}`, where `session` has the shape of a GET. */
export const hppStatusUpdateSchema = z.object({
  event_id: nonEmpty,
  session: hppSessionSchema,
});

/** Payment platform `POST /api/oauth2/login/token`; its guide documents only `access_token` (docs/providers.md#where-the-documents-disagree, row 27). */
export const platformTokenSchema = z.object({
  access_token: nonEmpty,
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

/** Payment platform `POST /api/hosted-payment-page`. */
export const platformSessionSchema = z.object({
  redirect_url: nonEmpty,
  session_id: nonEmpty,
});
