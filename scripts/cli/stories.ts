import { listStories } from "../../lib/stories/list";
import type { CliCommand } from "./types";

const command: CliCommand = {
  summary: "list stories and their language versions",
  help: "usage: npm run cli -- stories\n\nPrints one line per story: key, languages, title.",
  async run(_args, { db }) {
    for (const story of await listStories(db, { take: 1000 })) {
      console.log(`${story.key}\t${story.articles.map((a) => a.language).join(",")}\t${story.title}`);
    }
    return 0;
  },
};

export default command;
