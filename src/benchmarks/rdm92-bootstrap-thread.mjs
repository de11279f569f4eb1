// Worker entry: TypeScript in a worker thread under Node 20 needs tsx registered in that thread first.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./rdm92-bootstrap-thread.ts', import.meta.url).href);
