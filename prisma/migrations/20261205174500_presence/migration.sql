-- Who has a story open, per browser tab: the pane they are in and the span
-- they have selected. Written by the tab's heartbeats (lib/live/presence.ts),
-- announced with NOTIFY parallax_presence; a row not refreshed for 25 s is
-- ignored and later deleted.

-- CreateTable
CREATE TABLE "Presence" (
    "tabId" TEXT NOT NULL,
    "storyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "articleId" UUID,
    "spanId" UUID,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("tabId")
);

-- CreateIndex
CREATE INDEX "Presence_storyId_seenAt_idx" ON "Presence"("storyId", "seenAt");
