-- AlterTable
ALTER TABLE "TrainingRun" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "TrainingRun" ADD COLUMN "ownerId" TEXT;
