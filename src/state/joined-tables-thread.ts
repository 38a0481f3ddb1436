/** Worker-thread entry of writeJoinedTablesInThread: writes the per-article report files (over their spares, or to temporary files), posts their layout and the renames still to do. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeJoinedTablesUnrenamed, type ArticleRows, type JoinedTablesJob } from './joined-tables.ts';

const { job, rows } = workerData as { job: JoinedTablesJob; rows: Map<string, ArticleRows> };
try {
  const written = writeJoinedTablesUnrenamed(job, (file) => {
    const found = rows.get(file);
    if (!found) throw new Error(`the report thread was given no rows for ${file}`);
    return found;
  });
  parentPort!.postMessage(written);
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
