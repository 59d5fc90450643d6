-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "compiledAt" TIMESTAMP(3) NOT NULL,
    "compiledBy" TEXT NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "openRequests" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportFile" (
    "reportVersionId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "ReportFile_pkey" PRIMARY KEY ("reportVersionId","format","lang")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_idempotencyKey_key" ON "ReportVersion"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_cycleId_version_key" ON "ReportVersion"("cycleId", "version");

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReportingCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportFile" ADD CONSTRAINT "ReportFile_reportVersionId_fkey" FOREIGN KEY ("reportVersionId") REFERENCES "ReportVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Report versions are immutable: only the publication status moves. A file is never changed.
CREATE FUNCTION "report_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."cycleId" IS DISTINCT FROM OLD."cycleId" OR NEW."version" IS DISTINCT FROM OLD."version"
     OR NEW."compiledAt" IS DISTINCT FROM OLD."compiledAt" OR NEW."compiledBy" IS DISTINCT FROM OLD."compiledBy"
     OR NEW."snapshotHash" IS DISTINCT FROM OLD."snapshotHash" OR NEW."openRequests" IS DISTINCT FROM OLD."openRequests"
     OR NEW."idempotencyKey" IS DISTINCT FROM OLD."idempotencyKey" THEN
    RAISE EXCEPTION 'a report version is immutable (only its publication status changes)' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ReportVersion_immutable" BEFORE UPDATE ON "ReportVersion" FOR EACH ROW EXECUTE FUNCTION "report_version_immutable"();

CREATE FUNCTION "report_file_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a report file is immutable' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER "ReportFile_immutable" BEFORE UPDATE ON "ReportFile" FOR EACH ROW EXECUTE FUNCTION "report_file_immutable"();
