"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseInput, runAction } from "@/lib/actions/run-action";
import { db } from "@/lib/db";
import { createStore, deleteStore, updateStore } from "@/lib/stores/save-store";
import { storeSchema } from "@/lib/validation/store";

const storeIdSchema = z.object({ storeId: z.uuid() });

export async function createStoreAction(input: unknown) {
  return runAction({ roles: ["ADMIN"] }, async (actor) => {
    const storeId = await createStore(db(), actor, parseInput(storeSchema, input));
    revalidatePath("/admin");
    return { storeId };
  });
}

export async function updateStoreAction(storeId: string, input: unknown) {
  return runAction({ roles: ["ADMIN"] }, async (actor) => {
    const id = parseInput(storeIdSchema, { storeId }).storeId;
    await updateStore(db(), actor, id, parseInput(storeSchema, input));
    revalidatePath("/admin");
    return { storeId: id };
  });
}

export async function deleteStoreAction(storeId: string) {
  return runAction({ roles: ["ADMIN"] }, async (actor) => {
    const id = parseInput(storeIdSchema, { storeId }).storeId;
    await deleteStore(db(), actor, id);
    revalidatePath("/admin");
    return { storeId: id };
  });
}
