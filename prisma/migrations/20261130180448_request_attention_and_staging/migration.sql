-- AlterTable
ALTER TABLE "DataRequest" ADD COLUMN     "attentionAt" TIMESTAMP(3),
ADD COLUMN     "attentionReason" TEXT;

-- CreateTable
CREATE TABLE "StagedSubmission" (
    "dataRequestId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedSubmission_pkey" PRIMARY KEY ("dataRequestId","contentHash")
);

-- CreateTable
CREATE TABLE "StagedCycleOpening" (
    "id" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedCycleOpening_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "StagedSubmission" ADD CONSTRAINT "StagedSubmission_dataRequestId_fkey" FOREIGN KEY ("dataRequestId") REFERENCES "DataRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
