-- CreateEnum
CREATE TYPE "IndicatorUnit" AS ENUM ('COUNT', 'PERCENTAGE', 'YES_NO', 'TEXT');

-- CreateEnum
CREATE TYPE "Disaggregation" AS ENUM ('NONE', 'SEX');

-- CreateEnum
CREATE TYPE "GoalComparator" AS ENUM ('AT_LEAST', 'AT_MOST', 'MORE_THAN', 'LESS_THAN', 'EXACTLY');

-- CreateEnum
CREATE TYPE "GoalPeriod" AS ENUM ('PER_YEAR', 'BY_YEAR_3', 'WHOLE_PLAN');

-- CreateEnum
CREATE TYPE "InstitutionKind" AS ENUM ('FEDERAL_AGENCY', 'INTERNATIONAL_PARTNER', 'TRAINING_CENTER', 'STATE_AGENCY', 'MUNICIPALITY', 'CIVIL_SOCIETY', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('PRIMARY', 'ALTERNATE', 'LIAISON_HEAD', 'SECRETARIAT');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "DataRequestStatus" AS ENUM ('PENDING', 'REQUESTED', 'DRAFT', 'SUBMITTED', 'OVERDUE', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SubmissionKind" AS ENUM ('DRAFT', 'FINAL', 'CORRECTION');

-- CreateEnum
CREATE TYPE "ValueBreakdown" AS ENUM ('TOTAL', 'WOMEN', 'MEN');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "titleEn" TEXT NOT NULL,
    "titleEs" TEXT NOT NULL,
    "spanishOfficial" BOOLEAN NOT NULL DEFAULT false,
    "countryCode" TEXT NOT NULL,
    "adoptedOn" DATE,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThematicArea" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameEs" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "descriptionEs" TEXT NOT NULL,

    CONSTRAINT "ThematicArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objective" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "thematicAreaId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textEs" TEXT NOT NULL,

    CONSTRAINT "Objective_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineOfAction" (
    "id" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textEs" TEXT NOT NULL,

    CONSTRAINT "LineOfAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanActivity" (
    "id" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "lineOfActionId" TEXT,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textEs" TEXT NOT NULL,
    "needsConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "confirmationNote" TEXT,

    CONSTRAINT "PlanActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textEs" TEXT NOT NULL,
    "unit" "IndicatorUnit" NOT NULL,
    "disaggregation" "Disaggregation" NOT NULL DEFAULT 'NONE',
    "needsConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "confirmationNote" TEXT,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "indicatorId" TEXT,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textEs" TEXT NOT NULL,
    "targetValue" DECIMAL(65,30),
    "comparator" "GoalComparator",
    "period" "GoalPeriod",
    "needsConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "confirmationNote" TEXT,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameEs" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "InstitutionKind" NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/Mexico_City',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObjectiveInstitution" (
    "objectiveId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,

    CONSTRAINT "ObjectiveInstitution_pkey" PRIMARY KEY ("objectiveId","institutionId")
);

-- CreateTable
CREATE TABLE "IndicatorReporter" (
    "indicatorId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,

    CONSTRAINT "IndicatorReporter_pkey" PRIMARY KEY ("indicatorId","institutionId")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "ContactRole" NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'es-MX',
    "timeZone" TEXT NOT NULL DEFAULT 'America/Mexico_City',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingCycle" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'OPEN',
    "workflowId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "policy" JSONB NOT NULL,
    "openedBy" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ReportingCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "status" "DataRequestStatus" NOT NULL DEFAULT 'PENDING',
    "deadline" TIMESTAMP(3) NOT NULL,
    "policyOverride" JSONB,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "nextActionKind" TEXT,
    "nextActionAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "SubmissionKind" NOT NULL,
    "narrative" TEXT,
    "submittedBy" TEXT NOT NULL,
    "reason" TEXT,
    "contentHash" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionValue" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "breakdown" "ValueBreakdown" NOT NULL DEFAULT 'TOTAL',
    "numberValue" DECIMAL(65,30),
    "booleanValue" BOOLEAN,
    "textValue" TEXT,
    "comment" TEXT,

    CONSTRAINT "SubmissionValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "dataRequestId" TEXT,
    "kind" TEXT NOT NULL,
    "to" TEXT[],
    "cc" TEXT[],
    "subject" TEXT NOT NULL,
    "inReplyTo" TEXT,
    "status" "MessageStatus" NOT NULL DEFAULT 'SENDING',
    "smtpResponse" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SentMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "cycleId" TEXT,
    "dataRequestId" TEXT,
    "data" JSONB,
    "idempotencyKey" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "nameEs" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_key_version_key" ON "Plan"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ThematicArea_planId_code_key" ON "ThematicArea"("planId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Objective_planId_code_key" ON "Objective"("planId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "LineOfAction_objectiveId_code_key" ON "LineOfAction"("objectiveId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PlanActivity_objectiveId_code_key" ON "PlanActivity"("objectiveId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_planId_code_key" ON "Indicator"("planId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Goal_objectiveId_code_key" ON "Goal"("objectiveId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Institution_code_key" ON "Institution"("code");

-- CreateIndex
CREATE INDEX "Contact_institutionId_role_active_idx" ON "Contact"("institutionId", "role", "active");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_institutionId_email_role_key" ON "Contact"("institutionId", "email", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingCycle_workflowId_key" ON "ReportingCycle"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingCycle_planId_year_key" ON "ReportingCycle"("planId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_workflowId_key" ON "DataRequest"("workflowId");

-- CreateIndex
CREATE INDEX "DataRequest_cycleId_status_idx" ON "DataRequest"("cycleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_cycleId_institutionId_key" ON "DataRequest"("cycleId", "institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_idempotencyKey_key" ON "Submission"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_dataRequestId_version_key" ON "Submission"("dataRequestId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionValue_submissionId_indicatorId_breakdown_key" ON "SubmissionValue"("submissionId", "indicatorId", "breakdown");

-- CreateIndex
CREATE UNIQUE INDEX "SentMessage_idempotencyKey_key" ON "SentMessage"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "SentMessage_messageId_key" ON "SentMessage"("messageId");

-- CreateIndex
CREATE INDEX "SentMessage_dataRequestId_createdAt_idx" ON "SentMessage"("dataRequestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_idempotencyKey_key" ON "AuditEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AuditEvent_dataRequestId_at_idx" ON "AuditEvent"("dataRequestId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_cycleId_at_idx" ON "AuditEvent"("cycleId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Holiday_date_key" ON "Holiday"("date");

-- AddForeignKey
ALTER TABLE "ThematicArea" ADD CONSTRAINT "ThematicArea_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objective" ADD CONSTRAINT "Objective_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objective" ADD CONSTRAINT "Objective_thematicAreaId_fkey" FOREIGN KEY ("thematicAreaId") REFERENCES "ThematicArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineOfAction" ADD CONSTRAINT "LineOfAction_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_lineOfActionId_fkey" FOREIGN KEY ("lineOfActionId") REFERENCES "LineOfAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObjectiveInstitution" ADD CONSTRAINT "ObjectiveInstitution_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObjectiveInstitution" ADD CONSTRAINT "ObjectiveInstitution_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorReporter" ADD CONSTRAINT "IndicatorReporter_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorReporter" ADD CONSTRAINT "IndicatorReporter_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingCycle" ADD CONSTRAINT "ReportingCycle_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReportingCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_dataRequestId_fkey" FOREIGN KEY ("dataRequestId") REFERENCES "DataRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionValue" ADD CONSTRAINT "SubmissionValue_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionValue" ADD CONSTRAINT "SubmissionValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentMessage" ADD CONSTRAINT "SentMessage_dataRequestId_fkey" FOREIGN KEY ("dataRequestId") REFERENCES "DataRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_dataRequestId_fkey" FOREIGN KEY ("dataRequestId") REFERENCES "DataRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
