-- AlterTable
ALTER TABLE "Goal" ADD COLUMN     "targetUnit" "IndicatorUnit";

-- AlterTable
ALTER TABLE "IndicatorReporter" ADD COLUMN     "basis" TEXT,
ADD COLUMN     "derived" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "LineOfAction" ADD COLUMN     "confirmationNote" TEXT,
ADD COLUMN     "needsConfirmation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Objective" ADD COLUMN     "confirmationNote" TEXT,
ADD COLUMN     "needsConfirmation" BOOLEAN NOT NULL DEFAULT false;
