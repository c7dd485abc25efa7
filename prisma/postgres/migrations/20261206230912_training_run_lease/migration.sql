-- AlterTable
ALTER TABLE "TrainingRun" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "ownerId" TEXT;
