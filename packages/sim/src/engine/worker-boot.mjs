// Worker bootstrap: the sources are TypeScript, so register tsx in this thread, then load the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
