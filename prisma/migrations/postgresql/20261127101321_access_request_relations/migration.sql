-- NOT VALID: existing rows are not checked, so a request whose agent or server no longer exists
-- (only a hand edit can make one, identities are never deleted) cannot stop the migration and is
-- kept, as the SQLite table rebuild keeps it. New and updated rows are checked.

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
