import { describe, expect, it } from "vitest";
import { HPP_STATUSES } from "@/lib/hpp/types";

describe("HPP_STATUSES", () => {
  it("is the HPP contract's session status enum, in its order (derived from the link statuses)", () => {
    expect(HPP_STATUSES).toEqual(["WAITING", "BACK", "IN_PROGRESS", "MANUAL_ID_CHECK", "COMPLETED", "CANCELLED", "FAILED", "DISABLED", "ERROR"]);
  });
});
