-- AlterTable
ALTER TABLE "Revocation" ADD COLUMN     "revision" BIGINT;
