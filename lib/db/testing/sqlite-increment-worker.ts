// Test helper process: increments the audit head counter N times, each time
// reading then writing inside one transaction, through Warden's SQLite adapter.
// Run two at once to prove cross-process writers queue instead of failing.
import { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { SerializedSqliteAdapterFactory } from "@/lib/db/serialized-sqlite-adapter";

const [file, countText] = process.argv.slice(2);
const client = new PrismaClient({ adapter: new SerializedSqliteAdapterFactory(file!) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; i < Number(countText); i += 1) {
  await client.$transaction(
    async (tx) => {
      const head = await tx.auditHead.findUniqueOrThrow({ where: { id: 1 } });
      await sleep(5);
      await tx.auditHead.update({ where: { id: 1 }, data: { seq: head.seq + 1n } });
    },
    { maxWait: 20_000, timeout: 20_000 },
  );
}
await client.$disconnect();
