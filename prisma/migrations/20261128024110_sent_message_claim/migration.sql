-- AlterTable
ALTER TABLE "SentMessage" ADD COLUMN     "claimedUntil" TIMESTAMP(3);
