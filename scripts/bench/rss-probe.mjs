// Preloaded with `node --import` where GNU time is missing: records the process's peak RSS (KB).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.DJSEC_BENCH_RSS_FILE) writeFileSync(process.env.DJSEC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
