/**
 * Child process for the SIGKILL test: writes to client storage as fast as it can and prints `ok N` after each
 * set resolved. The parent kills it at a random moment and checks that every acknowledged set survived.
 */
import { ClientStorage } from '../../src/main/services/storage/client-storage.ts';

const [dir, compactAfter] = process.argv.slice(2);
const store = await ClientStorage.open({
  dir: dir!,
  compactAfterBytes: Number(compactAfter),
  log: { warn: () => {}, error: () => {} },
});
let next = store.size;
process.stdout.write(`ready ${next}\n`);
for (;;) {
  const burst: Array<Promise<void>> = [];
  const size = 1 + (next % 17);
  for (let j = 0; j < size; j++) {
    const k = next++;
    burst.push(
      store.set(`k${k}`, { k, pad: 'x'.repeat(k % 300) }).then(() => {
        process.stdout.write(`ok ${k}\n`);
      }),
    );
  }
  if (next % 5 === 0)
    burst.push(store.setMany([['counter', next]]).then(() => void process.stdout.write(`counter ${next}\n`)));
  await Promise.all(burst);
}
