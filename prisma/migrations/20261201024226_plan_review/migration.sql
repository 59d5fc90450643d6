-- CreateEnum
CREATE TYPE "CycleKind" AS ENUM ('DATA', 'REVIEW');

-- CreateEnum
CREATE TYPE "PlanReviewStatus" AS ENUM ('ROUND_OPEN', 'DECIDING', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ReviewDecisionKind" AS ENUM ('ACCEPTED', 'ACCEPTED_WITH_CHANGES', 'REJECTED');

-- DropIndex
DROP INDEX "ReportingCycle_planId_year_key";

-- AlterTable
ALTER TABLE "ReportingCycle" ADD COLUMN     "kind" "CycleKind" NOT NULL DEFAULT 'DATA';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "proposals" JSONB;

-- CreateTable
CREATE TABLE "PlanFile" (
    "planId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanFile_pkey" PRIMARY KEY ("planId")
);

-- CreateTable
CREATE TABLE "PlanReview" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "status" "PlanReviewStatus" NOT NULL DEFAULT 'ROUND_OPEN',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startedBy" TEXT NOT NULL,
    "synthesis" JSONB NOT NULL,
    "cycleId" TEXT,
    "roundEndedAt" TIMESTAMP(3),
    "publishedPlanId" TEXT,
    "crosswalk" JSONB,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "proposalKey" TEXT NOT NULL,
    "proposalHash" TEXT NOT NULL,
    "decision" "ReviewDecisionKind" NOT NULL,
    "change" JSONB,
    "note" TEXT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewFile" (
    "reviewId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "ReviewFile_pkey" PRIMARY KEY ("reviewId","format","lang")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanReview_workflowId_key" ON "PlanReview"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanReview_cycleId_key" ON "PlanReview"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanReview_publishedPlanId_key" ON "PlanReview"("publishedPlanId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_reviewId_proposalKey_key" ON "ReviewDecision"("reviewId", "proposalKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingCycle_planId_year_kind_key" ON "ReportingCycle"("planId", "year", "kind");

-- AddForeignKey
ALTER TABLE "PlanFile" ADD CONSTRAINT "PlanFile_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReportingCycle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_publishedPlanId_fkey" FOREIGN KEY ("publishedPlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PlanReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewFile" ADD CONSTRAINT "ReviewFile_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PlanReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
