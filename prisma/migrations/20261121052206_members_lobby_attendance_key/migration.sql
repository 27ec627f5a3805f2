/*
  Warnings:

  - A unique constraint covering the columns `[meetingId,identity,joinedAt]` on the table `Participation` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "LobbyStatus" AS ENUM ('WAITING', 'ADMITTED', 'DENIED');

-- CreateTable
CREATE TABLE "MeetingMember" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "userId" TEXT,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "onStage" BOOLEAN NOT NULL DEFAULT false,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "MeetingMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LobbyRequest" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "inviteId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "userId" TEXT,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "status" "LobbyStatus" NOT NULL DEFAULT 'WAITING',
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,

    CONSTRAINT "LobbyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingMember_meetingId_identity_key" ON "MeetingMember"("meetingId", "identity");

-- CreateIndex
CREATE INDEX "LobbyRequest_meetingId_status_idx" ON "LobbyRequest"("meetingId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_meetingId_identity_joinedAt_key" ON "Participation"("meetingId", "identity", "joinedAt");

-- AddForeignKey
ALTER TABLE "MeetingMember" ADD CONSTRAINT "MeetingMember_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LobbyRequest" ADD CONSTRAINT "LobbyRequest_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
