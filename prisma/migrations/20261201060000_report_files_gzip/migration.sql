-- Report files kept compressed where it pays (JSON, HTML, CSV: prisma/stored-file.ts); sha256 and size
-- stay those of the file as served. Existing rows are kept as they are ("identity").
ALTER TABLE "ReportFile" ADD COLUMN "encoding" TEXT NOT NULL DEFAULT 'identity';
ALTER TABLE "ReportFile" ADD CONSTRAINT "ReportFile_encoding_check" CHECK ("encoding" IN ('identity', 'gzip'));

-- The figures the report's emails quote, kept beside the version (immutable with it).
ALTER TABLE "ReportVersion" ADD COLUMN "emailFacts" JSONB;

CREATE OR REPLACE FUNCTION "report_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."cycleId" IS DISTINCT FROM OLD."cycleId" OR NEW."version" IS DISTINCT FROM OLD."version"
     OR NEW."compiledAt" IS DISTINCT FROM OLD."compiledAt" OR NEW."compiledBy" IS DISTINCT FROM OLD."compiledBy"
     OR NEW."snapshotHash" IS DISTINCT FROM OLD."snapshotHash" OR NEW."openRequests" IS DISTINCT FROM OLD."openRequests"
     OR NEW."idempotencyKey" IS DISTINCT FROM OLD."idempotencyKey" OR NEW."emailFacts" IS DISTINCT FROM OLD."emailFacts" THEN
    RAISE EXCEPTION 'a report version is immutable (only its publication status changes)' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
