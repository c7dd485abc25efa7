-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DailyMetric" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "readers" INTEGER NOT NULL,
    "recallHits" INTEGER NOT NULL DEFAULT 0,
    "recallClicks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_DailyMetric" ("category", "clicks", "day", "id", "impressions", "modelVersion", "readers", "updatedAt") SELECT "category", "clicks", "day", "id", "impressions", "modelVersion", "readers", "updatedAt" FROM "DailyMetric";
DROP TABLE "DailyMetric";
ALTER TABLE "new_DailyMetric" RENAME TO "DailyMetric";
CREATE INDEX "DailyMetric_day_idx" ON "DailyMetric"("day");
CREATE UNIQUE INDEX "DailyMetric_day_modelVersion_category_key" ON "DailyMetric"("day", "modelVersion", "category");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
