-- CreateEnum
CREATE TYPE "GoalTargetKind" AS ENUM ('COUNT', 'MILESTONES', 'OCCURRENCE', 'SHARE');

-- AlterTable
ALTER TABLE "Goal" ADD COLUMN     "notes" TEXT,
ADD COLUMN     "target" JSONB,
ADD COLUMN     "targetKind" "GoalTargetKind";

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "LineOfAction" ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "Objective" ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "adoptedOnNote" TEXT,
ADD COLUMN     "conventions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "sourceDescription" TEXT,
ADD COLUMN     "spanishNote" TEXT;

-- AlterTable
ALTER TABLE "PlanActivity" ADD COLUMN     "notes" TEXT;

-- Rows written before target kinds keep their target in the summary columns, which are read as the
-- equivalent kind (domain/stored-goal-target.ts): give them that kind, so counts by kind include them. A
-- row without a unit (written before "targetUnit" existed) is not read as a target, so it gets no kind.
UPDATE "Goal"
SET "targetKind" = CASE WHEN "targetUnit" = 'PERCENTAGE' THEN 'SHARE'::"GoalTargetKind" ELSE 'COUNT'::"GoalTargetKind" END
WHERE "targetValue" IS NOT NULL AND "comparator" IS NOT NULL AND "targetUnit" IN ('COUNT', 'PERCENTAGE') AND "target" IS NULL;
