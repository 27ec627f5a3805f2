-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "e2ee" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "MeetingMember" ADD COLUMN     "handUpSince" TIMESTAMP(3);
