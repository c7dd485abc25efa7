-- AlterTable
ALTER TABLE "Article" ADD COLUMN "entities" TEXT;
