/** `prisma db seed` entry: seeds the demo newsroom into DATABASE_URL. */
import { createDb } from "../lib/db";
import { seedDemoNewsroom } from "../lib/demo/seed";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (use `npm run db:seed`, which provides one)");
const db = createDb(url);
seedDemoNewsroom(db)
  .then((report) => console.log(`Seeded: ${JSON.stringify(report)}`))
  .finally(() => db.$disconnect());
