-- DropForeignKey
ALTER TABLE "SessionEvent" DROP CONSTRAINT "SessionEvent_actorId_fkey";

-- AddForeignKey
ALTER TABLE "SessionEvent" ADD CONSTRAINT "SessionEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

