-- The event stream a tab's presence was last sent through: when that stream
-- ends, the tab has left (however recently it was heard of); when an older
-- stream of the tab ends after a newer one took over, nothing happens.
ALTER TABLE "Presence" ADD COLUMN "streamId" TEXT;
